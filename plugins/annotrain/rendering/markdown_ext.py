"""The ``annotrain`` fenced-block syntax as a Python-Markdown extension.

Works under a bare ``markdown.Markdown(extensions=[AnnotrainExtension(...)])`` and
is what the MkDocs plugin registers. A preprocessor (priority 29: after
whitespace normalisation at 30, before fenced code and SuperFences at 25, so those
never see our blocks) replaces each block with the exercise's HTML, stashed so the
Markdown parser leaves it alone.

Options:

- ``rubrics``: path to a rubric file, or a :class:`~annotrain.rubrics.RubricLibrary`;
- ``language`` and ``messages``: which message catalog, and single-key overrides;
- ``template_dirs``: directories searched first for template overrides;
- ``cache_dir``: a folder where compiled templates are kept between builds;
- ``documents``: a :class:`~annotrain.yamlcache.DocumentCache` that parses the
  blocks' YAML, keeping values between builds (default: none kept);
- ``media``: a :class:`~annotrain.media.MediaLibrary` (default: paths relative to the
  working folder), which finds, measures and later publishes images and audio;
- ``on_error``: ``"raise"`` (default) raises :class:`~annotrain.errors.AuthoringError`;
  ``"collect"`` records errors in ``extension.errors`` and renders nothing for the
  broken block, so a caller (the MkDocs plugin) can report every error at once;
- ``defer``: when true, each exercise is written as a stand-in holding only its
  title, prompt and text (what a search index should see), between the markers of
  :func:`slot_markers`, and its HTML is kept in ``extension.deferred`` (id -> HTML)
  for the caller to put in place of the stand-in in the finished page. The MkDocs
  plugin does so: Material's search then reads a few lines per exercise instead of
  its controls and data, which was a quarter of annotrain's build time.

Line numbers in errors are those of the Markdown text given to the converter plus
``line_offset`` (set with :meth:`AnnotrainExtension.begin_page`, e.g. for front matter).
"""

from __future__ import annotations

import json
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from ..course.blocks import Block, find_blocks
from ..course.exercises import IdRegistry, Panel, keep_gold_check, load_block, yaml_offset
from ..course.media import MediaLibrary, stamps
from ..course.rebuilds import Reuse
from ..course.rubrics import RubricLibrary
from ..course.tasks import Task
from ..course.yamlcache import NO_CACHE, DocumentCache
from ..errors import AuthoringError
from ..messages import catalog
from .render import Renderer


class AnnotrainExtension(Extension):
    """Registers the annotrain block preprocessor; holds the current page's results."""

    def __init__(self, **kwargs):
        self.config = {
            "rubrics": ["", "rubric file path or RubricLibrary"],
            "language": ["en", "message catalog language"],
            "messages": [{}, "message overrides by key"],
            "template_dirs": [[], "directories searched first for templates"],
            "cache_dir": ["", "folder of compiled templates kept between builds"],
            "documents": ["", "DocumentCache parsing the blocks' YAML"],
            "on_error": ["raise", "'raise' or 'collect'"],
            "media": ["", "MediaLibrary finding image and audio files"],
            "defer": [False, "stand-ins in the page, exercise HTML in .deferred"],
        }
        super().__init__(**kwargs)
        self._rubrics: RubricLibrary | None = None
        self._renderer: Renderer | None = None
        self.messages = catalog(self.getConfig("language"), self.getConfig("messages"))
        self.media: MediaLibrary = self.getConfig("media") or MediaLibrary()
        self.documents: DocumentCache = self.getConfig("documents") or NO_CACHE
        self._messages_key = json.dumps(self.messages, sort_keys=True)
        _BLOCKS.next_build()
        self.begin_page(None)

    def begin_page(self, path: str | None, line_offset: int = 0, site_root: str = "") -> None:
        """Start a new document: where errors point, and fresh per-page results.

        ``site_root`` is the page's relative URL to the site's root ("../../"),
        which media links are written from.
        """
        self.path = path
        self.line_offset = line_offset
        self.site_root = site_root
        self.tasks: list[Task] = []
        self.panels: list[Panel] = []
        self.errors: list[AuthoringError] = []
        self.deferred: dict[str, str] = {}  # exercise id -> HTML, with defer

    @property
    def rubrics(self) -> RubricLibrary:
        if self._rubrics is None:
            source = self.getConfig("rubrics")
            if isinstance(source, RubricLibrary):
                self._rubrics = source
            elif source:
                self._rubrics = RubricLibrary.load(source)
            else:
                self._rubrics = RubricLibrary()
        return self._rubrics

    def load(self, block: Block) -> Task | Panel:
        """``load_block`` for this page's ``block``, or its result from the previous build.

        While ``mkdocs serve`` rebuilds, most blocks are as they were: a block is
        loaded again only when its text, page, place, the rubric file, the messages
        or a media file it reads changed. Errors are never kept.
        """
        rubrics = self.rubrics
        key = None
        if rubrics.fingerprint is not None:
            place = (self.path, self.line_offset, block.body_line, str(self.media.root))
            key = (block.body, place, rubrics.fingerprint, self._messages_key)
            kept = _BLOCKS.get(key)
            if kept is not None and self.media.unchanged(kept[1], kept[2]):
                self.media.reuse(kept[1])
                self.documents.reuse(block.body, yaml_offset(block, self.line_offset))
                if isinstance(kept[0], Task):
                    keep_gold_check(kept[0], self.documents)
                return _BLOCKS.keep(key, kept)[0]
        self.media.recording = []
        try:
            item = load_block(
                block,
                self.path,
                rubrics,
                self.messages,
                self.line_offset,
                self.media,
                self.documents,
            )
            files = self.media.recording
        finally:
            self.media.recording = None
        if key is not None:
            _BLOCKS.keep(key, (item, files, stamps(files)))
        return item

    @property
    def renderer(self) -> Renderer:
        if self._renderer is None:
            self._renderer = Renderer(
                self.messages,
                self.getConfig("template_dirs"),
                Path(self.getConfig("cache_dir")) if self.getConfig("cache_dir") else None,
            )
        return self._renderer

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.registerExtension(self)
        md.preprocessors.register(ExercisePreprocessor(md, self), "annotrain", 29)

    def fail(self, error: AuthoringError) -> None:
        if self.getConfig("on_error") == "collect":
            self.errors.append(error)
        else:
            raise error


class ExercisePreprocessor(Preprocessor):
    """Replaces each annotrain block with a placeholder for the exercise's HTML."""

    def __init__(self, md: Markdown, extension: AnnotrainExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        ext = self.extension
        try:
            blocks = find_blocks(lines, ext.path, ext.line_offset)
        except AuthoringError as error:
            ext.fail(error)
            return lines
        ids = IdRegistry()
        output: list[str] = []
        cursor = 0
        for block in blocks:
            output.extend(lines[cursor : block.start])
            cursor = block.end + 1
            try:
                item = ext.load(block)
                if isinstance(item, Task):
                    ids.add(item)
            except AuthoringError as error:
                ext.fail(error)
                continue
            if isinstance(item, Panel):
                ext.panels.append(item)
                html = ext.renderer.panel(item)
            else:
                ext.tasks.append(item)
                html = ext.renderer.exercise(item, root=ext.site_root)
                if ext.getConfig("defer"):
                    ext.deferred[item.id] = html
                    html = ext.renderer.exercise_stand_in(item, *slot_markers(item.id))
            placeholder = self.md.htmlStash.store(html)
            output.extend(["", block.indent + placeholder, ""])
        output.extend(lines[cursor:])
        return output


#: What the latest extension loaded (see AnnotrainExtension.load), for the next one.
_BLOCKS = Reuse()


def slot_markers(task_id: str) -> tuple[str, str]:
    """The comments that open and close a deferred exercise's stand-in."""
    return f"<!-- annotrain:exercise:{task_id} -->", f"<!-- /annotrain:exercise:{task_id} -->"


def makeExtension(**kwargs) -> AnnotrainExtension:  # noqa: N802 (Markdown's API name)
    return AnnotrainExtension(**kwargs)
