"""Writing tiny course sites into a temporary folder and building them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

import annotrain

from .conftest import ROOT, dedent

CONFIG = """\
site_name: Tiny course
docs_dir: docs
theme:
  name: material
  font: false
  features: [navigation.instant]
plugins:
  - annotrain{options}
markdown_extensions:
  - admonition
  - pymdownx.superfences
  - pymdownx.details
"""

CHOICE = """\
```annotrain
type: choice
id: {id}
prompt: Is this review positive?
text: Great value, arrived early.
labels: [Negative, Neutral, Positive]
ordered: true
rubric: sentiment-ordinal
gold: {{choice: Positive}}
hints: [Look at the adjectives., Early delivery is a plus.]
explain: Both remarks are praise.
```
"""

MULTI = """\
```annotrain
type: multi
id: {id}
prompt: Which topics does the ticket mention?
text: I was charged twice and the app crashes on the invoice page.
labels: [Billing, Shipping, Bug or crash]
rubric: tags-standard
gold: {{choices: [Billing, Bug or crash]}}
explain: A double charge is billing; the crash is a bug.
```
"""


class Site:
    """A course in ``root`` with ``docs/`` pages and the shared rubrics."""

    def __init__(
        self, root: Path, pages: dict[str, str], options: str = "", extra_config: str = ""
    ):
        self.root = root
        self.docs = root / "docs"
        self.site_dir = root / "site"
        for name, text in pages.items():
            path = self.docs / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dedent(text), encoding="utf-8")
        (root / "quizzes").mkdir(exist_ok=True)
        shutil.copy(ROOT / "quizzes" / "rubrics.yml", root / "quizzes" / "rubrics.yml")
        config = CONFIG.format(options=options) + dedent(extra_config)
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")

    def build(self, strict: bool = True, quiet: bool = True) -> subprocess.CompletedProcess:
        """``mkdocs build``; ``quiet`` (``-q``) logs errors only, and then MkDocs drops
        warnings before ``strict`` counts them: to test warnings, build with quiet=False."""
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(self.root / "mkdocs.yml")]
        if quiet:
            command.append("-q")
        if strict:
            command.append("--strict")
        return subprocess.run(
            command, cwd=self.root, capture_output=True, text=True, env=self.env(), timeout=120
        )

    @staticmethod
    def env() -> dict[str, str]:
        """A clean environment for MkDocs that runs the annotrain under test, also when
        it is not the installed one (a source tree on PYTHONPATH)."""
        source = str(Path(annotrain.__file__).resolve().parent.parent)
        return {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": source}

    def override_template(self, name: str, text: str) -> Path:
        """Write ``text`` as template ``name`` in the theme's custom_dir (``overrides/``)."""
        config = self.root / "mkdocs.yml"
        settings = config.read_text(encoding="utf-8")
        if "custom_dir:" not in settings:
            settings = settings.replace(
                "  name: material\n", "  name: material\n  custom_dir: overrides\n"
            )
            config.write_text(settings, encoding="utf-8")
        path = self.root / "overrides" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def html(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.site_dir / page).read_text(encoding="utf-8"), "html.parser")
