"""The trainer guide's exam-day page: in the navigation, its links to the command-line
guide's sections, and quoting the exam page's own words."""

from __future__ import annotations

import json
import re

import markdown
import yaml

from .conftest import ROOT

PAGE = ROOT / "course" / "trainer" / "exam-day.md"
ENGLISH = json.loads((ROOT / "plugins" / "annotrain" / "i18n" / "en.json").read_text("utf-8"))


def test_the_page_is_in_the_trainer_guide_navigation():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.load(text, Loader=yaml.BaseLoader)["nav"]  # BaseLoader: !ENV tags as text
    guide = next(item["Trainer guide"] for item in nav if "Trainer guide" in item)
    assert "trainer/exam-day.md" in [next(iter(entry.values())) for entry in guide[1:]]


def test_every_refusal_the_page_quotes_is_what_the_exam_page_says():
    rows = re.findall(r'^\| "([^"]+?) …" \|', PAGE.read_text(encoding="utf-8"), re.MULTILINE)
    refusals = {key: text for key, text in ENGLISH.items() if key.startswith("ticket_")}
    assert len(rows) == 11
    for quoted in rows:
        assert any(text.startswith(quoted) for text in refusals.values()), quoted
    # Every refusal the page can show is in the table.
    shown = {"ticket_checking", "ticket_valid", "ticket_valid_until", "ticket_extra_time"}
    shown |= {"ticket_window_ends", "ticket_in_progress"}
    for key, text in refusals.items():
        if key not in shown:
            assert any(text.startswith(quoted) for quoted in rows), key


def test_its_links_to_the_command_line_guide_land_on_sections():
    links = re.findall(r"\(command-line\.md#([a-z0-9-]+)\)", PAGE.read_text(encoding="utf-8"))
    assert len(links) >= 5
    guide = (PAGE.parent / "command-line.md").read_text(encoding="utf-8")
    # The ids MkDocs gives the headings: Python-Markdown's toc, as mkdocs.yml sets it up.
    html = markdown.Markdown(
        extensions=["toc", "attr_list", "tables", "pymdownx.superfences"]
    ).convert(guide)
    ids = set(re.findall(r'<h[1-6] id="([^"]+)"', html))
    assert sorted(set(links) - ids) == []
