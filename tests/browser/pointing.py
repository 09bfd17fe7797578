"""Pointing at natural image pixels on the image stage, for the browser tests of
the image types (bbox, polygon, keypoints); where the stage's text tags fall; the
colour scheme; touch drags.

A natural pixel (x, y) maps to the page through the picture's bounding box:
left + x * shown width / natural width. The tests click there with real mouse,
touch and keyboard events, never through the widget's own code.
"""

from __future__ import annotations

import re

SCHEMES = {"default": 1, "slate": 2}


class Picture:
    """The picture of one exercise: maps natural pixels to page coordinates."""

    def __init__(self, page, exercise_id: str, root=None, task: dict | None = None):
        """A lesson exercise by id, or a quiz task given by its ``root`` <li> and ``task``."""
        self.page = page
        self.id = exercise_id
        self.root = root or page.locator(f"#annotrain-{exercise_id}")
        self.task = task or page.evaluate("id => window.annotrain.task(id)", exercise_id)
        self.width = self.task["image"]["width"]
        self.height = self.task["image"]["height"]
        # Material's "Back to top" button floats over the content after scrolling up;
        # a click meant for the picture would land on it.
        page.add_style_tag(content=".md-top { display: none !important; }")

    def show(self) -> None:
        self.root.locator(".annotrain-stage-view").scroll_into_view_if_needed()
        # Two frames, so a screenshot taken next shows the scrolled page fully painted.
        self.page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )

    def at(self, x: float, y: float) -> tuple[float, float]:
        """Page coordinates of natural pixel (x, y), scrolled into the viewport first."""
        for _ in range(2):
            box = self.root.locator(".annotrain-stage-canvas img").bounding_box()
            left = box["x"] + x * box["width"] / self.width
            top = box["y"] + y * box["height"] / self.height
            height = self.page.evaluate("() => window.innerHeight")
            if 80 <= top <= height - 20:  # below Material's header, above the bottom
                break
            self.page.evaluate("dy => window.scrollBy(0, dy)", top - height / 2)
        return left, top

    def click(self, x: float, y: float) -> None:
        self.page.mouse.click(*self.at(x, y))

    def tap(self, x: float, y: float) -> None:
        self.page.touchscreen.tap(*self.at(x, y))

    def drag(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        self.page.mouse.move(*self.at(*start))
        self.page.mouse.down()
        box = self.root.locator(".annotrain-stage-canvas img").bounding_box()  # no scrolling now
        target = (
            box["x"] + end[0] * box["width"] / self.width,
            box["y"] + end[1] * box["height"] / self.height,
        )
        self.page.mouse.move(*target, steps=8)
        self.page.mouse.up()

    def announced(self, words: str) -> str:
        """The stage's live region once it says ``words`` (earlier texts may still arrive)."""
        region = self.root.locator("[data-annotrain-stage-announce]")
        self.page.wait_for_function(
            "([el, words]) => el.textContent.includes(words)",
            arg=[region.element_handle(), words],
            timeout=5000,
        )
        return region.inner_text()

    def check(self) -> float:
        self.root.get_by_role("button", name="Check").click()
        return float(self.root.get_attribute("data-annotrain-score"))

    def feedback(self) -> str:
        return self.root.locator(".annotrain-feedback").inner_text()


def outline(picture: Picture, points, label: str | None = None, tap: bool = False) -> None:
    """Choose ``label``, then press each vertex and the first one again to close."""
    if label:
        chip = picture.root.locator("label.annotrain-stage-label", has_text=label)
        chip.tap() if tap else chip.click()
    press = picture.tap if tap else picture.click
    for x, y in points:
        press(x, y)
    press(*points[0])


class Cursor:
    """Drives the keyboard cursor of the drawing area with arrow keys (Shift: 10 px)."""

    def __init__(self, picture: Picture):
        self.picture = picture
        self.page = picture.page
        view = picture.root.locator(".annotrain-stage-view")
        view.focus()
        self.page.keyboard.press("ArrowRight")  # the first press shows the cursor where it is
        # "Cursor at x 12, y 34." (a brush for masks: "Brush at ...")
        found = re.search(r"(?:Cursor|Brush) at x (\d+), y (\d+)", picture.announced(" at x "))
        assert found, "the cursor announces where it is"
        self.x, self.y = int(found.group(1)), int(found.group(2))

    def go(self, x: int, y: int) -> None:
        for delta, (less, more) in (
            (x - self.x, ("ArrowLeft", "ArrowRight")),
            (y - self.y, ("ArrowUp", "ArrowDown")),
        ):
            key = more if delta > 0 else less
            for _ in range(abs(delta) // 10):
                self.page.keyboard.press("Shift+" + key)
            for _ in range(abs(delta) % 10):
                self.page.keyboard.press(key)
        self.x, self.y = x, y


_TAGS = """root => {
  const rect = el => el.getBoundingClientRect();
  const name = el => el.textContent || (el.closest('.annotrain-stage-gold') ? 'gold ' : '') + el.tagName;
  const tags = [...root.querySelectorAll('.annotrain-stage-svg .annotrain-stage-tag')];
  const shapes = [...root.querySelectorAll('.annotrain-stage-svg .annotrain-stage-shape')];
  const meet = (p, q) => p.left < q.right - 0.5 && q.left < p.right - 0.5 &&
    p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5;
  const picture = rect(root.querySelector('.annotrain-stage-canvas img'));
  const clashes = [];
  tags.forEach((tag, i) => {
    [...tags.slice(i + 1), ...shapes].forEach(other => {
      if (meet(rect(tag), rect(other))) clashes.push(`${name(tag)} over ${name(other)}`);
    });
    const p = rect(tag);
    if (p.left < picture.left - 0.5 || p.right > picture.right + 0.5 ||
        p.top < picture.top - 0.5 || p.bottom > picture.bottom + 0.5) {
      clashes.push(`${name(tag)} outside the picture`);
    }
  });
  return {tags: tags.map(name), shapes: shapes.length, clashes};
}"""


def tags_on(root) -> dict:
    """The stage's text tags ({tags: their texts, shapes: how many shapes, clashes}):
    a clash is a tag whose box meets another tag's, a shape's bounding box (the
    learner's or the gold's), or reaches outside the picture."""
    return root.evaluate(_TAGS)


def tab_to_check(page, exercise_id: str, limit: int = 40) -> None:
    """Press Tab until the exercise's Check button has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "id => document.activeElement.dataset.annotrainAction === 'check'"
            " && document.activeElement.closest('[data-annotrain-id]').dataset.annotrainId === id",
            exercise_id,
        ):
            return
    raise AssertionError("Tab never reached Check")


def set_scheme(page, base_url: str, scheme: str) -> None:
    page.goto(base_url)
    page.evaluate(
        "([s, i]) => localStorage.setItem('/.__palette', JSON.stringify({index: i, color: {scheme: s}}))",
        [scheme, SCHEMES[scheme]],
    )


def touch_drag(page, start: tuple[float, float], end: tuple[float, float], steps: int) -> None:
    """A one-finger drag from ``start`` to ``end`` (page coordinates) in ``steps`` moves,
    through Chromium's touch input (CDP Input.dispatchTouchEvent)."""
    cdp = page.context.new_cdp_session(page)

    def send(kind: str, points: list[tuple[float, float]]) -> None:
        touches = [{"x": x, "y": y} for x, y in points]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touches})

    send("touchStart", [start])
    for step in range(1, steps + 1):
        share = step / steps
        send(
            "touchMove",
            [(start[0] + (end[0] - start[0]) * share, start[1] + (end[1] - start[1]) * share)],
        )
    send("touchEnd", [])
    cdp.detach()
