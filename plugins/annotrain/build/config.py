"""Options of the MkDocs plugin (``plugins: - annotrain: ...`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..course.fields import tries_problem
from ..course.tasks import REVEAL_AFTER


class Tries(c.Type):
    """A number of tries: a whole number of at least 1, or ``never``."""

    def __init__(self, default: int | str) -> None:
        super().__init__((int, str), default=default)

    def run_validation(self, value: object) -> int | str:
        problem = tries_problem(value)
        if problem:
            raise c.ValidationError(problem)
        return value


class AnnotrainConfig(Config):
    """Configuration of :class:`annotrain.build.plugin.AnnotrainPlugin`."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off (blocks are then left as plain code)."""

    rubrics = c.Type(str, default="quizzes/rubrics.yml")
    """Shared rubric file, relative to mkdocs.yml. A missing file is an error only
    when an exercise names a rubric by id."""

    quizzes = c.Type(str, default="quizzes")
    """Folder of quiz files (``<id>.yml``), relative to mkdocs.yml."""

    site_id = c.Optional(c.Type(str))
    """Key under which learners' progress is stored in their browser. Defaults to a
    slug of site_name; set it to keep progress when the site is renamed."""

    minify = c.Type(bool, default=True)
    """Minify the scripts and stylesheet (turn off to read them in the browser)."""

    cache_dir = c.Type(str, default=".cache/annotrain")
    """Folder, relative to mkdocs.yml, where work is kept between builds: web copies
    and measurements of media, parsed YAML, compiled templates. Safe to delete at
    any time."""

    reveal_after = Tries(default=REVEAL_AFTER)
    """After how many wrong checks an exercise's answer shows by itself (learners can
    ask for it sooner with "Show answer"), or ``never``. An exercise's own
    ``reveal_after``, or a practice-mode quiz's, wins over it."""

    messages = c.Type(dict, default={})
    """Overrides of single learner-facing messages, by key (see i18n/en.json)."""

    public_key = c.Optional(c.Type(str))
    """The trainer's Ed25519 public key: a file (``.pub.pem`` or ``.pub.txt``, as
    ``annotrain keys new`` writes them) or its base64 text. With it, exam-mode
    quizzes start only with a ticket the key's owner signed, and the verify page
    checks credentials. Never the private key: the build refuses it."""

    earlier_keys = c.Type(list, default=[])
    """Public keys used before ``public_key``, each ``{key: ..., until: YYYY-MM-DD}``
    (the last day it signed): credentials they signed still verify."""

    revoked = c.Type(str, default="revoked.txt")
    """File, relative to mkdocs.yml, listing revoked credentials, one SHA-256 per
    line (as ``annotrain verify`` prints it). A missing file revokes nothing."""

    xapi = c.Optional(c.Type(dict))
    """Send xAPI 1.0.3 statements to a Learning Record Store as learners work:
    ``{endpoint: https://lrs.example.org/xAPI/, auth: user:password}``. Needs a real
    ``site_url`` (activity ids are built from it). The credential is public in every
    page: give an account that may only write statements. Off when absent; only then
    do pages carry none of it. See the trainer guide, "Results in an LRS (xAPI)"."""
