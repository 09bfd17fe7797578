"""What a learner sees, measured: colours on screen, their WCAG contrast, and
elements that stick out of their container.

A colour is read from an element's computed style and painted on a 1x1 canvas over
the background colours of the element and its ancestors, so what comes back is
the opaque colour on screen whatever CSS produced it (``rgb()``, ``color-mix()``,
transparency). Pictures under an element are not counted: only CSS colours.
"""

from __future__ import annotations

#: WCAG 2 minimum contrast for body text (1.4.3) and for graphics that carry meaning (1.4.11).
TEXT = 4.5
GRAPHICS = 3.0

_PAINT = r"""(el, property) => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    layers.unshift(getComputedStyle(node).backgroundColor);
  }
  if (property !== "backgroundColor") {
    const value = getComputedStyle(el)[property];
    // A shadow's colour is the colour inside its value ("rgb(…) 0px -2px 0px 0px inset").
    layers.push(property === "boxShadow" ? value.match(/(rgba?|color)\([^)]*\)/)[0] : value);
  }
  context.fillStyle = "#fff";  // the canvas behind the page
  context.fillRect(0, 0, 1, 1);
  for (const colour of layers) {
    context.fillStyle = "#010203";  // a canvas keeps its old colour when given one it cannot read
    context.fillStyle = colour;
    if (context.fillStyle === "#010203") throw new Error(`cannot paint ${property}: ${colour}`);
    context.fillRect(0, 0, 1, 1);
  }
  return Array.from(context.getImageData(0, 0, 1, 1).data.slice(0, 3));
}"""

_OUTSIDE = """root => {
  const edge = root.getBoundingClientRect();
  const scrolls = el => {
    for (let node = el; node && node !== root; node = node.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(node).overflowX)) return true;
    }
    return false;
  };
  const outside = box => box.width > 0 && (box.left < edge.left - 1 || box.right > edge.right + 1);
  const out = [];
  for (const el of root.querySelectorAll("*")) {
    if (el.getClientRects().length && !scrolls(el.parentElement) && outside(el.getBoundingClientRect())) {
      out.push(`${el.tagName.toLowerCase()}.${el.getAttribute("class")}: ${el.textContent.slice(0, 40)}`);
    }
  }
  // Text can run past the box that holds it (a long word, a line that does not wrap).
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let text = texts.nextNode(); text; text = texts.nextNode()) {
    range.selectNodeContents(text);
    if (!scrolls(text.parentElement) && outside(range.getBoundingClientRect())) {
      out.push(`text: ${text.textContent.trim().slice(0, 40)}`);
    }
  }
  return out;
}"""


def seen(locator, property: str = "color") -> tuple[int, int, int]:
    """The colour of ``property`` (a computed-style name) as painted over the backgrounds beneath.

    ``backgroundColor`` gives the backdrop itself; ``boxShadow`` its (first) colour.
    """
    return tuple(locator.evaluate(_PAINT, property))


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 to 255 a channel)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def palette(page) -> str:
    """Material's colour scheme on the page: "default" (light) or "slate" (dark)."""
    return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")


def sticking_out(root) -> list[str]:
    """Elements and text inside ``root`` that reach past its left or right edge (one line each).

    Content inside a box that scrolls sideways is left out: it scrolls there.
    """
    return root.evaluate(_OUTSIDE)
