"""Every learner-facing string comes from the catalog: no key is used that it lacks."""

from __future__ import annotations

import json
import re

from annotrain import assets
from annotrain.messages import catalog, fill

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


def test_a_bundle_carries_the_messages_its_scripts_name_and_no_others():
    shipped_for = {}
    for uses in (["choice"], ["spans"], ["progress"]):
        text = assets.bundle(uses, "s", "en", catalog("en"))
        settings = text[: text.index(";\n")]
        shipped_for[uses[0]] = json.loads(settings[settings.index("{") :])["messages"]
    assert "note_choice_right" in shipped_for["choice"]
    assert "note_choice_right" not in shipped_for["spans"]
    assert not any(key.startswith("note_spans_") for key in shipped_for["choice"])
    assert any(key.startswith("note_spans_") for key in shipped_for["spans"])
    # Built at run time from a prefix ("progress_" + problem kind): always shipped.
    assert "progress_corrupt" in shipped_for["choice"]
    # Only templates use the option instructions: the browser never needs them.
    assert "choose_one" not in shipped_for["choice"]
