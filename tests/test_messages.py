"""Every learner-facing string comes from the catalog: no key is used that it lacks."""

from __future__ import annotations

import json
import re

from annotrain.browser import bundles
from annotrain.messages import catalog, fill

from .conftest import ROOT

PACKAGE = ROOT / "plugins" / "annotrain"
ENGLISH = json.loads((PACKAGE / "i18n" / "en.json").read_text(encoding="utf-8"))


def sources() -> dict[str, str]:
    files = [
        *PACKAGE.rglob("*.js"),
        *PACKAGE.rglob("*.py"),
        *PACKAGE.rglob("*.html"),
    ]
    return {str(path): path.read_text(encoding="utf-8") for path in files}


def looked_up_keys() -> set[str]:
    """Keys passed literally to a lookup: t("key") and message(messages, "key") in JS,
    messages["key"] in Python, t.key in templates."""
    keys: set[str] = set()
    for name, text in sources().items():
        keys |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["']\s*[,)]""", text))
        keys |= set(re.findall(r"""message\(\s*messages\s*,\s*["']([a-z_]+)["']""", text))
        keys |= set(re.findall(r"""messages\[["']([a-z_]+)["']\]""", text))
        if name.endswith(".html"):
            keys |= set(re.findall(r"\bt\.([a-z_]+)", text))
    return keys


def test_no_script_builds_a_key_at_run_time():
    # A bundle ships only the keys its scripts name (bundles.used_messages).
    built = {
        name: re.findall(r"""\bt\(\s*["'][a-z_]*["']\s*\+""", text)
        for name, text in sources().items()
        if name.endswith(".js")
    }
    assert {name: found for name, found in built.items() if found} == {}


def test_every_problem_kind_of_stored_progress_has_a_message():
    scripts = {path.name: path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.js")}
    # Kinds are given as {kind: "..."} or returned by classify().
    store = scripts["progress.js"] + scripts["progress-manage.js"]
    found = re.findall(r"""(?:kind:\s*|return\s+)["'](\w+)["']""", store)
    kinds = set(found) - {"ok"}
    assert {"corrupt", "future", "unavailable", "import_damaged"} <= kinds
    shown = scripts["annotrain.js"] + scripts["progress-page.js"]
    for kind in kinds:
        mapped = re.search(rf"""\b{kind}:\s*["'](progress_{kind})["']""", shown)
        assert mapped, f"no message for the problem kind {kind!r}"
        assert mapped.group(1) in ENGLISH


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
        text = bundles.bundle(uses, "s", "en", catalog("en"))
        settings = text[: text.index(";\n")]
        shipped_for[uses[0]] = json.loads(settings[settings.index("{") :])["messages"]
    assert "note_choice_right" in shipped_for["choice"]
    assert "note_choice_right" not in shipped_for["spans"]
    assert not any(key.startswith("note_spans_") for key in shipped_for["choice"])
    assert any(key.startswith("note_spans_") for key in shipped_for["spans"])
    # Every page may report damaged stored progress; only the progress page imports.
    assert "progress_corrupt" in shipped_for["choice"]
    assert "progress_import_damaged" not in shipped_for["choice"]
    assert "progress_import_damaged" in shipped_for["progress"]
    # Only templates use the option instructions: the browser never needs them.
    assert "choose_one" not in shipped_for["choice"]
