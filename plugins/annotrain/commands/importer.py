"""``annotrain import``: gold tasks from another tool's export, as a quiz bank file.

    annotrain import label-studio EXPORT.json --config CONFIG.xml [--media DIR]
        [-o quizzes/NAME.yml] [--prefer ground-truth|latest|annotator=ID]
        [--rubric [TYPE=]ID] [--title TEXT] [--site mkdocs.yml] [--force] [--max-bytes SIZE]
    annotrain import coco ANNOTATIONS.json --images DIR [--type bbox|keypoints|masks]
        [-o quizzes/NAME.yml] [--rubric [TYPE=]ID] [--title TEXT] [--site mkdocs.yml] [--force]
        [--max-bytes SIZE]

Every task is checked with the course's own loader against the site's rubrics
(and its images and audio, found relative to the quiz file's folder) before
anything is written; the file is written whole or not at all. Without ``-o`` the
YAML goes to stdout and media paths are relative to the working folder. The
summary (imported N, skipped M and why) goes to stdout when writing a file, to
stderr otherwise. Exit status: 0 when tasks were imported, 1 when nothing could be
imported or an input is unusable, 2 for usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..course.default_rubrics import default_id
from ..course.media import MediaLibrary
from ..course.rubrics import RubricLibrary
from ..course.sitefiles import read_layout
from ..errors import AnnotrainError, AuthoringError
from ..fileio import write_atomic
from ..importers.coco import DEFAULT_TYPES as COCO_DEFAULT_TYPES
from ..importers.coco import TYPES as COCO_TYPES
from ..importers.coco import import_coco, read_coco
from ..importers.labelstudio import Preference, import_export, read_config, read_export
from ..importers.mediafiles import MediaFolder
from ..importers.output import MAX_BYTES, ImporterError, Outcome, check_tasks, render_quiz
from ..messages import catalog
from .options import add_max_bytes_option

NAME = "import"
HELP = "gold tasks from a Label Studio export or a COCO file, as a quiz file"
LS_EXAMPLES = """examples:
  annotrain import label-studio export.json --config config.xml -o quizzes/reviews.yml
  annotrain import label-studio export.json --config config.xml          YAML on stdout
  annotrain import label-studio export.json --config config.xml --media ls-media -o quizzes/boxes.yml
  annotrain import label-studio export.json --config config.xml --prefer latest
  annotrain import label-studio export.json --config config.xml --prefer annotator=trainer@example.org
  annotrain import label-studio export.json --config config.xml --rubric bbox=boxes-tight
"""
COCO_EXAMPLES = """examples:
  annotrain import coco instances.json --images coco/images -o quizzes/defects.yml
  annotrain import coco person_keypoints.json --images coco/images --type keypoints
  annotrain import coco instances.json --images coco/images --type masks
  annotrain import coco instances.json --images coco/images --rubric bbox=boxes-photo
"""
EXAMPLES = LS_EXAMPLES + COCO_EXAMPLES.replace("examples:\n", "")
LS_DESCRIPTION = """\
Gold tasks from a Label Studio JSON export and its labeling config:

  Choices on Text              choice (multi with choice="multiple")
  Labels on Text               spans (offsets checked against the text)
  RectangleLabels on Image     bbox (percent -> the image's natural pixels)
  PolygonLabels on Image       polygon
  KeyPointLabels on Image      keypoints
  TextArea on Audio            transcript
  Labels on Audio              segments (seconds)

Images and audio are found by file name in the --media folder. Cancelled
annotations and predictions are never gold. Every task is checked with the
course's own loader before the file is written; every skipped task is listed
with the reason.
"""
COCO_DESCRIPTION = """\
Gold tasks from a COCO annotation file: one bbox task per image with all its
objects (labels: every category, in id order), and one keypoints task per
annotation with keypoints (v=1 and v=0 become visible: false); with --type
masks, one masks task per image from the segmentations (polygons or RLE), one
mask per category. Images with a crowd region and crowd annotations are not
imported as boxes or keypoints; every skipped image or annotation is listed
with the reason.
"""
DEFAULT_RUBRICS = {
    kind: default_id(kind)  # each type's built-in rubric, which any course has
    for kind in (
        "choice",
        "multi",
        "spans",
        "transcript",
        "segments",
        "bbox",
        "polygon",
        "keypoints",
        "relations",
        "masks",
    )
}


def _preference(text: str) -> Preference:
    try:
        return Preference.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Turn another tool's export into gold tasks for quizzes/."
    parser.epilog = EXAMPLES
    sources = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
    ls = sources.add_parser(
        "label-studio",
        help="a Label Studio JSON export and its labeling config",
        description=LS_DESCRIPTION,
        epilog=LS_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ls.add_argument("export", type=Path, metavar="EXPORT.json", help="the project's JSON export")
    ls.add_argument(
        "--config", type=Path, required=True, metavar="CONFIG.xml", help="the labeling config"
    )
    ls.add_argument(
        "--media",
        type=Path,
        metavar="DIR",
        help="the folder holding the tasks' images and audio, found by file name (also without "
        "Label Studio's 8-hex upload prefix); needed for image and audio tasks",
    )
    ls.add_argument(
        "--prefer",
        type=_preference,
        default=Preference(),
        metavar="ground-truth|latest|annotator=ID",
        help="which annotation is gold (default: ground-truth)",
    )
    _shared_options(ls, "quizzes/reviews.yml", tuple(DEFAULT_RUBRICS))
    coco = sources.add_parser(
        "coco",
        help="a COCO object or keypoint detection file and its images",
        description=COCO_DESCRIPTION,
        epilog=COCO_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    coco.add_argument(
        "annotations", type=Path, metavar="ANNOTATIONS.json", help="the COCO annotation file"
    )
    coco.add_argument(
        "--images",
        type=Path,
        required=True,
        metavar="DIR",
        help="the folder holding the images (looked up by file_name)",
    )
    coco.add_argument(
        "--type",
        action="append",
        choices=COCO_TYPES,
        dest="types",
        help="import this task type (repeat for several; default: bbox and keypoints)",
    )
    _shared_options(coco, "quizzes/defects.yml", COCO_TYPES)


def _shared_options(parser: argparse.ArgumentParser, example: str, kinds: tuple) -> None:
    parser.set_defaults(kinds=kinds)
    parser.add_argument("-o", "--output", type=Path, help=f"the quiz file to write, e.g. {example}")
    parser.add_argument(
        "--rubric",
        action="append",
        default=[],
        metavar="[TYPE=]ID",
        help="rubric for every task, or for one type (default: "
        + ", ".join(f"{k}={DEFAULT_RUBRICS[k]}" for k in kinds)
        + ")",
    )
    parser.add_argument("--title", help="the quiz title (default: from the file name)")
    parser.add_argument(
        "--site",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's mkdocs.yml (default: %(default)s)",
    )
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")
    add_max_bytes_option(parser, MAX_BYTES, "export files")


def _rubric_ids(values: list[str], kinds: tuple) -> tuple[dict[str, str], set[str]]:
    """The rubric id per task type, and the ids given on the command line."""
    chosen = {kind: DEFAULT_RUBRICS[kind] for kind in kinds}
    given = set()
    for value in values:
        kind, _, rubric = value.rpartition("=")
        given.add(rubric)
        if not kind:
            chosen = dict.fromkeys(chosen, rubric)
        elif kind in chosen:
            chosen[kind] = rubric
        else:
            raise AnnotrainError(
                f"--rubric {value}: unknown task type {kind!r}; types: {', '.join(chosen)}"
            )
    return chosen, given


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except AnnotrainError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.output is not None and args.output.exists() and not args.force:
        raise AnnotrainError(f"{args.output}: already exists; pass --force to replace it")
    if not args.site.is_file():
        raise AnnotrainError(
            f"{args.site}: no such file; run in the folder of your mkdocs.yml or pass --site"
        )
    layout = read_layout(args.site)
    if layout.rubrics.is_file():
        library = RubricLibrary.load(layout.rubrics, layout.shown(layout.rubrics))
    else:  # the task types' default rubrics are enough
        library = RubricLibrary(path=layout.shown(layout.rubrics))
    rubrics, given = _rubric_ids(args.rubric, args.kinds)
    for rubric in sorted(given):
        library.get(rubric, f"--rubric {rubric}", None)  # AuthoringError naming the known ids
    messages = catalog(layout.language, layout.messages)
    base = args.output.parent if args.output is not None else Path(".")
    if args.source == "label-studio":
        source = args.export
        config = read_config(args.config)
        tasks = read_export(args.export, args.max_bytes)
        folder = MediaFolder(args.media, base) if args.media is not None else None
        outcome = import_export(tasks, config, args.prefer, rubrics, args.export.stem, folder)
        header = (
            f"Imported by `annotrain import label-studio` from {args.export.name} with "
            f"{args.config.name}\n(gold: the {args.prefer} annotation of each task). "
        )
    else:
        source = args.annotations
        data = read_coco(args.annotations, args.max_bytes)
        folder = MediaFolder(args.images, base, "--images")
        types = tuple(args.types or COCO_DEFAULT_TYPES)
        outcome = import_coco(
            data, folder, rubrics, args.annotations.stem, str(args.annotations), types
        )
        header = f"Imported by `annotrain import coco` from {args.annotations.name}. "
    header += "Add an `explain:` to each task\nbefore publishing: learners read it after checking."
    _check_rubrics(outcome, rubrics, library, layout.shown(layout.rubrics))
    media = MediaLibrary(base)
    check_tasks(outcome, library, messages, outcome.ref_of, media)
    report = sys.stdout if args.output is not None else sys.stderr
    if not outcome.imported:
        print("\n".join(outcome.summary()), file=sys.stderr)
        raise AnnotrainError(f"{source}: nothing to import")
    quiz_id = args.output.stem if args.output is not None else source.stem
    data = {
        "title": args.title or f"Imported from {source.name}",
        "sections": [{"title": s.title, "tasks": s.tasks} for s in outcome.sections],
    }
    text = render_quiz(quiz_id, data, header, library, messages, media)
    if args.output is not None:
        try:
            write_atomic(args.output, text)
        except OSError as error:
            raise AnnotrainError(f"{args.output}: cannot write: {error.strerror}") from None
    else:
        sys.stdout.write(text)
    print("\n".join(outcome.summary()), file=report)
    if args.output is not None:
        print(f"wrote {args.output}", file=report)
    return 0


def _check_rubrics(
    outcome: Outcome, rubrics: dict[str, str], library: RubricLibrary, shown: str
) -> None:
    """Refuse to go on when a task type that was imported has no rubric in the site."""
    kinds = sorted({task["type"] for section in outcome.sections for task in section.tasks})
    for kind in kinds:
        try:
            library.get(rubrics[kind], shown, None)
        except AuthoringError:
            raise ImporterError(
                f"{shown} has no rubric {rubrics[kind]!r} for the {kind} tasks; "
                f"add one, or choose one with --rubric {kind}=ID"
            ) from None
