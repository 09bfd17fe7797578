"""The flagship course's theme overrides (``overrides/``, mkdocs.yml's custom_dir)
are Material's own partials with an accessible name added, nothing else.

When a Material release changes one of these partials, this test fails, so the
override is copied afresh rather than silently hiding the new version.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from .conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"

#: Each override: what it changes in Material's partial, and to what.
CHANGES = {
    "partials/search.html": (
        'role="dialog">',
        'role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    ),
    "partials/progress.html": (
        'role="progressbar">',
        'role="progressbar" aria-label="Loading the next page">',
    ),
}


def without_comment(text: str) -> str:
    """The template without its leading ``{#- ... -#}`` comment."""
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_override_is_materials_partial_plus_a_name(name):
    ours = without_comment((ROOT / "overrides" / name).read_text(encoding="utf-8"))
    theirs = without_comment((MATERIAL / name).read_text(encoding="utf-8"))
    before, after = CHANGES[name]
    assert theirs.count(before) == 1
    assert ours == theirs.replace(before, after)


def test_every_override_is_checked():
    found = {
        p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.*")
    }
    assert found == set(CHANGES)
