"""Material's offline plugin, made to fetch nothing from elsewhere.

Opened from disk (``file://``), browsers refuse to start Web Workers, in which
Material's search runs. The offline plugin therefore adds the iframe-worker shim
to the pages' polyfills (``extra.polyfills``), taken from a CDN on the internet: a
learner without a connection gets a failed request and a console error on every
page and no search, and one with a connection tells a third party who is reading
the course. annotrain ships that shim (the npm package iframe-worker 1.0.4, MIT
License, in ``browser/vendor/iframe-worker/``, byte for byte) and, when the offline
plugin is on, puts its own copy and license in the site and names it instead.

Material adds its CDN copy only when no polyfill names iframe-worker, so this works
whichever plugin's ``on_config`` runs first. A course that names a local copy of
its own keeps it. The shim only takes over where pages are opened from disk.

Part of the MkDocs glue: reads the MkDocs config and returns ``File`` objects.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from ..browser.bundles import SITE_DIR, package_dir

#: The shim's folder in the package and in the built site.
VENDOR = "browser/vendor/iframe-worker"
SHIM = f"{SITE_DIR}/iframe-worker/shim.js"
LICENSE = f"{SITE_DIR}/iframe-worker/LICENSE"


def material_plugin_on(config, short_name: str) -> bool:
    """Whether Material's plugin ``short_name`` (``offline`` or ``material/offline``) is on."""
    for name, plugin in config.plugins.items():
        if name.rsplit("/", 1)[-1] == short_name and plugin.config.get("enabled", True):
            return True
    return False


def offline_enabled(config) -> bool:
    """Whether Material's offline plugin is on."""
    return material_plugin_on(config, "offline")


def _remote(url: str) -> bool:
    return "://" in url or url.startswith("//")


def use_shipped_shim(config) -> bool:
    """Name annotrain's copy of the shim in ``extra.polyfills`` for an offline build.

    A remote iframe-worker entry is replaced; a local one the course names is kept.
    Returns whether the site needs annotrain's copy (see :func:`shim_files`).
    """
    if not offline_enabled(config):
        return False
    polyfills = [str(p) for p in config.extra.get("polyfills") or []]
    kept = [p for p in polyfills if not ("iframe-worker" in p and _remote(p))]
    ours = not any("iframe-worker" in p for p in kept)
    if ours:
        kept.append(SHIM)
    config.extra["polyfills"] = kept
    return ours


def shim_files(config) -> list[File]:
    """The shim and its license, as files of the built site (PluginError if missing)."""
    folder = package_dir() / VENDOR
    missing = [name for name in ("shim.js", "LICENSE") if not (folder / name).is_file()]
    if missing:
        raise PluginError(f"annotrain lacks its files {VENDOR}/{', '.join(missing)}; reinstall it")
    return [
        File.generated(
            config,
            path,
            abs_src_path=str(folder / path.rsplit("/", 1)[-1]),
            inclusion=InclusionLevel.INCLUDED,
        )
        for path in (SHIM, LICENSE)
    ]


def web_font_warning(config) -> str | None:
    """Why the build should warn that the theme fetches web fonts, or None.

    Material's default ``font`` (Roboto) is loaded from a font service on every
    page view: each learner's browser then tells that service which course page they
    read, and a site opened without a connection falls back to other fonts anyway.
    ``font: false`` (system fonts) or Material's privacy plugin (which keeps a copy
    in the site) fetch nothing elsewhere.
    """
    if config.theme.name != "material" or not config.theme.get("font"):
        return None
    if material_plugin_on(config, "privacy"):
        return None
    font = config.theme["font"]
    names = ", ".join(str(v) for v in font.values()) if isinstance(font, dict) else str(font)
    return (
        f"the theme loads web fonts ({names}) from a font service on every page, so each "
        "learner's browser tells that service which page they read; add 'font: false' "
        "under 'theme:' in mkdocs.yml to use the system's fonts, or turn on Material's "
        "privacy plugin to keep a copy of the fonts in the site"
    )
