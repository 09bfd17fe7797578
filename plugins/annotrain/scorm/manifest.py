"""``imsmanifest.xml``: one organization, one item, one SCO listing every file.

SCORM 1.2 manifests follow IMS Content Packaging 1.1.2 with ADL's ``adlcp_rootv1p2``
extensions; SCORM 2004 ones IMS CP 1.1.4 with ``adlcp_v1p3`` and, on the item,
delivery controls saying the SCO itself sets completion and success (the LMS
must not mark it complete just for being opened). The schemas named in
``xsi:schemaLocation`` go beside the manifest (:func:`annotrain.scorm.schemas`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from urllib.parse import quote

from . import identifier

XSI = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES = {
    "1.2": {
        "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    },
    "2004": {
        "": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
        "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss",
    },
}
#: Each namespace's schema file, as xsi:schemaLocation pairs them.
LOCATIONS = {
    "1.2": (
        ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
        ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
    ),
    "2004": (
        ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
        ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
    ),
}
SCHEMA_VERSION = {"1.2": "1.2", "2004": "2004 4th Edition"}


def manifest(version: str, site: str, title: str, launch: str, files: Iterable[str]) -> bytes:
    """The manifest of a package of ``version`` whose one SCO starts at ``launch``.

    ``files`` are the package's files (paths with ``/``), the manifest and its
    schemas left out; ``site`` names the package (its identifier), ``title`` is
    what the LMS shows.
    """
    spaces = NAMESPACES[version]

    def tag(name: str) -> str:
        prefix, _, local = name.rpartition(":")
        return f"{{{spaces[prefix]}}}{local}"

    root = ET.Element(
        tag("manifest"),
        {
            "identifier": identifier(site, "annotrain-"),
            "version": "1",
            f"{{{XSI}}}schemaLocation": " ".join(f"{ns} {xsd}" for ns, xsd in LOCATIONS[version]),
        },
    )
    metadata = ET.SubElement(root, tag("metadata"))
    ET.SubElement(metadata, tag("schema")).text = "ADL SCORM"
    ET.SubElement(metadata, tag("schemaversion")).text = SCHEMA_VERSION[version]
    organizations = ET.SubElement(root, tag("organizations"), {"default": "course"})
    organization = ET.SubElement(organizations, tag("organization"), {"identifier": "course"})
    ET.SubElement(organization, tag("title")).text = title
    item = ET.SubElement(
        organization, tag("item"), {"identifier": "course-item", "identifierref": "course-sco"}
    )
    ET.SubElement(item, tag("title")).text = title
    if version == "2004":
        sequencing = ET.SubElement(item, tag("imsss:sequencing"))
        ET.SubElement(
            sequencing,
            tag("imsss:deliveryControls"),
            {"completionSetByContent": "true", "objectiveSetByContent": "true"},
        )
    resources = ET.SubElement(root, tag("resources"))
    kind = "adlcp:scormtype" if version == "1.2" else "adlcp:scormType"
    resource = ET.SubElement(
        resources,
        tag("resource"),
        {"identifier": "course-sco", "type": "webcontent", tag(kind): "sco", "href": href(launch)},
    )
    for name in files:
        ET.SubElement(resource, tag("file"), {"href": href(name)})
    for prefix, uri in spaces.items():  # "" too: the manifest's own names go unprefixed
        ET.register_namespace(prefix, uri)
    ET.register_namespace("xsi", XSI)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def href(path: str) -> str:
    """A file's path in the package as a URL relative to the manifest."""
    return quote(path, safe="/")
