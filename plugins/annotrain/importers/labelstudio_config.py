"""Reading a Label Studio labeling config: its data objects and its controls.

A config is XML rooted at ``<View>``. Objects show task data and name the data
field in ``value="$field"`` (``<Text name="text" value="$review"/>``); controls
collect answers about an object (``<Choices name="sentiment" toName="text">`` with
``<Choice value="Positive"/>`` children, possibly nested in ``<View>``s). Tag names
are matched without regard to case; a ``<Header value="...">`` before a control is
taken as that control's question. ``<Labels>``, ``<RectangleLabels>``,
``<PolygonLabels>`` and ``<KeyPointLabels>`` list their labels as ``<Label
value="..." alias="..."/>`` children, read in config order like choices. The XML is parsed with defusedxml, so DTDs,
entities and external references are refused rather than expanded. Comments (even
inside ``<Style>``), controls written before their object and HTML-escaped
attributes are all fine. Problems with one control (no ``toName``, dynamic options,
a ``<Choice>`` or ``<Label>`` without a value, per-region controls) do not stop the import: they are kept on the
control and reported for the tasks that use it. A ``<Relations>`` tag lists the
relation names (``<Relation value="works_for"/>``) that link text regions: with it,
a ``<Labels>`` control on a ``<Text>`` imports as ``relations`` tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree

from .output import ImporterError

#: Tags that show task data (lower case); AudioPlus is a deprecated alias of Audio.
OBJECT_TAGS = frozenset((
    "text", "hypertext", "paragraphs", "image", "audio", "audioplus", "video", "timeseries",
    "table", "pdf", "markdown",
))  # fmt: skip
#: Tags that collect answers (lower case). Each result's ``type`` is its control's tag.
CONTROL_TAGS = frozenset((
    "choices", "labels", "hypertextlabels", "paragraphlabels", "rectanglelabels", "rectangle",
    "polygonlabels", "polygon", "keypointlabels", "keypoint", "ellipselabels", "ellipse",
    "brushlabels", "brush", "textarea", "rating", "number", "datetime", "pairwise", "ranker",
    "taxonomy", "timeserieslabels", "videorectangle", "magicwand", "bitmasklabels", "relations",
))  # fmt: skip


#: Controls whose options are child tags: the tag's name -> its children's tag name.
OPTION_CHILDREN = {
    "choices": "choice",
    "labels": "label",
    "rectanglelabels": "label",
    "polygonlabels": "label",
    "keypointlabels": "label",
}


@dataclass
class DataObject:
    """An object tag: ``<Text name="text" value="$text"/>``."""

    name: str
    tag: str  # lower case
    value: str
    value_type: str | None = None


@dataclass
class Control:
    """A control tag with its options (``labels``, in config order) and any problem."""

    name: str
    tag: str  # lower case, as results give it in ``type``
    to_name: list[str]
    labels: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # alias -> label
    multiple: bool = False
    prompt: str | None = None
    problem: str | None = None


@dataclass
class LabelingConfig:
    """The objects by name and the controls in document order."""

    objects: dict[str, DataObject]
    controls: list[Control]
    #: The ``<Relation value="...">`` names of a ``<Relations>`` tag, in config order;
    #: None when the config has no ``<Relations>`` (then spans import as ``spans``).
    relation_labels: list[str] | None = None

    def control(self, name: str) -> Control | None:
        return next((c for c in self.controls if c.name == name), None)


def _attr(element: Element, name: str) -> str | None:
    """An attribute by name, also when written in another case (toName, toname)."""
    if name in element.attrib:
        return element.attrib[name]
    lower = name.lower()
    return next((v for k, v in element.attrib.items() if k.lower() == lower), None)


def parse_config(text: str, shown: str) -> LabelingConfig:
    """Parse the config's XML; raise :class:`ImporterError` when it cannot be used at all."""
    try:
        root = defusedxml.ElementTree.fromstring(text)
    except ParseError as error:
        line, column = error.position
        raise ImporterError(
            f"{shown}:{line}: the labeling config is not valid XML (column {column + 1}: "
            f"{str(error).split(':')[0]})"
        ) from None
    except defusedxml.DefusedXmlException as error:
        raise ImporterError(
            f"{shown}: the labeling config uses XML features refused for safety ({error})"
        ) from None
    if root.tag.lower() != "view":
        raise ImporterError(
            f"{shown}: not a Label Studio labeling config (its root is <{root.tag}>, expected <View>)"
        )
    objects: dict[str, DataObject] = {}
    controls: list[Control] = []
    header: str | None = None
    relation_labels: list[str] | None = None
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag = element.tag.lower()
        name = _attr(element, "name")
        if tag == "relations":  # links between regions; its results name no control
            relation_labels = _relation_labels(element, relation_labels or [])
        elif tag == "header":
            header = _attr(element, "value") or (element.text or "").strip() or None
        elif tag in OBJECT_TAGS and name:
            objects[name] = DataObject(
                name, tag, _attr(element, "value") or "", _attr(element, "valueType")
            )
        elif tag in CONTROL_TAGS and name:
            controls.append(_control(element, tag, name, header))
            header = None
    if not controls:
        raise ImporterError(f"{shown}: the labeling config has no controls (Choices, Labels...)")
    return LabelingConfig(objects, controls, relation_labels)


def _relation_labels(element: Element, labels: list[str]) -> list[str]:
    """The distinct, non-empty ``<Relation value>`` names under ``<Relations>``."""
    for option in element.iter():
        if isinstance(option.tag, str) and option.tag.lower() == "relation":
            value = (_attr(option, "value") or "").strip()
            if value and value not in labels:
                labels.append(value)
    return labels


def _control(element: Element, tag: str, name: str, header: str | None) -> Control:
    to_name = [n.strip() for n in (_attr(element, "toName") or "").split(",") if n.strip()]
    control = Control(name, tag, to_name, prompt=header)
    if tag not in OPTION_CHILDREN and tag != "textarea":
        return control
    if not to_name:
        control.problem = f"control {name!r} has no toName"
    elif (_attr(element, "perRegion") or "").lower() == "true":
        control.problem = (
            f"control {name!r} answers per region (perRegion), not for the whole object"
        )
    if tag not in OPTION_CHILDREN:
        return control
    control.multiple = (_attr(element, "choice") or "single").lower() == "multiple"
    if not control.problem and _attr(element, "value"):
        control.problem = f"control {name!r} takes its {_what(tag)}s from the task data (value=...)"
    child = OPTION_CHILDREN[tag]
    for option in element.iter():
        if not isinstance(option.tag, str) or option.tag.lower() != child:
            continue
        value = _attr(option, "value")
        if value is None or not value.strip():
            control.problem = f"control {name!r} has a <{child.title()}> without a value"
            continue
        if value in control.labels:
            control.problem = f"control {name!r} lists the {_what(tag)} {value!r} twice"
            continue
        control.labels.append(value)
        alias = _attr(option, "alias")
        if alias:
            control.aliases[alias] = value
    if control.problem:
        pass
    elif tag == "choices" and len(control.labels) < 2:
        control.problem = f"control {name!r} has fewer than two choices"
    elif not control.labels:
        control.problem = f"control {name!r} has no <Label> children"
    return control


def _what(tag: str) -> str:
    return "choice" if tag == "choices" else "label"
