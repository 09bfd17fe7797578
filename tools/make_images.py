"""Writes the course's exercise images into course/assets/images/. Deterministic.

Two kinds:

- photographs from scikit-image's sample data (in its wheel: no download), all
  public domain or CC0; each one's source and license are in CREDITS below and on
  the course's credits page;
- synthetic scenes drawn with Pillow (or painted pixel by pixel), where the exact gold geometry is known
  because the script drew it: printed circuit boards with defects (solder
  bridges, missing components, scratches), aerial maps with building
  footprints, a pond and sometimes a car park, cartoon faces with landmarks (one
  with an eye hidden under a patch), and a shop shelf of bottles and cans. Each scene's gold
  is written next to it as <name>.gold.json, in natural pixels, in the shape a
  learner's response has (boxes, polygons, points, masks as COCO run lengths).

Run: pip install scikit-image && python tools/make_images.py
(python tools/make_images.py --no-photos writes the synthetic scenes alone.)
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
    """A gold box on pixel edges, as the course teaches.

    (x0, y0) is the top-left corner of the first pixel covered and (x1, y1) the
    bottom-right corner of the last, one past its index. Pillow's rectangle
    [a, b, c, d] fills columns a to c, so it is box(a, b, c + 1, d + 1): w = c - a + 1.
    """
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


#: aerial-final-a: a level road, a U-shaped roof open towards the road, a turned
#: roof, a plain roof and a seven-sided pond, for the self-check final.
AERIAL_FINAL_A = {
    "road": ([0, 230, 600, 266], [(0, 248), (600, 248)]),
    "buildings": [
        [
            [50, 40],
            [230, 40],
            [230, 200],
            [180, 200],
            [180, 100],
            [100, 100],
            [100, 200],
            [50, 200],
        ],
        [[300, 70], [420, 50], [436, 140], [316, 160]],
        [[440, 300], [560, 300], [560, 390], [440, 390]],
    ],
    "pond": [[80, 300], [180, 290], [250, 320], [240, 380], [170, 405], [90, 395], [60, 350]],
}

#: aerial-final-b: an upright road, a car park with bays beside it, an L-shaped
#: roof, a plain roof and a five-sided pond, for the self-check final.
AERIAL_FINAL_B = {
    "road": ([250, 0, 290, 420], [(270, 0), (270, 420)]),
    "car_parks": [[40, 250, 220, 390]],
    "buildings": [
        [[330, 40], [560, 40], [560, 110], [420, 110], [420, 210], [330, 210]],
        [[60, 50], [190, 50], [190, 170], [60, 170]],
    ],
    "pond": [[450, 280], [540, 260], [575, 340], [520, 400], [430, 370]],
}


#: aerial-exam-a: a level road, a cross-shaped roof (twelve corners), a turned roof,
#: a plain roof and a six-sided pond, for the qualification final.
AERIAL_EXAM_A = {
    "road": ([0, 190, 600, 224], [(0, 207), (600, 207)]),
    "buildings": [
        [
            [110, 30],
            [170, 30],
            [170, 70],
            [220, 70],
            [220, 120],
            [170, 120],
            [170, 160],
            [110, 160],
            [110, 120],
            [60, 120],
            [60, 70],
            [110, 70],
        ],
        [[320, 40], [440, 60], [425, 150], [305, 130]],
        [[60, 260], [200, 260], [200, 380], [60, 380]],
    ],
    "pond": [[330, 270], [420, 250], [520, 280], [540, 350], [450, 395], [350, 370]],
}

#: aerial-exam-b: an upright road, a car park beside it, a roof with a notch, a
#: turned roof and a six-sided pond, for the qualification final.
AERIAL_EXAM_B = {
    "road": ([300, 0, 336, 420], [(318, 0), (318, 420)]),
    "car_parks": [[40, 250, 240, 390]],
    "buildings": [
        [[40, 40], [230, 40], [230, 180], [150, 180], [150, 110], [40, 110]],
        [[380, 50], [520, 40], [530, 150], [390, 160]],
    ],
    "pond": [[400, 250], [500, 240], [560, 300], [520, 380], [420, 370], [380, 310]],
}


def aerial_map(layout: dict = AERIAL_01) -> tuple[Image.Image, dict]:
    """Fields, a road, buildings and a pond, seen from above, as ``layout`` places them.

    A layout may also have ``car_parks``: upright rectangles [x0, y0, x1, y1] of
    dark tarmac with white parking bays, labelled Car park (the road never is).
    """
    image = Image.new("RGB", (600, 420), (121, 160, 88))
    draw = ImageDraw.Draw(image)
    road, centre_line = layout["road"]
    draw.rectangle(road, fill=(110, 110, 110))
    draw.line(centre_line, fill=(235, 225, 120), width=2)
    car_parks = layout.get("car_parks", [])
    for x0, y0, x1, y1 in car_parks:
        draw.rectangle([x0, y0, x1, y1], fill=(78, 78, 84))
        for x in range(x0 + 14, x1 - 6, 18):  # bay lines, inside the tarmac
            draw.line([(x, y0 + 6), (x, y0 + 34)], fill=(240, 240, 240), width=2)
            draw.line([(x, y1 - 34), (x, y1 - 6)], fill=(240, 240, 240), width=2)
    buildings = layout["buildings"]
    for points in buildings:
        draw.polygon([tuple(p) for p in points], fill=(170, 90, 70), outline=(90, 50, 40))
    pond = layout["pond"]
    draw.polygon([tuple(p) for p in pond], fill=(70, 120, 190))
    polygons = [{"label": "Building", "points": p} for p in buildings]
    polygons.append({"label": "Water", "points": pond})
    for x0, y0, x1, y1 in car_parks:
        points = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
        polygons.append({"label": "Car park", "points": points})
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


#: face-final-a: a face right of centre, its eyes at slightly different heights
#: (the head is tilted), for the self-check final.
FACE_FINAL_A = {
    "head": [120, 50, 350, 360],
    "eyes": ((190, 168), (278, 176)),
    "nose": [(236, 182), (248, 236), (230, 236)],
    "mouth": (236, 292, 42, 26),
}

#: face-final-b: a face with a patch over its own right eye (on the image's left),
#: which is hidden, for the self-check final.
FACE_FINAL_B = {
    "head": [70, 60, 330, 370],
    "eyes": ((150, 180), (246, 180)),
    "nose": [(198, 186), (186, 244), (204, 244)],
    "mouth": (198, 304, 48, 28),
    "patch": "Right eye",
}


#: face-exam-a: a face left of centre with a patch over its own left eye (on the
#: image's right), for the qualification final.
FACE_EXAM_A = {
    "head": [40, 50, 300, 370],
    "eyes": ((120, 170), (214, 170)),
    "nose": [(167, 178), (178, 236), (160, 236)],
    "mouth": (167, 296, 44, 26),
    "patch": "Left eye",
}

#: face-exam-b: a face tilted the other way from face-final-a (its left eye, on the
#: image's right, sits higher), for the qualification final.
FACE_EXAM_B = {
    "head": [100, 30, 340, 350],
    "eyes": ((170, 150), (262, 140)),
    "nose": [(216, 160), (226, 214), (208, 214)],
    "mouth": (214, 276, 40, 24),
}


def cartoon_face(layout: dict = FACE_01) -> tuple[Image.Image, dict]:
    """A face looking out of the picture, with five landmarks at known pixels.

    Gold names the face's own sides, as annotators are taught: its left eye is on
    the right of the image. The nose tip is the middle of the nose's short foot;
    the mouth corners are the two ends of the smile's arc, worked out from the arc.
    A layout with ``patch`` (a landmark name, "Right eye" or "Left eye") covers that
    eye with a dark patch on a strap: gold marks it not visible.
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
    patch = layout.get("patch")
    if patch:  # a strap from the head's edge, over the patch, up to the far side
        x, y = points[patch]
        head_x0, _, head_x1, _ = layout["head"]
        side = head_x0 + 6 if x < (head_x0 + head_x1) / 2 else head_x1 - 6
        far = head_x1 - 30 if x < (head_x0 + head_x1) / 2 else head_x0 + 30
        draw.line([(side, y - 8), (x, y), (far, y - 80)], fill=(40, 40, 40), width=5)
        draw.ellipse([x - 30, y - 22, x + 30, y + 22], fill=(35, 35, 38))
    gold = [
        {"label": name, "visible": False} if name == patch else {"label": name, "x": x, "y": y}
        for name, (x, y) in points.items()
    ]
    return image, {"points": gold}


# --- shop shelf ---------------------------------------------------------------

WALL = (232, 228, 218)
PLANK = (140, 100, 60)

#: shelf-final: products standing on two shelves: (kind, x, shelf, colour); a
#: bottle "lying" on its side; price tags on the shelf edges and a poster with a
#: bottle on it, which are not products.
SHELF_FINAL = {
    "products": [
        ("bottle", 40, 0, (60, 130, 80)),
        ("can", 130, 0, (190, 50, 50)),
        ("bottle", 210, 0, (120, 70, 30)),
        ("can", 60, 1, (220, 180, 40)),
        ("lying", 160, 1, (110, 160, 200)),
        ("can", 350, 1, (50, 80, 170)),
    ],
    "tags": [(52, 0), (222, 0), (70, 1), (360, 1), (470, 1)],
    "poster": (470, 30, 600, 170),
}

#: shelf-exam: another arrangement, with a bottle lying on the top shelf, a can
#: standing against a bottle, and more price tags than products on the lower shelf.
SHELF_EXAM = {
    "products": [
        ("can", 30, 0, (40, 140, 150)),
        ("lying", 110, 0, (150, 60, 90)),
        ("can", 300, 0, (230, 120, 40)),
        ("bottle", 90, 1, (70, 70, 160)),
        ("can", 134, 1, (180, 40, 40)),
        ("bottle", 300, 1, (40, 110, 60)),
    ],
    "tags": [(40, 0), (170, 0), (310, 0), (100, 1), (230, 1), (310, 1), (400, 1)],
    "poster": (440, 40, 580, 180),
}

SHELF_TOPS = (190, 370)  # the top of each plank; products stand on it


def product(draw: ImageDraw.ImageDraw, kind: str, x: int, base: int, colour: tuple) -> None:
    """A bottle (standing or lying with its base at x) or a can, drawn above ``base``."""
    if kind == "bottle":  # body 44 x 100, shoulder, neck 16 x 30, cap
        draw.rectangle([x, base - 100, x + 43, base - 1], fill=colour)
        draw.polygon(
            [(x, base - 100), (x + 43, base - 100), (x + 29, base - 116), (x + 14, base - 116)],
            fill=colour,
        )
        draw.rectangle([x + 14, base - 146, x + 29, base - 116], fill=colour)
        draw.rectangle([x + 13, base - 156, x + 30, base - 146], fill=(200, 200, 205))
    elif kind == "lying":  # the same bottle on its side, cap to the right
        draw.rectangle([x, base - 44, x + 99, base - 1], fill=colour)
        draw.polygon(
            [(x + 99, base - 44), (x + 99, base - 1), (x + 115, base - 15), (x + 115, base - 30)],
            fill=colour,
        )
        draw.rectangle([x + 115, base - 30, x + 145, base - 15], fill=colour)
        draw.rectangle([x + 145, base - 31, x + 155, base - 14], fill=(200, 200, 205))
    else:  # a can 40 x 70 with a silver rim at the top and bottom
        draw.rectangle([x, base - 70, x + 39, base - 1], fill=colour)
        draw.rectangle([x, base - 70, x + 39, base - 65], fill=(200, 200, 205))
        draw.rectangle([x, base - 6, x + 39, base - 1], fill=(200, 200, 205))


def shelf_scene(layout: dict = SHELF_FINAL) -> tuple[Image.Image, dict]:
    """A 640 x 400 shop shelf; gold boxes are each product's exact pixel extent."""
    image = Image.new("RGB", (640, 400), WALL)
    draw = ImageDraw.Draw(image)
    for top in SHELF_TOPS:
        draw.rectangle([0, top, 639, top + 14], fill=PLANK)
    x0, y0, x1, y1 = layout["poster"]  # a framed advert: a bottle on a blue ground
    draw.rectangle([x0, y0, x1, y1], fill=(250, 250, 250), outline=(60, 60, 60), width=4)
    draw.rectangle([x0 + 10, y0 + 10, x1 - 10, y1 - 30], fill=(150, 190, 230))
    poster = Image.new("RGB", (640, 400), WALL)
    product(ImageDraw.Draw(poster), "bottle", 0, 160, (60, 130, 80))
    small = poster.crop((0, 0, 44, 160)).resize((22, 80))
    image.paste(small, (x0 + 54, y0 + 20))
    draw.rectangle([x0 + 20, y1 - 22, x1 - 20, y1 - 14], fill=(60, 60, 60))
    gold = []
    for kind, x, shelf, colour in layout["products"]:
        product(draw, kind, x, SHELF_TOPS[shelf], colour)
        mask = Image.new("RGB", image.size, (0, 0, 0))  # the product alone, on black
        product(ImageDraw.Draw(mask), kind, x, SHELF_TOPS[shelf], (255, 255, 255))
        left, top, right, bottom = mask.getbbox()  # right and bottom: one past, pixel edges
        label = "Can" if kind == "can" else "Bottle"
        gold.append({"label": label, "x": left, "y": top, "w": right - left, "h": bottom - top})
    for x, shelf in layout["tags"]:  # price tags on the plank's front edge
        top = SHELF_TOPS[shelf] + 2
        draw.rectangle([x, top, x + 34, top + 10], fill=(250, 250, 250))
        draw.line([(x + 4, top + 5), (x + 24, top + 5)], fill=(30, 30, 30), width=2)
    return image, {"boxes": gold}


# --- practice labs (Weeks 3 and 4) ---------------------------------------------
#
# Crowded and occluded scenes for the practice-lab pages. Each object is painted
# twice in drawing order: in its colours on the picture and as its own number on an
# object map, so that later objects cover earlier ones on both. A modal box (what
# the course's practice boxes ask for) is then the extent of the object's number on
# the map: exactly the pixels of it that can still be seen. Boxes use the same
# pixel-edge convention as above: x, y is the top-left corner of the first pixel,
# x + w the right edge of the last one.


def practice_canvas(size: tuple[int, int], colour: tuple) -> tuple[Image.Image, Image.Image]:
    """A picture and its object map (0 = background)."""
    return Image.new("RGB", size, colour), Image.new("L", size, 0)


def practice_paint(image: Image.Image, objects: Image.Image, number: int, paint) -> None:
    """Paints one object.

    ``paint(draw, colour)`` draws it, in its own colours when ``colour`` is None,
    else all in ``colour``.
    """
    paint(ImageDraw.Draw(image), None)
    mask = Image.new("RGB", image.size, (0, 0, 0))
    paint(ImageDraw.Draw(mask), (255, 255, 255))
    objects.paste(number, mask=mask.convert("L").point(lambda v: 255 if v else 0))


def practice_modal_box(objects: Image.Image, number: int, label: str) -> dict:
    """The box around every pixel of object ``number`` that is still visible."""
    left, top, right, bottom = objects.point(lambda v: 255 if v == number else 0).getbbox()
    return {"label": label, "x": left, "y": top, "w": right - left, "h": bottom - top}


def practice_boxes(size, background, items, scenery=None) -> tuple[Image.Image, dict]:
    """A scene of objects and its modal gold boxes.

    ``items``: (label or None, paint) in drawing order; None is scenery that may cover
    objects but is never boxed. ``scenery(draw)`` paints the background first.
    """
    image, objects = practice_canvas(size, background)
    if scenery:
        scenery(ImageDraw.Draw(image))
    labels = {}
    for number, (label, paint) in enumerate(items, start=1):
        practice_paint(image, objects, number, paint)
        if label:
            labels[number] = label
    gold = [practice_modal_box(objects, n, label) for n, label in labels.items()]
    gold.sort(key=lambda b: (b["x"], b["y"]))
    return image, {"boxes": gold}


def practice_car(x: int, y: int, body: tuple, length: int = 92, width: int = 46, rear: bool = True):
    """A car seen from above, nose up: body, windscreen, roof, rear window (vans have none)."""

    def paint(draw, colour):
        draw.rectangle([x, y, x + width - 1, y + length - 1], fill=colour or body)
        glass = colour or (60, 70, 85)
        draw.rectangle([x + 5, y + 18, x + width - 6, y + 32], fill=glass)
        draw.rectangle([x + 6, y + 33, x + width - 7, y + length - 24], fill=colour or body)
        if rear:
            draw.rectangle([x + 6, y + length - 23, x + width - 7, y + length - 14], fill=glass)

    return paint


def practice_tree(cx: int, cy: int, r: int):
    def paint(draw, colour):
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour or (46, 110, 50))
        draw.ellipse(
            [cx - r // 2, cy - r // 2, cx + r // 3, cy + r // 3], fill=colour or (60, 130, 62)
        )

    return paint


def practice_car_park() -> tuple[Image.Image, dict]:
    """A car park from above: cars and vans parked door to door, a tree over one car."""

    def scenery(draw):
        draw.rectangle([0, 0, 639, 399], fill=(84, 84, 90))
        for x in range(20, 640, 52):  # bay lines
            draw.line([(x, 40), (x, 150)], fill=(235, 235, 235), width=2)
            draw.line([(x, 250), (x, 360)], fill=(235, 235, 235), width=2)

    cars = [
        ("Car", practice_car(24, 50, (200, 40, 40))),
        ("Car", practice_car(70, 52, (40, 90, 190))),  # touches the red car
        ("Van", practice_car(126, 44, (235, 235, 230), length=104, width=48, rear=False)),
        ("Car", practice_car(230, 54, (30, 30, 34))),
        ("Car", practice_car(276, 50, (150, 150, 160))),
        ("Car", practice_car(76, 258, (230, 190, 40))),
        ("Van", practice_car(180, 250, (60, 120, 80), length=106, width=50, rear=False)),
        ("Car", practice_car(230, 262, (120, 40, 110))),
        ("Car", practice_car(440, 256, (210, 120, 40))),
        (None, practice_tree(470, 250, 34)),  # its crown hides the car's nose
    ]
    return practice_boxes((640, 400), (84, 84, 90), cars, scenery)


def practice_fruit(cx: int, cy: int, r: int, kind: str):
    def paint(draw, colour):
        if kind == "Apple":
            draw.line(
                [(cx, cy - r - 9), (cx + 3, cy - r + 2)], fill=colour or (90, 60, 30), width=3
            )
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour or (180, 30, 40))
            draw.ellipse(
                [cx - r // 2, cy - r // 2, cx - r // 4, cy - r // 4], fill=colour or (220, 90, 90)
            )
        else:
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour or (240, 140, 30))
            draw.ellipse([cx - 2, cy - r + 3, cx + 2, cy - r + 7], fill=colour or (120, 100, 40))

    return paint


def practice_fruit_crate() -> tuple[Image.Image, dict]:
    """A crate of apples (with stalks) and oranges, the front ones covering the back ones."""

    def scenery(draw):
        draw.rectangle([40, 40, 600, 360], fill=(150, 110, 70), outline=(100, 70, 40), width=6)

    fruit = [  # back row first: later fruit covers earlier fruit
        ("Orange", practice_fruit(120, 130, 48, "Orange")),
        ("Apple", practice_fruit(215, 125, 44, "Apple")),
        ("Orange", practice_fruit(305, 135, 50, "Orange")),
        ("Apple", practice_fruit(400, 128, 45, "Apple")),
        ("Orange", practice_fruit(500, 132, 49, "Orange")),
        ("Apple", practice_fruit(130, 205, 46, "Apple")),
        ("Orange", practice_fruit(250, 215, 52, "Orange")),
        ("Apple", practice_fruit(470, 208, 44, "Apple")),
        ("Apple", practice_fruit(350, 290, 42, "Apple")),
    ]
    return practice_boxes((640, 400), (220, 214, 200), fruit, scenery)


def practice_person(x: int, y: int, shirt: tuple, scale: float = 1.0):
    """A standing person facing out: head, shirt, trousers, feet; (x, y) is the top of the head."""

    def s(v: float) -> int:
        return round(v * scale)

    def paint(draw, colour):
        draw.ellipse([x - s(14), y, x + s(14), y + s(30)], fill=colour or (225, 185, 150))
        draw.rectangle([x - s(22), y + s(34), x + s(22), y + s(100)], fill=colour or shirt)
        draw.rectangle([x - s(20), y + s(101), x - s(3), y + s(170)], fill=colour or (50, 50, 70))
        draw.rectangle([x + s(3), y + s(101), x + s(20), y + s(170)], fill=colour or (50, 50, 70))
        draw.rectangle([x - s(22), y + s(171), x - s(2), y + s(178)], fill=colour or (30, 30, 30))
        draw.rectangle([x + s(2), y + s(171), x + s(22), y + s(178)], fill=colour or (30, 30, 30))

    return paint


def practice_street() -> tuple[Image.Image, dict]:
    """A pavement.

    People at a crossing, one behind a lamp post, one cut by the frame, and a poster
    of a person on the wall (a picture, not a person).
    """

    def scenery(draw):
        draw.rectangle([0, 0, 639, 259], fill=(200, 190, 175))  # wall
        draw.rectangle([0, 260, 639, 399], fill=(160, 160, 160))  # pavement
        draw.rectangle([470, 40, 600, 220], fill=(250, 250, 245), outline=(40, 40, 40), width=4)
        practice_person(535, 60, (200, 60, 60), 0.8)(draw, None)  # the poster's picture

    people = [
        ("Person", practice_person(8, 150, (60, 110, 180))),  # half out of the frame
        ("Person", practice_person(110, 160, (90, 160, 90))),
        ("Person", practice_person(148, 170, (200, 150, 40))),  # in front of the green shirt
        ("Person", practice_person(300, 150, (150, 60, 140))),
        (None, lambda d, c: d.rectangle([292, 20, 305, 399], fill=c or (70, 70, 75))),  # lamp post
        ("Person", practice_person(400, 205, (40, 40, 40), 0.7)),
    ]
    return practice_boxes((640, 400), (200, 190, 175), people, scenery)


def practice_parcel(x: int, y: int, w: int, h: int, damaged: bool = False):
    def paint(draw, colour):
        draw.rectangle(
            [x, y, x + w - 1, y + h - 1],
            fill=colour or (196, 150, 100),
            outline=colour or (120, 85, 50),
            width=2,
        )
        draw.rectangle(
            [x + w // 2 - 5, y, x + w // 2 + 4, y + h - 1], fill=colour or (170, 125, 80)
        )  # tape
        draw.rectangle(
            [x + 10, y + h - 34, x + 46, y + h - 12], fill=colour or (250, 250, 250)
        )  # label
        if damaged:  # a torn top corner
            draw.polygon(
                [(x + w - 1, y), (x + w - 30, y), (x + w - 1, y + 26)], fill=colour or (70, 50, 35)
            )

    return paint


def practice_parcels() -> tuple[Image.Image, dict]:
    """A stack of parcels on a warehouse floor, the front ones hiding parts of the back ones."""

    def scenery(draw):
        draw.rectangle([0, 330, 639, 399], fill=(120, 120, 125))

    parcels = [
        ("Parcel", practice_parcel(60, 120, 150, 130)),
        ("Damaged parcel", practice_parcel(190, 90, 140, 160, damaged=True)),
        ("Parcel", practice_parcel(310, 140, 120, 110)),
        ("Parcel", practice_parcel(100, 240, 170, 100)),
        ("Parcel", practice_parcel(260, 250, 130, 90)),
        ("Damaged parcel", practice_parcel(420, 200, 150, 140, damaged=True)),
        ("Parcel", practice_parcel(470, 120, 90, 82)),
    ]
    return practice_boxes((640, 400), (210, 205, 195), parcels, scenery)


def practice_pcb_crowded() -> tuple[Image.Image, dict]:
    """A dense board.

    Rows of small chips, bridges between neighbouring pins, a chip missing from its
    footprint, and a test sticker over part of a chip (not a defect).
    """
    image = Image.new("RGB", (640, 400), BOARD)
    draw = ImageDraw.Draw(image)
    for y in range(24, 400, 34):
        draw.line([(0, y), (640, y + 4)], fill=TRACE, width=2)
    gold = []
    for row in range(3):
        for col in range(6):
            x, y = 30 + 100 * col, 40 + 120 * row
            pins = [(x + 6 + 12 * k, y - 9) for k in range(5)] + [
                (x + 6 + 12 * k, y + 44) for k in range(5)
            ]
            for px, py in pins:
                draw.rectangle([px, py, px + 5, py + 9], fill=PAD)
            if (row, col) == (1, 4):  # an empty footprint: pads and outline, no body
                draw.rectangle([x, y + 2, x + 66, y + 40], outline=(235, 235, 235), width=2)
                gold.append(box(x, y - 9, x + 67, y + 54, "Missing Component"))
                continue
            draw.rectangle([x, y + 2, x + 66, y + 40], fill=CHIP)
            if (row, col) in ((0, 2), (2, 1)):  # solder joining pin k to pin k + 1, bottom row
                px = x + 6 + 12 * (1 if row == 0 else 3)
                draw.rectangle([px, y + 46, px + 17, y + 51], fill=SOLDER)
                gold.append(box(px, y + 44, px + 18, y + 54, "Solder Bridge"))
    draw.rectangle([332, 268, 380, 300], fill=(245, 240, 120))  # a yellow QA sticker
    draw.line([(340, 284), (370, 284)], fill=(40, 40, 40), width=3)
    return image, {"boxes": sorted(gold, key=lambda b: (b["x"], b["y"]))}


# Polygons: every outline is drawn from the same vertices the gold gives.


def practice_terrace() -> tuple[Image.Image, dict]:
    """A terrace of houses sharing walls, one with a back extension, and a garden pond."""
    image = Image.new("RGB", (600, 420), (121, 160, 88))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 300, 599, 340], fill=(110, 110, 110))
    houses = [
        [[40, 120], [140, 120], [140, 260], [40, 260]],
        [[140, 120], [230, 120], [230, 200], [260, 200], [260, 260], [140, 260]],  # extension
        [[260, 110], [350, 110], [350, 260], [260, 260]],
        [[350, 110], [440, 110], [440, 200], [410, 200], [410, 260], [350, 260]],
    ]
    roofs = [(170, 90, 70), (150, 80, 64), (180, 104, 80), (160, 96, 72)]
    # the extension's notch leaves room for a small yard between houses 2 and 3
    for points, roof in zip(houses, roofs, strict=True):
        draw.polygon([tuple(p) for p in points], fill=roof, outline=(80, 45, 35))
    pond = [[480, 60], [540, 50], [575, 95], [560, 150], [500, 160], [470, 110]]
    draw.polygon([tuple(p) for p in pond], fill=(70, 120, 190))
    polygons = [{"label": "Building", "points": p} for p in houses]
    polygons.append({"label": "Water", "points": pond})
    return image, {"polygons": polygons}


def practice_river_bridge() -> tuple[Image.Image, dict]:
    """A river under a road bridge: the bridge splits the water into two visible parts."""
    image = Image.new("RGB", (600, 420), (121, 160, 88))
    draw = ImageDraw.Draw(image)
    left = [
        [0, 180],
        [80, 170],
        [160, 190],
        [280, 185],
        [280, 255],
        [170, 262],
        [90, 245],
        [0, 260],
    ]
    right = [
        [320, 185],
        [420, 175],
        [520, 198],
        [599, 190],
        [599, 268],
        [500, 262],
        [410, 275],
        [320, 255],
    ]
    river = left[:4] + right[:4] + right[4:] + left[4:]
    draw.polygon([tuple(p) for p in river], fill=(70, 120, 190))
    draw.rectangle([280, 0, 320, 419], fill=(110, 110, 110))  # the road, on its bridge
    draw.line([(300, 0), (300, 419)], fill=(235, 225, 120), width=2)
    buildings = [
        [[60, 40], [180, 40], [180, 120], [60, 120]],
        [[400, 310], [520, 300], [530, 390], [410, 400]],
    ]
    for points in buildings:
        draw.polygon([tuple(p) for p in points], fill=(170, 90, 70), outline=(90, 50, 40))
    polygons = [{"label": "Water", "points": left}, {"label": "Water", "points": right}]
    polygons += [{"label": "Building", "points": p} for p in buildings]
    return image, {"polygons": polygons}


def practice_kiosk_car_park() -> tuple[Image.Image, dict]:
    """A car park with a kiosk in its corner and cars parked on it; an L-shaped house."""
    image = Image.new("RGB", (600, 420), (121, 160, 88))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 20, 599, 60], fill=(110, 110, 110))
    car_park = [[60, 100], [400, 100], [400, 220], [320, 220], [320, 340], [60, 340]]
    kiosk = [[320, 220], [400, 220], [400, 340], [320, 340]]
    draw.polygon([tuple(p) for p in car_park], fill=(78, 78, 84))
    for x in range(78, 310, 30):
        draw.line([(x, 106), (x, 150)], fill=(240, 240, 240), width=2)
        draw.line([(x, 290), (x, 334)], fill=(240, 240, 240), width=2)
    draw.polygon([tuple(p) for p in kiosk], fill=(170, 90, 70), outline=(90, 50, 40))
    for x, y, colour in [
        (92, 108, (200, 40, 40)),
        (152, 290, (40, 90, 190)),
        (242, 108, (230, 230, 225)),
    ]:
        draw.rectangle([x, y, x + 20, y + 40], fill=colour)
    house = [[460, 120], [570, 120], [570, 260], [520, 260], [520, 200], [460, 200]]
    draw.polygon([tuple(p) for p in house], fill=(160, 96, 72), outline=(90, 50, 40))
    polygons = [
        {"label": "Car park", "points": car_park},
        {"label": "Building", "points": kiosk},
        {"label": "Building", "points": house},
    ]
    return image, {"polygons": polygons}


def practice_fields() -> tuple[Image.Image, dict]:
    """Four fields with hedges between them, and a farmyard with a house and a pond."""
    image = Image.new("RGB", (600, 420), (96, 130, 70))  # hedges and verges
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 300, 599, 419], fill=(140, 170, 100))  # the farmyard's lawn
    fields = [
        [[20, 20], [250, 20], [230, 160], [20, 180]],
        [[262, 20], [580, 20], [580, 130], [420, 160], [242, 160]],
        [[20, 194], [230, 174], [270, 290], [20, 290]],
        [[244, 172], [420, 174], [580, 144], [580, 290], [284, 290]],
    ]
    crops = [(200, 180, 90), (170, 190, 100), (210, 200, 120), (150, 175, 85)]
    for points, crop in zip(fields, crops, strict=True):
        draw.polygon([tuple(p) for p in points], fill=crop)
    farmhouse = [[400, 310], [520, 310], [520, 340], [470, 340], [470, 400], [400, 400]]
    draw.polygon([tuple(p) for p in farmhouse], fill=(170, 90, 70), outline=(90, 50, 40))
    pond = [[70, 310], [150, 304], [180, 340], [140, 395], [60, 372]]
    draw.polygon([tuple(p) for p in pond], fill=(70, 120, 190))
    polygons = [{"label": "Field", "points": p} for p in fields]
    polygons.append({"label": "Building", "points": farmhouse})
    polygons.append({"label": "Water", "points": pond})
    return image, {"polygons": polygons}


def practice_bottle_outline(x: int, base: int) -> list[list[int]]:
    """A bottle standing at ``base``: body 44 wide and 100 tall, shoulder, neck."""
    return [
        [x, base],
        [x + 44, base],
        [x + 44, base - 100],
        [x + 30, base - 116],
        [x + 30, base - 150],
        [x + 14, base - 150],
        [x + 14, base - 116],
        [x, base - 100],
    ]


def practice_shelf_outlines() -> tuple[Image.Image, dict]:
    """Bottles and cans on a shelf.

    Two cans stand in front of bottles and hide their lower corners, so those
    bottles' visible outlines have a notch.
    """
    image = Image.new("RGB", (600, 360), WALL)
    draw = ImageDraw.Draw(image)
    base = 300
    draw.rectangle([0, base, 599, base + 16], fill=PLANK)
    bottles = [(60, (60, 130, 80)), (200, (120, 70, 30)), (380, (110, 160, 200))]
    for x, colour in bottles:
        outline = practice_bottle_outline(x, base)
        draw.polygon([tuple(p) for p in outline], fill=colour)
        draw.rectangle([x + 14, base - 150, x + 30, base - 140], fill=(200, 200, 205))  # cap
    cans = [
        [[40, 230], [86, 230], [86, 300], [40, 300]],  # hides the first bottle's lower left
        [[230, 240], [276, 240], [276, 300], [230, 300]],  # the second bottle's lower right
        [[480, 230], [526, 230], [526, 300], [480, 300]],  # free-standing
    ]
    for points, colour in zip(cans, [(190, 50, 50), (50, 80, 170), (220, 180, 40)], strict=True):
        draw.polygon([tuple(p) for p in points], fill=colour)
        (x0, y0), (x1, _) = points[0], points[1]
        draw.rectangle([x0, y0, x1, y0 + 5], fill=(200, 200, 205))
    # The first two bottles' visible outlines: the outline above, less the can.
    first = [
        [86, 300],
        [104, 300],
        [104, 200],
        [90, 184],
        [90, 150],
        [74, 150],
        [74, 184],
        [60, 200],
        [60, 230],
        [86, 230],
    ]
    second = [
        [200, 300],
        [230, 300],
        [230, 240],
        [244, 240],
        [244, 200],
        [230, 184],
        [230, 150],
        [214, 150],
        [214, 184],
        [200, 200],
    ]
    third = practice_bottle_outline(380, base)
    polygons = [{"label": "Bottle", "points": p} for p in (first, second, third)]
    polygons += [{"label": "Can", "points": p} for p in cans]
    return image, {"polygons": polygons}


# Keypoints: faces, a hand and standing figures with landmarks at known pixels.


def practice_face(draw: ImageDraw.ImageDraw, layout: dict, skin=(241, 200, 160)) -> dict:
    """Draws a cartoon face as cartoon_face does and returns its five landmarks."""
    draw.ellipse(layout["head"], fill=skin, outline=(120, 80, 60), width=3)
    for x, y in layout["eyes"]:
        draw.ellipse([x - 22, y - 12, x + 22, y + 12], fill="white", outline=(60, 40, 30), width=2)
        draw.ellipse([x - 7, y - 7, x + 7, y + 7], fill=(60, 90, 140))
    nose = layout["nose"]
    draw.line(nose, fill=(150, 100, 80), width=3)
    cx, cy, ax, ay = layout["mouth"]
    draw.arc([cx - ax, cy - ay, cx + ax, cy + ay], start=20, end=160, fill=(160, 60, 60), width=4)

    def on_arc(degrees: float) -> tuple[int, int]:
        angle = math.radians(degrees)
        return round(cx + ax * math.cos(angle)), round(cy + ay * math.sin(angle))

    (right_x, right_y), (left_x, left_y) = layout["eyes"]
    (_, _), (foot_x0, foot_y), (foot_x1, _) = nose
    return {
        "Left eye": (left_x, left_y),
        "Right eye": (right_x, right_y),
        "Nose tip": ((foot_x0 + foot_x1) // 2, foot_y),
        "Left mouth corner": on_arc(20),
        "Right mouth corner": on_arc(160),
    }


def practice_face_gold(points: dict, hidden=(), size=None) -> dict:
    """Gold points; a landmark in ``hidden`` or outside the picture is not visible."""

    def inside(x, y):
        return size is None or (0 <= x < size[0] and 0 <= y < size[1])

    return {
        "points": [
            {"label": name, "x": x, "y": y}
            if name not in hidden and inside(x, y)
            else {"label": name, "visible": False}
            for name, (x, y) in points.items()
        ]
    }


def practice_face_group() -> tuple[Image.Image, dict]:
    """Three faces in a row, the middle one in front and wearing a yellow hat.

    Gold is the middle face's landmarks.
    """
    image = Image.new("RGB", (640, 400), (236, 240, 246))
    draw = ImageDraw.Draw(image)
    practice_face(
        draw,
        {
            "head": [10, 90, 210, 370],
            "eyes": ((75, 190), (150, 195)),
            "nose": [(112, 200), (102, 250), (120, 250)],
            "mouth": (112, 300, 36, 22),
        },
        (224, 172, 130),
    )
    practice_face(
        draw,
        {
            "head": [430, 80, 630, 360],
            "eyes": ((492, 180), (570, 176)),
            "nose": [(530, 188), (540, 238), (522, 238)],
            "mouth": (532, 292, 38, 24),
        },
        (190, 140, 100),
    )
    middle = {
        "head": [200, 60, 440, 380],
        "eyes": ((272, 176), (364, 172)),
        "nose": [(318, 182), (306, 242), (326, 242)],
        "mouth": (318, 306, 44, 28),
    }
    points = practice_face(draw, middle)
    draw.polygon([(222, 110), (418, 110), (390, 30), (250, 30)], fill=(235, 200, 40))  # hat
    draw.rectangle([200, 104, 440, 116], fill=(200, 160, 20))
    return image, practice_face_gold(points)


def practice_face_mug() -> tuple[Image.Image, dict]:
    """A face drinking from a mug that hides the left corner of its mouth (image right)."""
    image = Image.new("RGB", (400, 400), (236, 240, 246))
    draw = ImageDraw.Draw(image)
    layout = {
        "head": [70, 40, 320, 360],
        "eyes": ((145, 165), (245, 160)),
        "nose": [(196, 170), (206, 226), (186, 226)],
        "mouth": (194, 286, 50, 30),
    }
    points = practice_face(draw, layout)
    draw.rectangle(
        [226, 262, 330, 390], fill=(40, 100, 170), outline=(20, 50, 90), width=3
    )  # the mug
    draw.arc([318, 290, 370, 350], start=270, end=90, fill=(40, 100, 170), width=10)  # handle
    return image, practice_face_gold(points, hidden={"Left mouth corner"})


def practice_face_edge() -> tuple[Image.Image, dict]:
    """A face cut off by the left edge of the picture.

    The face's right eye and the right corner of its mouth are outside the frame.
    """
    image = Image.new("RGB", (400, 400), (236, 240, 246))
    draw = ImageDraw.Draw(image)
    layout = {
        "head": [-120, 50, 130, 370],
        "eyes": ((-40, 176), (62, 170)),
        "nose": [(10, 180), (22, 238), (2, 238)],
        "mouth": (8, 300, 52, 30),
    }
    points = practice_face(draw, layout)
    draw.rectangle(
        [260, 120, 380, 300], fill=(250, 250, 250), outline=(60, 60, 60), width=3
    )  # a window
    return image, practice_face_gold(points, size=image.size)


def practice_hand() -> tuple[Image.Image, dict]:
    """A hand, palm towards us, fingers up; a playing card hides the ring fingertip."""
    image = Image.new("RGB", (400, 420), (236, 240, 246))
    draw = ImageDraw.Draw(image)
    skin, line = (232, 190, 150), (150, 100, 80)
    draw.rounded_rectangle(
        [130, 200, 270, 400], radius=30, fill=skin, outline=line, width=2
    )  # palm
    draw.rectangle([150, 380, 250, 419], fill=(60, 80, 140))  # sleeve: the wrist is its top edge
    fingers = {  # x of the finger's left side, height of its tip (y)
        "Index tip": (132, 70),
        "Middle tip": (170, 50),
        "Ring tip": (208, 66),
        "Little tip": (244, 120),
    }
    points = {"Wrist": (200, 380)}
    for name, (x, tip) in fingers.items():
        width = 30 if name != "Little tip" else 24
        draw.rounded_rectangle(
            [x, tip, x + width, 230], radius=12, fill=skin, outline=line, width=2
        )
        points[name] = (x + width // 2, tip)
    # The thumb: a rectangle 30 wide turned 40 degrees out to the left of the palm.
    angle = math.radians(40)
    base_x, base_y, length = 142, 300, 120
    dx, dy = -math.sin(angle) * length, -math.cos(angle) * length
    nx, ny = math.cos(angle) * 15, -math.sin(angle) * 15
    corners = [
        (base_x - nx, base_y - ny),
        (base_x + nx, base_y + ny),
        (base_x + nx + dx, base_y + ny + dy),
        (base_x - nx + dx, base_y - ny + dy),
    ]
    draw.polygon([(round(x), round(y)) for x, y in corners], fill=skin, outline=line)
    points["Thumb tip"] = (round(base_x + dx), round(base_y + dy))
    draw.rectangle([203, 20, 241, 130], fill=(250, 250, 250), outline=(40, 40, 40), width=3)  # card
    draw.rectangle([214, 34, 224, 44], fill=(200, 30, 30))
    order = ["Wrist", "Thumb tip", "Index tip", "Middle tip", "Ring tip", "Little tip"]
    return image, practice_face_gold({k: points[k] for k in order}, hidden={"Ring tip"})


POSE_ORDER = [
    "Head",
    "Right shoulder",
    "Left shoulder",
    "Right wrist",
    "Left wrist",
    "Right ankle",
    "Left ankle",
]


def practice_figure(x: int, y: int, colour: tuple, arms=(60, 60), reach=(50, 50)):
    """A stick figure facing out of the picture, head centre at (x, y).

    Its right side is on the image's left. ``arms``: how far each wrist hangs below
    the shoulders; ``reach``: how far it is from the body's middle. Returns the
    painter and the landmarks.
    """
    shoulders = {"Right shoulder": (x - 34, y + 50), "Left shoulder": (x + 34, y + 50)}
    wrists = {
        "Right wrist": (x - reach[0], y + 50 + arms[0]),
        "Left wrist": (x + reach[1], y + 50 + arms[1]),
    }
    hips = (x - 16, y + 150), (x + 16, y + 150)
    ankles = {"Right ankle": (x - 30, y + 250), "Left ankle": (x + 30, y + 250)}

    def paint(draw, c):
        draw.line(
            [shoulders["Right shoulder"], shoulders["Left shoulder"]], fill=c or colour, width=10
        )
        draw.rectangle([x - 20, y + 50, x + 20, y + 150], fill=c or colour)
        draw.line([shoulders["Right shoulder"], wrists["Right wrist"]], fill=c or colour, width=8)
        draw.line([shoulders["Left shoulder"], wrists["Left wrist"]], fill=c or colour, width=8)
        draw.line([hips[0], ankles["Right ankle"]], fill=c or (50, 50, 70), width=10)
        draw.line([hips[1], ankles["Left ankle"]], fill=c or (50, 50, 70), width=10)
        for px, py in wrists.values():
            draw.ellipse([px - 7, py - 7, px + 7, py + 7], fill=c or (225, 185, 150))
        for px, py in ankles.values():
            draw.rectangle([px - 10, py, px + 10, py + 8], fill=c or (30, 30, 30))
        draw.ellipse(
            [x - 24, y - 24, x + 24, y + 24],
            fill=c or (225, 185, 150),
            outline=c or (120, 80, 60),
            width=2,
        )

    return paint, {"Head": (x, y), **shoulders, **wrists, **ankles}


def practice_pose(size, ground, figures, occluders, expect_hidden) -> tuple[Image.Image, dict]:
    """Stick figures and occluders, with gold for the first figure.

    ``figures``: (x, y, colour, arms, reach); the first is drawn first, so the others
    and ``occluders`` (painters) stand in front of it.
    A landmark is hidden when its pixel on the object map is not the figure's;
    ``expect_hidden`` guards the layout.
    """
    image, objects = practice_canvas(size, (228, 232, 236))
    ImageDraw.Draw(image).rectangle(ground[0], fill=ground[1])
    painters = [practice_figure(*f) for f in figures]
    for number, (paint, _) in enumerate(painters, start=1):
        practice_paint(image, objects, number, paint)
    for paint in occluders:
        practice_paint(image, objects, 99, paint)
    points = {k: painters[0][1][k] for k in POSE_ORDER}
    hidden = {k for k, (px, py) in points.items() if objects.getpixel((px, py)) != 1}
    assert hidden == set(expect_hidden), hidden
    return image, practice_face_gold(points, hidden=hidden)


def practice_pose_pair() -> tuple[Image.Image, dict]:
    """Two people, the one in red partly behind the one in blue.

    Gold is the red figure's seven landmarks, its right wrist hidden behind the blue
    figure.
    """
    figures = [(272, 60, (190, 50, 50), (80, 40), (70, 50)), (200, 90, (50, 90, 170))]
    return practice_pose(
        (480, 400), ([0, 330, 479, 399], (180, 175, 160)), figures, [], {"Right wrist"}
    )


def practice_pose_bench() -> tuple[Image.Image, dict]:
    """A person standing behind a bench that hides both ankles, a second person beside."""

    def bench(draw, c):
        draw.rectangle([60, 270, 300, 340], fill=c or (120, 80, 50))
        draw.rectangle([60, 300, 300, 312], fill=c or (90, 60, 35))

    figures = [(170, 70, (40, 140, 100), (50, 90)), (390, 80, (150, 100, 170), (60, 60))]
    return practice_pose(
        (520, 400),
        ([0, 340, 519, 399], (150, 170, 120)),
        figures,
        [bench],
        {"Right ankle", "Left ankle"},
    )


def practice_scenes() -> None:
    """Writes every practice-lab scene."""
    write_scene("practice-car-park", *practice_car_park())
    write_scene("practice-fruit-crate", *practice_fruit_crate())
    write_scene("practice-street", *practice_street())
    write_scene("practice-parcels", *practice_parcels())
    write_scene("practice-pcb-crowded", *practice_pcb_crowded())
    write_scene("practice-terrace", *practice_terrace())
    write_scene("practice-river-bridge", *practice_river_bridge())
    write_scene("practice-kiosk", *practice_kiosk_car_park())
    write_scene("practice-fields", *practice_fields())
    write_scene("practice-shelf-outlines", *practice_shelf_outlines())
    write_scene("practice-face-group", *practice_face_group())
    write_scene("practice-face-mug", *practice_face_mug())
    write_scene("practice-face-edge", *practice_face_edge())
    write_scene("practice-hand", *practice_hand())
    write_scene("practice-pose-pair", *practice_pose_pair())
    write_scene("practice-pose-bench", *practice_pose_bench())


# --- painted masks (Week 4) ------------------------------------------------------
#
# Scenes for the masks exercises: flat regions with a little grain, each painted from
# the same rasterised outlines the gold gives (annotrain.tasktypes.masks.rle) (a pixel belongs to a region when its
# centre lies inside one of the region's polygons: annotrain's masks rule), so the
# gold masks are exact to the pixel. Unlabelled things (a flower bed, a boat, an
# island) are painted first; the labelled regions never overlap each other or them.

MASK_SIZE = (400, 300)
LAWN = (112, 164, 84)
WATER = (64, 126, 196)
PATH = (196, 186, 160)
SKY = (170, 206, 236)
SAND = (226, 204, 150)
BED = (128, 84, 58)
HULL = (178, 52, 48)
SAIL = (246, 246, 240)

# Each scene: background colour, unlabelled parts and labelled regions, as
# (label or None, colour, polygons) painted in that order.
MASKS_POND = {
    "background": LAWN,
    "parts": [
        (None, BED, [[[310, 70], [350, 60], [375, 90], [365, 125], [325, 130], [300, 100]]]),
        ("Water", WATER, [[[110, 60], [200, 45], [280, 75], [300, 140], [260, 190], [180, 200], [110, 180], [80, 120]]]),
        ("Path", PATH, [[[0, 230], [150, 215], [260, 250], [400, 240], [400, 262], [262, 272], [148, 238], [0, 252]]]),
    ],
}
SHORE = [[0, 205], [80, 215], [160, 200], [240, 212], [320, 196], [400, 204]]
MASKS_BEACH = {
    "background": SAND,
    "parts": [
        (None, HULL, [[[170, 150], [250, 150], [235, 170], [185, 170]]]),
        (None, SAIL, [[[210, 118], [240, 150], [210, 150]]]),
        ("Sky", SKY, [[[0, 0], [400, 0], [400, 100], [0, 100]]]),
        (
            "Sea",
            WATER,
            [
                [[0, 100], [210, 100], [210, 150], [170, 150], [185, 170], [210, 170], [210, 207.5], [160, 200], [80, 215], [0, 205]],
                [[210, 100], [400, 100], [400, 204], [320, 196], [240, 212], [210, 207.5], [210, 170], [235, 170], [250, 150], [240, 150], [210, 118]],
            ],
        ),
        ("Sand", SAND, [[*SHORE, [400, 300], [0, 300]]]),
    ],
}
OUTER = [[90, 150], [122, 72], [200, 40], [278, 72], [310, 150], [278, 228], [200, 260], [122, 228]]
INNER = [[160, 150], [172, 122], [200, 110], [228, 122], [240, 150], [228, 178], [200, 190], [172, 178]]
MASKS_LAKE = {
    "background": LAWN,
    "parts": [
        (None, BED, [[[190, 135], [210, 135], [215, 160], [185, 160]]]),
        (
            "Water",
            WATER,
            [
                [*OUTER[:5], *INNER[4::-1]],
                [*OUTER[4:], OUTER[0], INNER[0], *INNER[:3:-1]],
            ],
        ),
    ],
}
MASKS_QUIZ4 = {
    "background": SAND,
    "parts": [
        (None, (120, 118, 112), [[[60, 300], [70, 262], [110, 250], [140, 270], [145, 300]]]),
        ("Sky", SKY, [[[0, 0], [400, 0], [400, 80], [0, 120]]]),
        ("Sea", WATER, [[[0, 120], [400, 80], [400, 170], [300, 190], [200, 175], [100, 195], [0, 180]]]),
        (
            "Sand",
            SAND,
            [[[0, 180], [100, 195], [200, 175], [300, 190], [400, 170], [400, 300], [145, 300], [140, 270], [110, 250], [70, 262], [60, 300], [0, 300]]],
        ),
    ],
}
MASKS_FINAL_A = {
    "background": LAWN,
    "parts": [
        (None, (150, 110, 70), [[[190, 40], [220, 40], [220, 250], [190, 250]]]),
        (
            "Water",
            WATER,
            [
                [[60, 90], [120, 55], [190, 50], [190, 240], [110, 230], [50, 170]],
                [[220, 50], [300, 60], [350, 120], [330, 210], [270, 245], [220, 240]],
            ],
        ),
        ("Path", PATH, [[[0, 270], [400, 255], [400, 280], [0, 295]]]),
    ],
}
MASKS_EXAM_A = {
    "background": LAWN,
    "parts": [
        (
            "Water",
            WATER,
            [
                [[60, 150], [100, 70], [200, 30], [300, 70], [340, 150], [250, 150], [230, 115], [170, 115], [150, 150]],
                [[340, 150], [300, 240], [200, 275], [100, 240], [60, 150], [150, 150], [170, 190], [230, 190], [250, 150]],
            ],
        ),
        ("Island", (150, 170, 90), [[[150, 150], [170, 115], [230, 115], [250, 150], [230, 190], [170, 190]]]),
    ],
}


def grain(colour: tuple, x: int, y: int, ripples: bool) -> tuple:
    """The colour with a little fixed grain (and ripple lines on water)."""
    shift = ((x * 31 + y * 17) % 7 - 3) * 2
    if ripples and y % 9 == 0 and (x // 12 + y // 9) % 3 == 0:
        shift += 24
    return tuple(max(0, min(255, c + shift)) for c in colour)


def mask_scene(layout: dict) -> tuple[Image.Image, dict]:
    """A scene painted region by region; gold: each label's mask as COCO counts (the
    outlines it was painted from are the layout's, which exercises give as polygons)."""
    from annotrain.tasktypes.masks import rle  # the rule the grader reads outlines by

    width, height = MASK_SIZE
    owner: list[list[str | None]] = [[None] * width for _ in range(height)]
    image = Image.new("RGB", MASK_SIZE, layout["background"])
    pixels = image.load()
    for y in range(height):
        for x in range(width):
            pixels[x, y] = grain(layout["background"], x, y, False)
    masks = []
    for label, colour, outlines in layout["parts"]:
        counts = rle.rasterize(outlines, width, height)
        for start, end in rle.intervals(counts):
            for pixel in range(start, end):
                x, y = divmod(pixel, height)
                pixels[x, y] = grain(colour, x, y, colour == WATER)
                owner[y][x] = label
        if label is not None:
            masks.append({"label": label, "size": [height, width], "counts": counts})
    for mask in masks:  # no region painted over another
        name = mask["label"]
        assert rle.encode(lambda x, y, n=name: owner[y][x] == n, width, height) == mask["counts"], name
    return image, {"masks": masks}


# --- work simulation: street scenes --------------------------------------------
#
# Forty small street scenes for the boxes simulation (quizzes/sim-boxes.yml), all
# drawn by one generator so that its gold tasks and its work items look alike. The
# camera looks across a road at a row of shop fronts: cars drive on the road in
# front, people walk on the pavement behind it. Some scenes hold the cases the
# guideline settles: a person behind a lamp post (one box over both visible parts),
# a car or a person cut by the frame (box what is inside it), a poster of a person
# and a car on a billboard (pictures, never boxed). Gold is modal, as in the practice
# labs: the box around the pixels of each object that can still be seen. The PNGs
# have a palette of at most 16 colours, which keeps each one a few KB.

SIM_SIZE = (480, 320)
SIM_SKY = (196, 222, 240)
SIM_PAVEMENT = (176, 176, 170)
SIM_ROAD = (84, 86, 92)
SIM_LINE = (236, 236, 228)
SIM_FRONTS = [(214, 196, 164), (186, 150, 126), (200, 208, 190), (222, 214, 200)]
SIM_WINDOW = (120, 150, 170)
SIM_CARS = [(196, 50, 48), (46, 92, 170), (232, 196, 60), (60, 140, 90), (236, 236, 236)]
SIM_SHIRTS = [(200, 60, 60), (60, 110, 180), (90, 160, 90), (200, 150, 40), (150, 60, 140)]
SIM_POST = (54, 54, 60)
SIM_SKIN = (225, 185, 150)
SIM_DARK = (36, 36, 40)


def sim_car(x: int, base: int, body: tuple, length: int = 110):
    """A car seen from the side, facing right; ``base`` is the road line under its wheels."""

    def paint(draw, colour):
        top = base - 44
        cabin = [
            (x + 22, top + 16),
            (x + 34, top),
            (x + length - 34, top),
            (x + length - 18, top + 16),
        ]
        draw.polygon(cabin, fill=colour or body)
        draw.rectangle([x, top + 16, x + length - 1, base - 10], fill=colour or body)
        if colour is None:  # windows: part of the car, so not on the object map's outline
            draw.polygon(
                [
                    (x + 30, top + 15),
                    (x + 38, top + 4),
                    (x + length - 38, top + 4),
                    (x + length - 26, top + 15),
                ],
                fill=SIM_WINDOW,
            )
        for wheel in (x + 16, x + length - 38):
            draw.ellipse([wheel, base - 22, wheel + 21, base - 1], fill=colour or SIM_DARK)

    return paint


def sim_person(x: int, base: int, shirt: tuple, height: int = 96):
    """A person facing out; ``base`` is the pavement line under their feet."""

    def s(v: float) -> int:
        return round(v * height / 178)

    top = base - height

    def paint(draw, colour):
        draw.ellipse([x - s(14), top, x + s(14), top + s(30)], fill=colour or SIM_SKIN)
        draw.rectangle([x - s(22), top + s(34), x + s(22), top + s(100)], fill=colour or shirt)
        legs = colour or SIM_DARK
        draw.rectangle([x - s(20), top + s(101), x - s(3), base - 1], fill=legs)
        draw.rectangle([x + s(3), top + s(101), x + s(20), base - 1], fill=legs)

    return paint


def sim_scenery(rng: random.Random, extras: dict):
    """The sky, shop fronts, pavement and road, and a poster or billboard when asked."""

    def scenery(draw):
        draw.rectangle([0, 0, 479, 319], fill=SIM_SKY)
        x = 0
        while x < 480:  # shop fronts with a row of windows
            width = rng.randint(90, 150)
            front = rng.choice(SIM_FRONTS)
            height = rng.randint(120, 170)
            draw.rectangle([x, 190 - height, x + width - 1, 189], fill=front)
            for wx in range(x + 12, x + width - 30, 34):
                draw.rectangle([wx, 190 - height + 16, wx + 20, 190 - height + 40], fill=SIM_WINDOW)
            x += width
        draw.rectangle([0, 190, 479, 229], fill=SIM_PAVEMENT)
        draw.rectangle([0, 230, 479, 319], fill=SIM_ROAD)
        for lx in range(10, 480, 60):
            draw.rectangle([lx, 283, lx + 29, 285], fill=SIM_LINE)
        if "poster" in extras:  # a poster of a person on a shop front: a picture
            px = extras["poster"]
            draw.rectangle([px, 70, px + 56, 150], fill=SIM_LINE, outline=SIM_DARK, width=2)
            sim_person(px + 28, 146, rng.choice(SIM_SHIRTS), 70)(draw, None)
        if "billboard" in extras:  # a car on a billboard: a picture
            bx = extras["billboard"]
            draw.rectangle([bx, 14, bx + 140, 84], fill=SIM_LINE, outline=SIM_DARK, width=2)
            sim_car(bx + 20, 78, rng.choice(SIM_CARS[:4]), 100)(draw, None)  # not white

    return scenery


def sim_street(number: int) -> tuple[Image.Image, dict, str]:
    """Street scene ``number`` (1 to 40): the picture, its gold and its alt text.

    Each scene has one to three people and zero to three cars, drawn at free
    places so that no two objects overlap; scene 0 mod 4 has a lamp post in front
    of a person, 1 mod 5 a car cut by the frame, 2 mod 5 a person cut by it, and
    every third scene a poster or a billboard. The lamp post never stands in front
    of a person the frame cuts.
    """
    rng = random.Random(7000 + number)
    extras = {}
    if number % 3 == 0:
        extras["poster" if number % 2 else "billboard"] = rng.randint(20, 300)
    items: list = []
    people = rng.randint(1, 3)
    cars = rng.randint(0 if people > 1 else 1, 3)
    taken: list[tuple[int, int]] = []  # x ranges in use on the pavement

    def free(lo: int, hi: int, width: int, used: list) -> int | None:
        for _ in range(60):
            x = rng.randint(lo, hi)
            if all(x + width + 8 < a or x > b + 8 for a, b in used):
                used.append((x, x + width))
                return x
        return None

    post_person = number % 4 == 0
    posted = False
    cut_person = number % 5 == 2
    for k in range(people):
        height = rng.randint(70, 110)
        width = round(44 * height / 178) + 1
        if k == 0 and cut_person:
            x = -width // 2 + 2 if rng.random() < 0.5 else 480 - width // 2 - 2
            taken.append((x, x + width))
        else:
            x = free(20, 440 - width, width, taken)
            if x is None:
                continue
        base = rng.randint(214, 228)
        items.append(("Person", sim_person(x + width // 2, base, rng.choice(SIM_SHIRTS), height)))
        if k == (1 if cut_person else 0) and post_person:  # never on a cut person
            posted = True
            post_x = x + width // 2 - 3
            items.append(
                (
                    None,
                    lambda d, c, px=post_x: d.rectangle([px, 40, px + 6, 229], fill=c or SIM_POST),
                )
            )
    road: list[tuple[int, int]] = []
    cut_car = number % 5 == 1
    for k in range(cars):
        length = rng.randint(96, 124)
        if k == 0 and cut_car:
            x = -length // 2 if rng.random() < 0.5 else 480 - length // 2
            road.append((x, x + length))
        else:
            x = free(10, 470 - length, length, road)
            if x is None:
                continue
        items.append(("Car", sim_car(x, rng.randint(292, 314), rng.choice(SIM_CARS), length)))
    image, gold = practice_boxes(SIM_SIZE, SIM_SKY, items, sim_scenery(rng, extras))
    labels = {b["label"] for b in gold["boxes"]}
    words = [
        "people on the pavement" * ("Person" in labels),
        "cars on the road" * ("Car" in labels),
    ]
    alt = "A street in front of a row of shops, with " + " and ".join(w for w in words if w)
    if posted:
        alt += "; a lamp post stands on the pavement"
    if "poster" in extras:
        alt += "; a poster hangs on a shop front"
    if "billboard" in extras:
        alt += "; a billboard stands above the shops"
    image = image.convert("P", palette=Image.ADAPTIVE, colors=16)
    return image, gold, alt + "."


def simulation_scenes() -> None:
    """Writes the forty street scenes of the boxes simulation."""
    for number in range(1, 41):
        image, gold, _ = sim_street(number)
        write_scene(f"sim-street-{number:02d}", image, gold)


def write_scene(name: str, image: Image.Image, gold: dict) -> None:
    image.save(OUT / f"{name}.png", "PNG", optimize=True)
    (OUT / f"{name}.gold.json").write_text(json.dumps(gold, indent=1) + "\n", encoding="utf-8")


# --- tracking sequences -------------------------------------------------------------
#: Frame size of the tracking sequences (small: a sequence is a dozen files).
TRACK_SIZE = (320, 200)
TRACK_COLOURS = {
    "Car": ((200, 40, 40), (120, 20, 20)),
    "Van": ((240, 200, 40), (150, 120, 20)),
    "Cyclist": ((40, 90, 200), (20, 40, 120)),
    "Person": ((40, 150, 60), (20, 80, 30)),
}
#: name -> (frames, pillar (x0, x1) or None, objects: (label, size (w, h), y,
#: path [(frame, x)] of the left edge at whole-pixel steps, linear in between)).
#: A pillar hides what passes behind it: while part of an object shows, its gold box
#: is the whole object (as the lesson teaches), and out of view once all of it is
#: hidden. An object leaving the frame is cut at the frame's edge.
TRACK_SEQUENCES = {
    "track-lane": (12, None, [("Car", (44, 22), 120, [(1, 20), (12, 350)])]),
    "track-crossing": (
        12,
        (150, 170),
        [
            ("Car", (40, 20), 130, [(1, 10), (12, 230)]),
            ("Cyclist", (18, 30), 90, [(1, 280), (12, 60)]),
        ],
    ),
    "track-pillar": (
        14,
        (140, 176),
        [
            ("Person", (14, 36), 110, [(1, 60), (14, 216)]),
            ("Van", (50, 26), 150, [(1, 250), (7, 190), (14, 190)]),
        ],
    ),
    "track-quiz6": (
        12,
        (200, 224),
        [
            ("Cyclist", (18, 30), 100, [(1, 300), (12, 80)]),
            ("Car", (40, 20), 140, [(1, -30), (12, 300)]),
        ],
    ),
    "track-final": (
        12,
        (100, 124),
        [
            ("Person", (14, 36), 80, [(1, 20), (12, 240)]),
            ("Car", (44, 22), 150, [(1, 294), (12, 30)]),
        ],
    ),
    "track-exam": (
        12,
        (180, 204),
        [
            ("Van", (50, 26), 140, [(1, 10), (12, 296)]),
            ("Person", (14, 36), 70, [(1, 250), (6, 200), (12, 200)]),
        ],
    ),
}


def _along(path: list[tuple[int, int]], frame: int) -> int:
    """The left edge at ``frame`` on a path of (frame, x) points, whole pixels."""
    for (f0, x0), (f1, x1) in zip(path, path[1:], strict=False):
        if f0 <= frame <= f1:
            return x0 + (x1 - x0) * (frame - f0) // (f1 - f0)
    return path[-1][1]


def _seen(box: list[int], pillar: tuple[int, int] | None, width: int) -> list[int] | None:
    """The gold box [x0, y0, x1, y1]: the whole object while any of it shows behind
    the pillar, none when the pillar hides it all; cut at the frame's edges.
    """
    if pillar and pillar[0] <= box[0] and box[2] <= pillar[1]:
        return None
    x0, x1 = max(0, box[0]), min(width, box[2])
    return [x0, box[1], x1, box[3]] if x1 > x0 else None


def tracking_sequence(name: str) -> tuple[list[Image.Image], dict]:
    """The frames of a tracking sequence and its gold, every frame keyed."""
    count, pillar, objects = TRACK_SEQUENCES[name]
    width, height = TRACK_SIZE
    frames = []
    tracks = [{"label": label, "keys": []} for label, *_ in objects]
    for frame in range(1, count + 1):
        image = Image.new("RGB", TRACK_SIZE, (150, 190, 120))
        draw = ImageDraw.Draw(image)
        draw.rectangle([0, 60, width, 180], fill=(110, 110, 115))
        draw.line([0, 120, width, 120], fill=(230, 230, 230), width=2)
        for track, (label, (w, h), y, path) in zip(tracks, objects, strict=True):
            x = _along(path, frame)
            body, dark = TRACK_COLOURS[label]
            if label in ("Person", "Cyclist"):
                draw.ellipse([x + w // 4, y, x + w - w // 4 - 1, y + w // 2 - 1], fill=dark)
                draw.rectangle([x, y + w // 2, x + w - 1, y + h - 1], fill=body)
            else:
                draw.rectangle([x, y, x + w - 1, y + h - 1], fill=body)
                draw.rectangle([x + w // 4, y + 3, x + w - w // 4 - 1, y + h // 2], fill=dark)
            seen = _seen([x, y, x + w, y + h], pillar, width)
            if seen is None:
                track["keys"].append({"frame": frame, "out": True})
            else:
                x0, y0, x1, y1 = seen
                track["keys"].append({"frame": frame, "x": x0, "y": y0, "w": x1 - x0, "h": y1 - y0})
        if pillar:
            draw.rectangle([pillar[0], 0, pillar[1] - 1, height], fill=(90, 70, 50))
        frames.append(image.convert("P", palette=Image.ADAPTIVE, colors=12))
    return frames, {"tracks": tracks}


def tracking_sequences() -> None:
    """Writes each tracking sequence: tracking/<name>/01.png ... and <name>.gold.json."""
    for name in TRACK_SEQUENCES:
        frames, gold = tracking_sequence(name)
        folder = OUT / "tracking" / name
        folder.mkdir(parents=True, exist_ok=True)
        for number, image in enumerate(frames, 1):
            image.save(folder / f"{number:02d}.png", "PNG", optimize=True)
        text = json.dumps(gold, indent=1) + "\n"
        (OUT / "tracking" / f"{name}.gold.json").write_text(text, encoding="utf-8")


def main(photos: bool = True) -> None:
    """Writes every image.

    ``photos=False`` (--no-photos) skips the photographs, for a machine without
    scikit-image: the synthetic scenes need only Pillow.
    """
    OUT.mkdir(parents=True, exist_ok=True)
    if photos:
        photographs()
    write_scene("pcb-01", *circuit_board(1, ["bridge", "missing", "scratch"]))
    write_scene("pcb-02", *circuit_board(2, ["bridge"]))
    write_scene("pcb-03", *circuit_board(3, ["missing", "scratch"]))
    write_scene("aerial-01", *aerial_map())
    write_scene("face-01", *cartoon_face())
    write_scene("pcb-quiz3", *circuit_board(5, ["bridge", "missing", "scratch"]))
    write_scene("aerial-quiz4", *aerial_map(AERIAL_QUIZ4))
    write_scene("face-quiz4", *cartoon_face(FACE_QUIZ4))
    write_scene("pcb-final", *circuit_board(13, ["bridge", "scratch"]))
    write_scene("shelf-final", *shelf_scene())
    write_scene("aerial-final-a", *aerial_map(AERIAL_FINAL_A))
    write_scene("aerial-final-b", *aerial_map(AERIAL_FINAL_B))
    write_scene("face-final-a", *cartoon_face(FACE_FINAL_A))
    write_scene("face-final-b", *cartoon_face(FACE_FINAL_B))
    write_scene("pcb-exam", *circuit_board(31, ["bridge", "missing", "scratch"]))
    write_scene("shelf-exam", *shelf_scene(SHELF_EXAM))
    write_scene("aerial-exam-a", *aerial_map(AERIAL_EXAM_A))
    write_scene("aerial-exam-b", *aerial_map(AERIAL_EXAM_B))
    write_scene("face-exam-a", *cartoon_face(FACE_EXAM_A))
    write_scene("face-exam-b", *cartoon_face(FACE_EXAM_B))
    practice_scenes()
    write_scene("masks-01", *mask_scene(MASKS_POND))
    write_scene("masks-02", *mask_scene(MASKS_BEACH))
    write_scene("masks-03", *mask_scene(MASKS_LAKE))
    write_scene("masks-quiz4", *mask_scene(MASKS_QUIZ4))
    write_scene("masks-final-a", *mask_scene(MASKS_FINAL_A))
    write_scene("masks-exam-a", *mask_scene(MASKS_EXAM_A))
    simulation_scenes()
    tracking_sequences()
    print(f"wrote images to {OUT}")


if __name__ == "__main__":
    import sys

    if "--tracking" in sys.argv[1:]:  # the tracking sequences alone
        tracking_sequences()
    else:
        main(photos="--no-photos" not in sys.argv[1:])
