"""Parsed YAML kept between builds: the same values as parsing, and never stale."""

from __future__ import annotations

import pickle

import pytest

from annotrain.course import yamlpos
from annotrain.course.blocks import find_blocks
from annotrain.course.yamlcache import DocumentCache
from annotrain.errors import AuthoringError

from .conftest import ROOT
from .sites import CHOICE, Site


def lines_of(value):
    """``value`` with every recorded line, to compare line maps as well as values."""
    if isinstance(value, yamlpos.YamlMap):
        return ("map", value.line, value.key_lines, {k: lines_of(v) for k, v in value.items()})
    if isinstance(value, yamlpos.YamlList):
        return ("list", value.line, value.item_lines, [lines_of(v) for v in value])
    return value


def course_documents() -> list[tuple[str, int]]:
    documents = []
    for page in sorted((ROOT / "course").rglob("*.md")):
        lines = page.read_text(encoding="utf-8").split("\n")
        documents += [(block.body, block.body_line - 1) for block in find_blocks(lines)]
    documents += [
        (path.read_text(encoding="utf-8"), 0) for path in (ROOT / "quizzes").glob("*.yml")
    ]
    return documents


def test_kept_documents_read_back_as_parsing_reads_them(tmp_path):
    documents = course_documents()
    first = DocumentCache(tmp_path)
    parsed = [lines_of(first.load(text, "x.md", offset)) for text, offset in documents]
    first.save()
    second = DocumentCache(tmp_path)
    assert len(second.kept) == len({(text, offset) for text, offset in documents})
    kept = [lines_of(second.load(text, "x.md", offset)) for text, offset in documents]
    assert kept == parsed
    assert parsed == [lines_of(yamlpos.load(text, "x.md", offset)) for text, offset in documents]


def test_a_kept_value_is_what_the_next_build_gets(tmp_path):
    text = "type: choice\nid: q1\n"
    cache = DocumentCache(tmp_path)
    cache.load(text)
    cache.save()
    # Plant another value for the same key: the next build reads it instead of parsing.
    (key,) = cache.read
    stored = pickle.loads(cache.file.read_bytes())
    stored[key] = pickle.dumps({"planted": True})
    cache.file.write_bytes(pickle.dumps(stored))
    assert DocumentCache(tmp_path).load(text) == {"planted": True}


def test_each_load_returns_a_new_value(tmp_path):
    cache = DocumentCache(tmp_path)
    cache.load("labels: [a, b]\n")
    cache.save()
    again = DocumentCache(tmp_path)
    first = again.load("labels: [a, b]\n")
    first["labels"].append("changed")
    assert again.load("labels: [a, b]\n") == {"labels": ["a", "b"]}


def test_the_line_offset_is_part_of_the_key(tmp_path):
    cache = DocumentCache(tmp_path)
    assert cache.load("id: q1\n", line_offset=0).line_of("id") == 1
    cache.save()
    again = DocumentCache(tmp_path)
    assert again.load("id: q1\n", line_offset=40).line_of("id") == 41
    assert again.load("id: q1\n", line_offset=0).line_of("id") == 1


def test_documents_with_errors_are_reported_every_time_and_never_kept(tmp_path):
    broken = "labels: [a, b\nid: q1\n"
    for _ in range(2):
        cache = DocumentCache(tmp_path)
        with pytest.raises(AuthoringError, match=r"lesson\.md:13"):
            cache.load(broken, "lesson.md", 11)
        cache.save()
        assert cache.read == {}


def test_the_file_keeps_only_the_last_build_documents(tmp_path):
    cache = DocumentCache(tmp_path)
    cache.load("id: old\n")
    cache.save()
    cache = DocumentCache(tmp_path)
    cache.load("id: new\n")
    cache.save()
    values = [pickle.loads(blob) for blob in pickle.loads(cache.file.read_bytes()).values()]
    assert values == [{"id": "new"}]


def test_a_damaged_cache_file_or_entry_is_parsed_again(tmp_path):
    cache = DocumentCache(tmp_path)
    cache.load("id: q1\n")
    cache.save()
    (key,) = cache.read
    cache.file.write_bytes(pickle.dumps({key: b"not a pickle"}))
    assert DocumentCache(tmp_path).load("id: q1\n") == {"id": "q1"}
    cache.file.write_bytes(b"\x80\x05 truncated")
    again = DocumentCache(tmp_path)
    assert again.load("id: q1\n") == {"id": "q1"}
    again.save()
    assert DocumentCache(tmp_path).kept == again.read, "the file is whole again"


def test_files_of_another_parser_version_are_removed(tmp_path):
    stale = tmp_path / "yaml-0000000000000000.pickle"
    stale.write_bytes(pickle.dumps({}))
    cache = DocumentCache(tmp_path)
    cache.load("id: q1\n")
    cache.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == [cache.file.name]


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would go")
    cache = DocumentCache(blocked)
    assert cache.load("id: q1\n") == {"id": "q1"}
    cache.save()  # no error
    assert DocumentCache(blocked).kept == {}


def test_a_build_keeps_the_course_yaml_and_the_next_build_uses_it(tmp_path):
    site = Site(tmp_path, {"index.md": "# Home\n\n" + CHOICE.format(id="q1")})
    assert site.build().returncode == 0
    (kept,) = (tmp_path / ".cache" / "annotrain").glob("yaml-*.pickle")
    values = [pickle.loads(blob) for blob in pickle.loads(kept.read_bytes()).values()]
    documents = [value for value in values if isinstance(value, dict)]
    assert {value.get("id") for value in documents} >= {"q1"}, "the lesson's block"
    assert any("rubrics" in value for value in documents), "the rubric file"
    assert values.count(True) == 1, "the block's gold check passed, and is kept"
    # An edited block is parsed again, so the page shows the edit.
    page = site.docs / "index.md"
    page.write_text(page.read_text().replace("Is this review positive?", "Edited prompt?"))
    assert site.build().returncode == 0
    assert "Edited prompt?" in site.html("index.html").get_text()


def test_a_kept_gold_check_never_hides_a_gold_that_no_longer_reaches_the_top(tmp_path):
    site = Site(tmp_path, {"index.md": "# Home\n\n" + CHOICE.format(id="q1")})
    assert site.build().returncode == 0
    # The rubric's top level now asks for more than a perfect answer can reach.
    rubrics = tmp_path / "quizzes" / "rubrics.yml"
    text = rubrics.read_text(encoding="utf-8")
    top = "5: {max: 0, descriptor: The sentiment matches the gold label exactly.}"
    assert top in text
    rubrics.write_text(text.replace(top, top.replace("max: 0", "max: -1")), encoding="utf-8")
    result = site.build()
    assert result.returncode == 1
    assert "the gold of 'q1' does not reach the top level" in result.stderr
