"""``annotrain package scorm``: the course as a SCORM 1.2 or 2004 package for an LMS.

    annotrain package scorm [--version 1.2|2004] [-o course.zip] [--quiz ID]
                            [--config mkdocs.yml]

Builds the site with MkDocs into a temporary folder, with ``use_directory_urls:
false`` (an LMS serves files, not folders), adds the launch page and its script
(:mod:`annotrain.scorm`), writes ``imsmanifest.xml`` and its schemas, and zips
it. ``--quiz`` names the quiz whose result is the course's score and pass or fail
in the LMS (the final); without it the course reports completion (every lesson
done) and each quiz's result as an objective. Exit status 0 when the package is
written, 1 when the course does not build or the package cannot be written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import zipfile
from pathlib import Path

from ..browser import bundles
from ..rendering import render
from ..safetext import for_terminal
from ..scorm import LAUNCHER, MANIFEST, SCRIPT, SCRIPT_PARTS, VERSIONS, launch_settings, schemas
from ..scorm.manifest import manifest
from .options import add_config_option

NAME = "package"
HELP = "the course as a SCORM 1.2 or 2004 package for an LMS"
EXAMPLES = """examples:
  annotrain package scorm --version 1.2 -o course.zip
                          a SCORM 1.2 package of ./mkdocs.yml's course
  annotrain package scorm --version 2004 --quiz final -o course.zip
                          SCORM 2004; the quiz final gives the course's score

exit status: 0 when the package is written, 1 when the course does not build or the
package cannot be written, 2 for a wrong command line.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Build the course and package it for a learning management system: one SCO "
        "that reports lessons done, each quiz's score and answers, and resumes where "
        "the learner left off."
    )
    parser.epilog = EXAMPLES
    parser.add_argument("format", choices=["scorm"], help="the package format: scorm")
    parser.add_argument(
        "--version",
        choices=VERSIONS,
        default="1.2",
        help="SCORM 1.2 (the most LMSs take it) or 2004 4th Edition (default: %(default)s)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="the zip file (default: <site id>-scorm-<version>.zip here)",
    )
    parser.add_argument(
        "--quiz",
        metavar="ID",
        help="the quiz whose result is the course's score and pass or fail (an exam: "
        "completion only)",
    )
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    config = args.config
    if not config.is_file():
        return _fail(f"{config}: no such file; run where mkdocs.yml is, or give --config")
    if args.output is not None:
        problem = _unwritable(args.output)
        if problem:
            return _fail(problem)
    with tempfile.TemporaryDirectory(prefix="annotrain-scorm-") as folder:
        site_dir = Path(folder) / "site"
        plugin, built = _build(config, site_dir)
        if plugin is None:
            return _fail(built)
        gathered = plugin.gathered
        quizzes = {quiz_id: quiz.mode for quiz_id, quiz in gathered.quizzes.items()}
        if args.quiz is not None and args.quiz not in quizzes:
            known = ", ".join(sorted(quizzes)) or "none"
            return _fail(f"--quiz {args.quiz}: the course has no such quiz; quizzes: {known}")
        taken = [name for name in (LAUNCHER, SCRIPT, MANIFEST) if (site_dir / name).exists()]
        taken += [p.name for p in schemas(args.version) if (site_dir / p.name).exists()]
        if taken:
            return _fail(f"the built site already has {taken[0]}, a file the package needs")
        settings = launch_settings(
            args.version, plugin.site_id, list(gathered.page_exercises), quizzes, args.quiz
        )
        _add_launcher(site_dir, settings, built["site_name"], plugin.language, plugin.config.minify)
        output = args.output or Path(f"{plugin.site_id}-scorm-{args.version}.zip")
        files = sorted(
            p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()
        )
        text = manifest(args.version, plugin.site_id, built["site_name"], LAUNCHER, files)
        try:
            _zip(output, site_dir, files, text, schemas(args.version))
        except OSError as error:
            return _fail(f"{output}: cannot write the package ({error.strerror or error})")
    print(f"wrote {for_terminal(str(output))}: SCORM {args.version}, {len(files)} files")
    if args.quiz is None and any(mode != "exam" for mode in quizzes.values()):
        print(
            "no --quiz: the LMS sees completion and each quiz as an objective, but no "
            "course score; name the final with --quiz ID to report its score"
        )
    return 0


def _build(config: Path, site_dir: Path):
    """Build the course into ``site_dir``: (its annotrain plugin, facts) or (None, why not)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        cfg = load_config(str(config), use_directory_urls=False, site_dir=str(site_dir))
        plugin = cfg.plugins.get("annotrain")
        if plugin is None or not plugin.config.enabled:
            return None, f"{config}: the annotrain plugin is not on in this site"
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except MkDocsException as error:
        return None, f"{config}: the course did not build: {error}"
    return plugin, {"site_name": cfg.site_name}


def _add_launcher(site_dir: Path, settings: dict, title: str, language: str, minify: bool) -> None:
    page = render.environment(()).get_template("annotrain/scorm.html")
    text = page.render(
        title=title,
        language=language,
        script=SCRIPT,
        settings=json.dumps(settings, ensure_ascii=False, sort_keys=True),
    )
    (site_dir / LAUNCHER).write_text(text, encoding="utf-8")
    script = site_dir / SCRIPT
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(bundles.scripts(SCRIPT_PARTS, minify), encoding="utf-8")


def _zip(output: Path, site_dir: Path, files: list[str], text: bytes, xsds: list[Path]) -> None:
    """Write the package: the manifest and its schemas at the root, then the site.

    Through a temporary file beside ``output``: a failure leaves no half package.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        with os.fdopen(handle, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, text)
            for xsd in xsds:
                zf.write(xsd, xsd.name)
            for name in files:
                zf.write(site_dir / name, name)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _unwritable(output: Path) -> str | None:
    """Why ``output`` cannot be written, found before the build (or None)."""
    if output.is_dir():
        return f"{output}: is a folder; give the zip file's name"
    folder = output.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=f".{output.name}.", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        return f"{output}: cannot write there ({error.strerror or error})"
    return None


def _fail(message: str) -> int:
    print(for_terminal(message), file=sys.stderr)
    return 1
