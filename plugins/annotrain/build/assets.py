"""The files annotrain adds to a built site, handed to MkDocs as generated files.

The pages' script bundles and stylesheets (see :mod:`annotrain.browser.bundles`)
and the web copies of media become ``File.generated`` entries of the build's
``Files``. MkDocs then copies them with the author's static files, and other
plugins (Material's privacy and optimize plugins, minifiers, anything that walks
``files``) see them as they see the author's own.

They are registered in ``on_env``, the first moment the build knows which it needs:
each page's task types are known once its Markdown is rendered (``on_page_content``),
the task types a quiz loads once the quizzes load, which waits for every page
(a quiz may reuse any lesson's exercise). MkDocs copies static files right after
``on_env``, so each file is registered there with its content complete. Registering
names earlier (``on_files``) is not possible: they depend on what the pages use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..browser import bundles
from ..browser.bundles import SITE_DIR
from ..course.media import MediaLibrary
from ..tasktypes import TASK_TYPES
from .gathered import Gathered

#: (bundles, type bundles) -> {file name in SITE_DIR: text}; see bundles.site_texts.
Texts = Callable[[set[frozenset[str]], set[frozenset[str]]], dict[str, str]]


class SiteAssets:
    """Registers each build's bundles and media in its ``Files``.

    While serving, a page whose new build failed is served as it was before, with
    the bundles of that earlier build: every bundle any build of this server needed
    stays in the site.
    """

    def __init__(self, serving: bool) -> None:
        self.serving = serving
        self.bundles: set[frozenset[str]] = set()
        self.type_bundles: set[frozenset[str]] = set()

    def register(
        self, files: Files, config, gathered: Gathered, texts: Texts, media: MediaLibrary
    ) -> None:
        """Add the bundles ``gathered`` pages use and the media they show to ``files``."""
        bundles, type_bundles = gathered.bundles()
        if self.serving:  # pages kept from earlier builds use theirs
            bundles |= self.bundles
            type_bundles |= self.type_bundles
        self.bundles, self.type_bundles = bundles, type_bundles
        made: dict[str, str | bytes | Path] = {
            f"{SITE_DIR}/{name}": text for name, text in texts(bundles, type_bundles).items()
        }
        made.update(media.site_files())
        for path, source in made.items():
            existing = files.get_file_from_path(path)
            if existing is not None:  # ours wins over a docs file at the same path
                files.remove(existing)
            files.append(_generated(config, path, source))


def _generated(config, path: str, source: str | bytes | Path) -> File:
    """A file of the built site at ``path``: ``source`` is its content or a file to copy."""
    if isinstance(source, Path):
        return File.generated(
            config, path, abs_src_path=str(source), inclusion=InclusionLevel.INCLUDED
        )
    return File.generated(config, path, content=source, inclusion=InclusionLevel.INCLUDED)


def check_present(site_dir: str, used: dict[str, str]) -> None:
    """Raise when a site file that a page uses is not in the built site.

    ``used`` maps paths in the site to a page that uses each. A plugin that took one
    of our files from ``files`` and did not write it back would leave pages with a
    dead script or stylesheet: better a failed build than exercises that never start.
    """
    missing = [(path, page) for path, page in used.items() if not (Path(site_dir) / path).is_file()]
    if missing:
        listed = "; ".join(f"{path} (used by {page})" for path, page in sorted(missing))
        raise PluginError(
            f"annotrain: the built site lacks {listed}; another plugin may have removed "
            "it from the build's files"
        )


def check_installed() -> None:
    """Stop the build when the package lacks its browser files or templates (PluginError)."""
    if missing := bundles.missing_files(TASK_TYPES):
        raise PluginError(f"annotrain lacks its files {', '.join(map(str, missing))}; reinstall it")
