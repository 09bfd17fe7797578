"""Writes the course's exercise images into course/assets/images/. Deterministic.

Two kinds:

- photographs from scikit-image's sample data (in its wheel: no download), all
  public domain or CC0; each one's source and license are in CREDITS below and on
  the course's credits page;
- synthetic scenes drawn with Pillow, where the exact gold geometry is known
  because the script drew it: printed circuit boards with defects (solder
  bridges, missing components, scratches), aerial maps with building
  footprints and a pond, and cartoon faces with landmarks. Each scene's gold
  is written next to it as <name>.gold.json, in natural pixels, in the shape a
  learner's response has (boxes, polygons, points).

Run: pip install scikit-image && python tools/make_images.py
Same input, same bytes: random choices come from fixed seeds, PNG and JPEG are
written with fixed settings.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "course" / "assets" / "images"

#: Photographs from scikit-image's sample data: name -> (file, credit, license).
CREDITS = {
    "astronaut": (
        "Eileen Collins, NASA astronaut; from NASA's Great Images database",
        "public domain (no known copyright restrictions)",
    ),
    "chelsea": ("Chelsea the cat, photographed by Stefan van der Walt", "CC0"),
    "coffee": ("A cup of coffee, photographed by Rachel Michetti", "CC0"),
    "coins": (
        "Greek coins from Pompeii, Brooklyn Museum collection",
        "no known copyright restrictions",
    ),
    "rocket": ("A Falcon 9 launch, photographed by SpaceX", "public domain (released by SpaceX)"),
    "retina": (
        "Fundus photograph of a normal left eye, by Mikael Häggström",
        "CC0 1.0 Universal Public Domain Dedication",
    ),
}


def photographs() -> None:
    import skimage.data

    for name in CREDITS:
        pixels = getattr(skimage.data, name)()
        image = Image.fromarray(pixels)
        image.save(OUT / f"{name}.jpg", "JPEG", quality=88, optimize=True)


# --- circuit boards -----------------------------------------------------------

BOARD = (28, 94, 52)
TRACE = (190, 160, 70)
PAD = (205, 205, 200)
CHIP = (30, 30, 32)
SOLDER = (225, 225, 230)
SCRATCH = (120, 170, 130)


def box(x0: float, y0: float, x1: float, y1: float, label: str) -> dict:
    return {"label": label, "x": x0, "y": y0, "w": x1 - x0, "h": y1 - y0}


def circuit_board(seed: int, defects: list[str]) -> tuple[Image.Image, dict]:
    """A 640 x 400 board with chips and resistors; ``defects`` picks what goes wrong."""
    rng = random.Random(seed)
    image = Image.new("RGB", (640, 400), BOARD)
    draw = ImageDraw.Draw(image)
    for y in range(30, 400, 46):  # traces
        draw.line([(0, y), (640, y + rng.randint(-8, 8))], fill=TRACE, width=3)
    gold = []
    chips = [(60 + 180 * i, 60 + 150 * j) for i in range(3) for j in range(2)]
    missing = rng.randrange(len(chips)) if "missing" in defects else None
    bridged = (missing + 1) % len(chips) if missing is not None else rng.randrange(len(chips))
    for index, (x, y) in enumerate(chips):
        pins = [(x + 12 + 18 * k, y - 12) for k in range(6)] + [
            (x + 12 + 18 * k, y + 74) for k in range(6)
        ]
        for px, py in pins:
            draw.rectangle([px, py, px + 8, py + 14], fill=PAD)
        if index == missing:  # an empty footprint: pads, outline, no body
            draw.rectangle([x, y + 6, x + 120, y + 66], outline=(235, 235, 235), width=2)
            gold.append(box(x, y - 12, x + 121, y + 89, "Missing Component"))
            continue
        draw.rectangle([x, y + 6, x + 120, y + 66], fill=CHIP)
        draw.ellipse([x + 6, y + 12, x + 14, y + 20], fill=(90, 90, 95))
        if index == bridged and "bridge" in defects:
            k = rng.randrange(5)
            px = x + 12 + 18 * k
            draw.rectangle([px, y - 10, px + 26, y - 2], fill=SOLDER)
            gold.append(box(px, y - 12, px + 27, y + 3, "Solder Bridge"))
    if "scratch" in defects:
        x0, y0 = rng.randint(420, 480), rng.randint(300, 330)
        x1, y1 = x0 + rng.randint(90, 130), y0 + rng.randint(30, 50)
        draw.line([(x0, y0), (x1, y1)], fill=SCRATCH, width=3)
        gold.append(box(x0 - 1, y0 - 1, x1 + 2, y1 + 2, "Scratch"))
    for _ in range(12):  # resistors, never defects
        x, y = rng.randint(20, 600), rng.randint(164, 178)
        draw.rectangle([x, y, x + 22, y + 8], fill=(150, 110, 70))
    image = image.filter(ImageFilter.SMOOTH)
    return image, {"boxes": gold}


# --- aerial map ---------------------------------------------------------------


#: aerial-01: a level road, an L-shaped roof, a turned roof, a plain roof, a pond.
AERIAL_01 = {
    "road": ([0, 190, 600, 230], [(0, 210), (600, 210)]),
    "buildings": [
        [[60, 40], [200, 40], [200, 90], [130, 90], [130, 160], [60, 160]],  # L-shape
        [[260, 60], [360, 50], [370, 140], [270, 150]],  # rotated roof
        [[420, 270], [540, 270], [540, 360], [420, 360]],
    ],
    "pond": [[90, 280], [170, 262], [250, 290], [262, 350], [200, 392], [110, 380], [70, 330]],
}

#: aerial-quiz4: an upright road, a T-shaped roof, a turned roof, a plain roof and a
#: six-sided pond, for the Week 4 quiz.
AERIAL_QUIZ4 = {
    "road": ([280, 0, 320, 420], [(300, 0), (300, 420)]),
    "buildings": [
        [
            [40, 50],
            [220, 50],
            [220, 100],
            [160, 100],
            [160, 190],
            [100, 190],
            [100, 100],
            [40, 100],
        ],
        [[380, 40], [500, 60], [485, 150], [365, 130]],
        [[60, 280], [180, 280], [180, 370], [60, 370]],
    ],
    "pond": [[360, 250], [450, 230], [540, 270], [550, 340], [470, 390], [380, 360]],
}


def aerial_map(layout: dict = AERIAL_01) -> tuple[Image.Image, dict]:
    """Fields, a road, buildings and a pond, seen from above, as ``layout`` places them."""
    image = Image.new("RGB", (600, 420), (121, 160, 88))
    draw = ImageDraw.Draw(image)
    road, centre_line = layout["road"]
    draw.rectangle(road, fill=(110, 110, 110))
    draw.line(centre_line, fill=(235, 225, 120), width=2)
    buildings = layout["buildings"]
    for points in buildings:
        draw.polygon([tuple(p) for p in points], fill=(170, 90, 70), outline=(90, 50, 40))
    pond = layout["pond"]
    draw.polygon([tuple(p) for p in pond], fill=(70, 120, 190))
    polygons = [{"label": "Building", "points": p} for p in buildings]
    polygons.append({"label": "Water", "points": pond})
    return image, {"polygons": polygons}


# --- cartoon face -------------------------------------------------------------


#: face-01: a face in the middle of the picture, level eyes.
FACE_01 = {
    "head": [80, 50, 320, 350],
    "eyes": ((150, 160), (250, 160)),
    "nose": [(200, 170), (188, 225), (204, 225)],
    "mouth": (200, 285, 45, 30),
}

#: face-quiz4: a smaller face left of centre, its nose drawn the other way round and a
#: narrower smile, for the Week 4 quiz.
FACE_QUIZ4 = {
    "head": [60, 40, 290, 340],
    "eyes": ((130, 150), (218, 150)),
    "nose": [(170, 160), (184, 212), (168, 212)],
    "mouth": (174, 268, 38, 22),
}


def cartoon_face(layout: dict = FACE_01) -> tuple[Image.Image, dict]:
    """A face looking out of the picture, with five landmarks at known pixels.

    Gold names the face's own sides, as annotators are taught: its left eye is on
    the right of the image. The nose tip is the middle of the nose's short foot;
    the mouth corners are the two ends of the smile's arc, worked out from the arc.
    """
    image = Image.new("RGB", (400, 400), (236, 240, 246))
    draw = ImageDraw.Draw(image)
    draw.ellipse(layout["head"], fill=(241, 200, 160), outline=(120, 80, 60), width=3)
    for x, y in layout["eyes"]:
        draw.ellipse([x - 22, y - 12, x + 22, y + 12], fill="white", outline=(60, 40, 30), width=2)
        draw.ellipse([x - 7, y - 7, x + 7, y + 7], fill=(60, 90, 140))
    nose = layout["nose"]
    draw.line(nose, fill=(150, 100, 80), width=3)
    # The smile: an arc of the ellipse centred at (cx, cy) with half-axes ax x ay (for
    # face-01, (200, 285) and 45 x 30), from 20 to 160 degrees (clockwise from 3
    # o'clock, as Pillow counts).
    cx, cy, ax, ay = layout["mouth"]
    draw.arc([cx - ax, cy - ay, cx + ax, cy + ay], start=20, end=160, fill=(160, 60, 60), width=4)

    def on_arc(degrees: float) -> tuple[int, int]:
        angle = math.radians(degrees)
        return round(cx + ax * math.cos(angle)), round(cy + ay * math.sin(angle))

    (right_x, right_y), (left_x, left_y) = layout["eyes"]  # the face's right is on the image's left
    (_, _), (foot_x0, foot_y), (foot_x1, _) = nose
    points = {
        "Left eye": (left_x, left_y),
        "Right eye": (right_x, right_y),
        "Nose tip": ((foot_x0 + foot_x1) // 2, foot_y),
        "Left mouth corner": on_arc(20),
        "Right mouth corner": on_arc(160),
    }
    gold = [{"label": name, "x": x, "y": y} for name, (x, y) in points.items()]
    return image, {"points": gold}


def write_scene(name: str, image: Image.Image, gold: dict) -> None:
    image.save(OUT / f"{name}.png", "PNG", optimize=True)
    (OUT / f"{name}.gold.json").write_text(json.dumps(gold, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    photographs()
    write_scene("pcb-01", *circuit_board(1, ["bridge", "missing", "scratch"]))
    write_scene("pcb-02", *circuit_board(2, ["bridge"]))
    write_scene("pcb-03", *circuit_board(3, ["missing", "scratch"]))
    write_scene("aerial-01", *aerial_map())
    write_scene("face-01", *cartoon_face())
    write_scene("pcb-quiz3", *circuit_board(5, ["bridge", "missing", "scratch"]))
    write_scene("aerial-quiz4", *aerial_map(AERIAL_QUIZ4))
    write_scene("face-quiz4", *cartoon_face(FACE_QUIZ4))
    print(f"wrote images to {OUT}")


if __name__ == "__main__":
    main()
