"""``annotrain new site DIR``: a small, complete course that builds strictly as it stands.

The files are in ``starter_site/`` beside this module: ``mkdocs.yml`` (Material,
light and dark, instant navigation, no web fonts, the plugin's options commented),
a home page, a lesson with a choice, a spans and a bbox exercise, a quiz, a
progress page, a rubric file that replaces a default rubric, a README and a
``.gitignore``; with ``--github-pages``, a workflow that publishes the site. The
lesson's picture is drawn here, with Pillow, so its gold boxes are exact: each is
the bounding box of the pixels its object was drawn with.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import AnnotrainError
from ..fileio import write_atomic

STARTER = Path(__file__).resolve().parent / "starter_site"
#: Starter file -> where it goes in the new site (the rest keep their paths).
RENAMED = {"gitignore": ".gitignore", "github-pages.yml": ".github/workflows/publish.yml"}
IMAGE = "docs/assets/desk.png"
WIDTH, HEIGHT = 640, 400


def desk_picture() -> tuple[bytes, list[dict]]:
    """The lesson's PNG (a desk seen from above) and its gold boxes, in drawing order.

    Boxes follow the course convention: ``x, y`` is the top-left pixel of the
    object and ``w, h`` count its pixels, so the right edge is at ``x + w - 1``.
    """
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (WIDTH, HEIGHT), (222, 196, 160))
    draw = ImageDraw.Draw(picture)
    for y in range(0, HEIGHT, 23):  # wood grain, part of the background
        draw.line([(0, y), (WIDTH, y + 6)], fill=(210, 182, 146), width=2)
    shapes = {
        "Book": [
            ("rectangle", (60, 90, 229, 319), (38, 84, 160)),
            ("rectangle", (72, 100, 84, 309), (230, 230, 235)),
        ],
        "Mug": [
            ("ellipse", (368, 148, 442, 206), (190, 40, 40)),  # handle, ring drawn below
            ("ellipse", (372, 154, 436, 200), (222, 196, 160)),
            ("ellipse", (300, 120, 400, 220), (200, 45, 45)),
            ("ellipse", (318, 138, 382, 202), (120, 30, 25)),
        ],
        "Phone": [
            ("rounded", (488, 230, 567, 369), (25, 25, 30)),
            ("rectangle", (496, 244, 559, 349), (70, 90, 120)),
        ],
    }
    boxes = []
    for label, parts in shapes.items():
        mask = Image.new("1", (WIDTH, HEIGHT), 0)
        marks = ImageDraw.Draw(mask)
        for kind, corners, colour in parts:
            if kind == "rectangle":
                draw.rectangle(corners, fill=colour)
                marks.rectangle(corners, fill=1)
            elif kind == "ellipse":
                draw.ellipse(corners, fill=colour)
                marks.ellipse(corners, fill=1)
            else:
                draw.rounded_rectangle(corners, radius=12, fill=colour)
                marks.rounded_rectangle(corners, radius=12, fill=1)
        left, top, right, bottom = mask.getbbox()  # right and bottom are exclusive
        boxes.append({"label": label, "x": left, "y": top, "w": right - left, "h": bottom - top})
    data = io.BytesIO()
    picture.save(data, format="PNG", optimize=True)
    return data.getvalue(), boxes


def starter_files(site_name: str, github_pages: bool = False) -> dict[str, str | bytes]:
    """Every file of the starter site, by its path in the new folder."""
    image, boxes = desk_picture()
    gold = "\n".join(
        f"    - {{label: {b['label']}, x: {b['x']}, y: {b['y']}, w: {b['w']}, h: {b['h']}}}"
        for b in boxes
    )
    files: dict[str, str | bytes] = {IMAGE: image}
    for path in sorted(STARTER.rglob("*")):
        name = path.relative_to(STARTER).as_posix()
        if path.is_dir() or (name == "github-pages.yml" and not github_pages):
            continue
        text = path.read_text(encoding="utf-8")
        text = text.replace("__SITE_NAME__", site_name).replace("__DESK_BOXES__", gold)
        files[RENAMED.get(name, name)] = text
    return files


def write_site(folder: Path, site_name: str, force: bool = False, github_pages: bool = False):
    """Write the starter site into ``folder``; returns the paths written, sorted.

    Refuses a folder that holds anything unless ``force``; even then, replaces only
    the starter's own files and leaves every other file alone.
    """
    if folder.exists() and not folder.is_dir():
        raise AnnotrainError(f"{folder}: is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise AnnotrainError(
            f"{folder}: is not empty; choose an empty or new folder, or pass --force to "
            "write the starter's files into it (files of the same name are replaced)"
        )
    files = starter_files(site_name, github_pages)
    for name, data in files.items():
        write_atomic(folder / name, data)
    return sorted(files)
