"""Writes the course's exercise images into course/assets/images/. Deterministic.

Two kinds:

- photographs from scikit-image's sample data (in its wheel: no download), all
  public domain or CC0; each one's source and license are in CREDITS below and on
  the course's credits page;
- synthetic scenes drawn with Pillow, where the exact gold geometry is known
  because the script drew it: printed circuit boards with defects (solder
  bridges, missing components, scratches), aerial maps with building
  footprints, a pond and sometimes a car park, cartoon faces with landmarks (one
  with an eye hidden under a patch), and a shop shelf of bottles and cans. Each scene's gold
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
    write_scene("pcb-final", *circuit_board(13, ["bridge", "scratch"]))
    write_scene("shelf-final", *shelf_scene())
    write_scene("aerial-final-a", *aerial_map(AERIAL_FINAL_A))
    write_scene("aerial-final-b", *aerial_map(AERIAL_FINAL_B))
    write_scene("face-final-a", *cartoon_face(FACE_FINAL_A))
    write_scene("face-final-b", *cartoon_face(FACE_FINAL_B))
    print(f"wrote images to {OUT}")


if __name__ == "__main__":
    main()
