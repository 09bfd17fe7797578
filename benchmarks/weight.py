"""What a built page makes the browser download, read from its HTML.

The page's own HTML, its scripts (``<script src>``), stylesheets (``<link
rel=stylesheet>``), icons (``<link rel=icon>``), images (``<img src>``; inside a
``<picture>`` the first ``<source>``, which every current browser takes, instead
of the fallback) and audio (``<audio src>`` or its first ``<source>``). Files
are counted once per page, raw and gzipped (level 6, what static hosts and CDNs
typically serve). annotrain's own files are those under ``assets/annotrain/``
except its published media.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

ANNOTRAIN_DIR = "assets/annotrain/"
MEDIA_DIR = "assets/annotrain/media/"


@dataclass
class Weight:
    """Bytes of one page and what it loads, by kind."""

    page: str
    files: dict[str, str] = field(default_factory=dict)  # site path -> kind
    raw: dict[str, int] = field(default_factory=dict)  # kind -> bytes
    gzipped: dict[str, int] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def add(self, kind: str, data: bytes) -> None:
        self.raw[kind] = self.raw.get(kind, 0) + len(data)
        self.gzipped[kind] = self.gzipped.get(kind, 0) + len(gzip.compress(data, 6))

    def total(self, gz: bool = False) -> int:
        return sum((self.gzipped if gz else self.raw).values())


def _first_url(srcset: str) -> str:
    return srcset.split(",")[0].strip().split(" ")[0]


def _references(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(kind, url) of everything the page loads, in document order."""
    refs: list[tuple[str, str]] = []
    for tag in soup.find_all(["script", "link", "img", "source", "audio"]):
        name = tag.name
        if name == "script" and tag.get("src"):
            refs.append(("script", tag["src"]))
        elif name == "link":
            rel = [r.lower() for r in tag.get("rel") or []]
            if "stylesheet" in rel and tag.get("href"):
                refs.append(("stylesheet", tag["href"]))
            elif "icon" in rel and tag.get("href"):
                refs.append(("icon", tag["href"]))
        elif name == "source" and tag.parent is not None and tag.parent.name == "picture":
            if tag is tag.parent.find("source") and tag.get("srcset"):
                refs.append(("image", _first_url(tag["srcset"])))
        elif name == "source" and tag.parent is not None and tag.parent.name == "audio":
            if not tag.parent.get("src") and tag is tag.parent.find("source") and tag.get("src"):
                refs.append(("audio", tag["src"]))
        elif name == "img" and tag.get("src"):
            in_picture = tag.parent is not None and tag.parent.name == "picture"
            if not (in_picture and tag.parent.find("source")):
                refs.append(("image", tag["src"]))
        elif name == "audio" and tag.get("src"):
            refs.append(("audio", tag["src"]))
    return refs


def page_weight(site_dir: Path, page: str) -> Weight:
    """The weight of ``page`` (a path in the built site such as ``week-1/quiz/index.html``)."""
    html = (site_dir / page).read_bytes()
    weight = Weight(page)
    weight.add("html", html)
    soup = BeautifulSoup(html, "html.parser")
    base = "/" + page
    for kind, url in _references(soup):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("data:"):
            weight.missing.append(url)  # from elsewhere: must not happen on this site
            continue
        path = unquote(urljoin(base, parts.path)).lstrip("/")
        if path in weight.files:
            continue
        file = site_dir / path
        if not file.is_file():
            weight.missing.append(url)
            continue
        if path.startswith(ANNOTRAIN_DIR) and not path.startswith(MEDIA_DIR):
            kind = "annotrain " + kind
        weight.files[path] = kind
        weight.add(kind, file.read_bytes())
    return weight


def loaded_on_start(site_dir: Path, page: str) -> Weight:
    """What a quiz page adds when an attempt starts: its task types' script and styles.

    They are named by ``data-annotrain-load`` and ``data-annotrain-load-style``.
    """
    soup = BeautifulSoup((site_dir / page).read_bytes(), "html.parser")
    weight = Weight(page)
    for quiz in soup.select("[data-annotrain-load]"):
        for attribute in ("data-annotrain-load", "data-annotrain-load-style"):
            url = quiz.get(attribute)
            if not url:
                continue
            path = unquote(urljoin("/" + page, url)).lstrip("/")
            if path in weight.files:
                continue
            weight.files[path] = "annotrain types"
            weight.add("annotrain types", (site_dir / path).read_bytes())
    return weight


def annotrain_bytes(weight: Weight, gz: bool) -> int:
    """Bytes of annotrain's JS and CSS on the page."""
    table = weight.gzipped if gz else weight.raw
    return sum(value for kind, value in table.items() if kind.startswith("annotrain "))


def pages_using_annotrain(site_dir: Path) -> list[str]:
    """Built pages that load an annotrain script."""
    found = []
    for path in sorted(site_dir.rglob("index.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if ANNOTRAIN_DIR in text and "<script" in text:
            found.append(str(path.relative_to(site_dir)))
    return found


def kib(count: int) -> str:
    return f"{count / 1024:.1f} KB"
