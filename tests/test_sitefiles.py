"""How file paths appear in messages: as authors see them from the project folder."""

from __future__ import annotations

from annotrain.course.sitefiles import shown_path


def test_paths_inside_the_project_are_shown_from_its_folder(tmp_path, monkeypatch):
    root = tmp_path.resolve() / "project"
    (root / "course").mkdir(parents=True)
    (root / "course" / "a.md").write_text("# A\n")
    assert shown_path(root / "course" / "a.md", root) == "course/a.md"
    assert shown_path(str(root / "course" / "a.md"), root) == "course/a.md"
    assert shown_path(root / "course" / ".." / "course" / "a.md", root) == "course/a.md"
    monkeypatch.chdir(root / "course")
    assert shown_path("a.md", root) == "course/a.md"


def test_paths_outside_the_project_are_shown_whole(tmp_path):
    root = tmp_path.resolve() / "project"
    root.mkdir()
    outside = tmp_path.resolve() / "shared" / "rubrics.yml"
    assert shown_path(outside, root) == str(outside)
    assert shown_path(root / ".." / "shared" / "rubrics.yml", root) == str(
        root / ".." / "shared" / "rubrics.yml"
    )


def test_a_linked_folder_inside_the_project_is_shown_as_linked(tmp_path):
    root = tmp_path.resolve() / "project"
    root.mkdir()
    (tmp_path / "lessons").mkdir()
    (root / "course").symlink_to(tmp_path / "lessons", target_is_directory=True)
    assert shown_path(root / "course" / "a.md", root) == "course/a.md"
