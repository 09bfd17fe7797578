"""A build with Material's offline plugin names and ships annotrain's copy of the
iframe-worker shim, not the CDN copy the offline plugin would add, whatever the
order of the plugins; a course's own local copy is kept; without the offline
plugin nothing changes."""

from __future__ import annotations

import pytest

from annotrain.browser.bundles import package_dir
from annotrain.build.offline import VENDOR

from .sites import CHOICE, Site

SHIM = "assets/annotrain/iframe-worker/shim.js"


def site_with(tmp_path, plugins: str, extra: str = "") -> Site:
    site = Site(
        tmp_path, {"index.md": "# Home\n", "lesson.md": "# Lesson\n\n" + CHOICE.format(id="q1")}
    )
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("plugins:\n  - annotrain\n", plugins)
    config.write_text(text + extra, encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


def polyfills(site: Site, page: str) -> list[str]:
    """The scripts a page loads before Material's own: its polyfills."""
    head = site.html(page).head
    return [s["src"] for s in head.find_all("script", src=True)]


@pytest.mark.parametrize(
    "plugins",
    [
        "plugins:\n  - search\n  - offline\n  - annotrain\n",
        "plugins:\n  - search\n  - annotrain\n  - material/offline\n",
    ],
    ids=["offline first", "annotrain first"],
)
def test_offline_build_ships_the_shim(tmp_path, plugins):
    site = site_with(tmp_path, plugins)
    # Pages are files (lesson.html) in an offline build: both sit at the top.
    for page in ("index.html", "lesson.html"):
        assert polyfills(site, page) == [SHIM]
    shipped = site.site_dir / SHIM
    vendored = package_dir() / VENDOR
    assert shipped.read_bytes() == (vendored / "shim.js").read_bytes()
    notice = (site.site_dir / "assets/annotrain/iframe-worker/LICENSE").read_text()
    assert "Martin Donath" in notice and "Permission is hereby granted" in notice


def test_a_local_copy_the_course_names_is_kept(tmp_path):
    site = site_with(
        tmp_path,
        "plugins:\n  - search\n  - offline\n  - annotrain\n",
        "extra:\n  polyfills:\n    - js/iframe-worker.js\n",
    )
    assert polyfills(site, "index.html") == ["js/iframe-worker.js"]
    assert not (site.site_dir / SHIM).exists()


def test_without_the_offline_plugin_nothing_is_added(tmp_path):
    site = site_with(tmp_path, "plugins:\n  - search\n  - annotrain\n")
    assert polyfills(site, "index.html") == []
    assert not (site.site_dir / SHIM).exists()
