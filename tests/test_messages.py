"""Every learner-facing string comes from the catalog: no key is used that it lacks."""

from __future__ import annotations

import json
import re

from annotrain import assets
from annotrain.messages import catalog, fill
from annotrain.tasktypes import TASK_TYPES

from .conftest import ROOT

PACKAGE = ROOT / "plugins" / "annotrain"
ENGLISH = json.loads((PACKAGE / "i18n" / "en.json").read_text(encoding="utf-8"))


def sources() -> dict[str, str]:
    files = [
        *(PACKAGE / "assets").rglob("*.js"),
        *PACKAGE.rglob("*.py"),
        *(PACKAGE / "templates").rglob("*.html"),
    ]
    return {str(path): path.read_text(encoding="utf-8") for path in files}


def looked_up_keys() -> set[str]:
    """Keys passed literally to a lookup: t("key") and message(messages, "key") in JS,
    messages["key"] in Python, t.key in templates, progress_<kind> for each problem kind."""
    keys: set[str] = set()
    for name, text in sources().items():
        keys |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["']\s*[,)]""", text))
        keys |= set(re.findall(r"""message\(\s*messages\s*,\s*["']([a-z_]+)["']""", text))
        keys |= set(re.findall(r"""messages\[["']([a-z_]+)["']\]""", text))
        if name.endswith(".html"):
            keys |= set(re.findall(r"\bt\.([a-z_]+)", text))
        if name.endswith("progress.js"):
            kinds = set(re.findall(r"""(?:kind:\s*|return\s+)["'](\w+)["']""", text)) - {"ok"}
            keys |= {"progress_" + kind for kind in kinds}
    return keys


def test_every_key_looked_up_is_in_the_english_catalog():
    keys = looked_up_keys()
    assert len(keys) > 20
    assert sorted(keys - set(ENGLISH)) == []


def test_no_catalog_entry_is_unused():
    text = "\n".join(sources().values())
    mentioned = looked_up_keys() | {key for key in ENGLISH if f'"{key}"' in text}
    assert sorted(set(ENGLISH) - mentioned) == []


def test_fill_leaves_unknown_placeholders():
    assert fill("{a} and {b}", a=1) == "1 and {b}"


def test_unknown_language_falls_back_to_english():
    assert catalog("xx-YY")["check"] == ENGLISH["check"]


def test_page_only_messages_are_used_by_templates_and_no_script():
    scripts = "\n".join(
        path.read_text(encoding="utf-8") for path in (PACKAGE / "assets").rglob("*.js")
    )
    templates = "\n".join(
        path.read_text(encoding="utf-8") for path in (PACKAGE / "templates").rglob("*.html")
    )
    for kind in TASK_TYPES.values():
        for key in kind.page_messages:
            assert key in ENGLISH, key
            assert f"t.{key}" in templates, key
            assert f'"{key}"' not in scripts and f"'{key}'" not in scripts, key


def test_the_browser_catalog_leaves_page_only_messages_out():
    settings = assets.site_settings("s", "en", catalog("en"))
    shipped = json.loads(settings[settings.index("{") : settings.rindex("}") + 1])["messages"]
    page_only = {key for kind in TASK_TYPES.values() for key in kind.page_messages}
    assert page_only and not page_only & set(shipped)
    assert set(shipped) | page_only == set(ENGLISH)
