"""A QTI 2.1 content package: `<module>-quiz-qti-<lang>.zip`, every item once.

One `assessmentItem` per question (`choiceInteraction`; `matchInteraction` for matching) with a
`modalFeedback` per option and one for the general rationale, an `assessmentTest` holding them
all, and an `imsmanifest.xml` (IMS Content Packaging 1.1) listing each file.
"""

from __future__ import annotations

from decimal import ROUND_UP, Decimal
from pathlib import Path

from lxml import etree

from ..context import BuildContext
from ..office.package import reproducible_zip
from ..quiz import QuizItem, quiz_items

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_SCHEMA = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_SCHEMA = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GENERAL = "GENERAL"
"""The FEEDBACK value that shows the general rationale (no choice is named that)."""


def build(context: BuildContext) -> list[Path]:
    items = quiz_items(context)
    entries: list[tuple[str, bytes]] = [("imsmanifest.xml", _manifest(context, items))]
    entries.append((_test_file(context), _test(context, items)))
    entries += [(_item_file(item), _item(context, item)) for item in items]
    path = context.path("quiz-qti", "zip")
    reproducible_zip(entries, path)
    return [path]


def identifier(name: str) -> str:
    """An XML name from a curriculum id (ids may start with a digit; names may not)."""
    return name if name[0].isalpha() else f"_{name}"


def _item_file(item: QuizItem) -> str:
    return f"items/{item.id}.xml"


def _test_file(context: BuildContext) -> str:
    return f"{context.module.id}-test.xml"


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _qti(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str
         ) -> etree._Element:
    element = etree.SubElement(parent, _qti(tag), attributes)
    if text is not None:
        element.text = text
    return element


def _root(tag: str, **attributes: str) -> etree._Element:
    root = etree.Element(_qti(tag), attributes, nsmap={None: QTI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_SCHEMA}")
    return root


def share(count: int) -> str:
    """1/count, rounded up to 7 places so that `count` shares reach the upper bound of 1."""
    return str((Decimal(1) / count).quantize(Decimal("0.0000001"), rounding=ROUND_UP).normalize())


# --- items ------------------------------------------------------------------------------


def _item(context: BuildContext, item: QuizItem) -> bytes:
    root = _root("assessmentItem", identifier=identifier(item.id), title=item.id,
                 adaptive="false", timeDependent="false")
    root.set(XML_LANG, context.language_tag)
    if item.type == "matching":
        _matching(root, item)
    else:
        _choice(context, root, item)
    return _serialise(root)


def _choices(context: BuildContext, item: QuizItem) -> list[tuple[str, str, str, str]]:
    """(identifier, text, feedback, score) per choice; a multiple item's wrong choices cost."""
    if item.type == "true-false":
        return [
            ("TRUE", context.words("quiz_true"), item.feedback_true, "1" if item.answer else "0"),
            ("FALSE", context.words("quiz_false"), item.feedback_false,
             "0" if item.answer else "1"),
        ]
    if item.type == "single":
        return [(option.letter, option.text, option.feedback, "1" if option.correct else "0")
                for option in item.options]
    # max(…, 1): `voces check` refuses a multiple item without a key or a wrong option.
    right = share(max(len(item.key_letters), 1))
    wrong = "-" + share(max(len(item.options) - len(item.key_letters), 1))
    return [(option.letter, option.text, option.feedback, right if option.correct else wrong)
            for option in item.options]


def _choice(context: BuildContext, root: etree._Element, item: QuizItem) -> None:
    choices = _choices(context, item)
    single = item.type != "multiple"
    response = _add(root, "responseDeclaration", identifier="RESPONSE",
                    cardinality="single" if single else "multiple", baseType="identifier")
    correct = _add(response, "correctResponse")
    for name, _, _, credit in choices:
        if Decimal(credit) > 0:
            _add(correct, "value", name)
    mapping = _add(response, "mapping", lowerBound="0", upperBound="1", defaultValue="0")
    for name, _, _, credit in choices:
        if Decimal(credit) != 0:
            _add(mapping, "mapEntry", mapKey=name, mappedValue=credit)
    _outcomes(root)
    body = _add(root, "itemBody")
    _add(body, "p", item.stem)
    interaction = _add(body, "choiceInteraction", responseIdentifier="RESPONSE",
                       shuffle="false" if item.type == "true-false" else "true",
                       maxChoices="1" if single else "0")
    for name, text, _, _ in choices:
        _add(interaction, "simpleChoice", text, identifier=name)
    _processing(root, show_response=True)
    for name, _, feedback, _ in choices:
        _add(root, "modalFeedback", feedback, outcomeIdentifier="FEEDBACK", identifier=name,
             showHide="show")
    _add(root, "modalFeedback", item.feedback, outcomeIdentifier="FEEDBACK",
         identifier=GENERAL, showHide="show")


def _matching(root: etree._Element, item: QuizItem) -> None:
    count = len(item.pairs)
    response = _add(root, "responseDeclaration", identifier="RESPONSE", cardinality="multiple",
                    baseType="directedPair")
    correct = _add(response, "correctResponse")
    for n in range(1, count + 1):
        _add(correct, "value", f"L{n} R{n}")
    mapping = _add(response, "mapping", lowerBound="0", upperBound="1", defaultValue="0")
    for n in range(1, count + 1):
        _add(mapping, "mapEntry", mapKey=f"L{n} R{n}", mappedValue=share(count))
    _outcomes(root)
    body = _add(root, "itemBody")
    _add(body, "p", item.stem)
    interaction = _add(body, "matchInteraction", responseIdentifier="RESPONSE", shuffle="true",
                       maxAssociations=str(count))
    for side, texts in (("L", [p.left for p in item.pairs]), ("R", [p.right for p in item.pairs])):
        column = _add(interaction, "simpleMatchSet")
        for n, text in enumerate(texts, start=1):
            _add(column, "simpleAssociableChoice", text, identifier=f"{side}{n}", matchMax="1")
    _processing(root, show_response=False)
    _add(root, "modalFeedback", item.feedback, outcomeIdentifier="FEEDBACK",
         identifier=GENERAL, showHide="show")


def _outcomes(root: etree._Element) -> None:
    score = _add(root, "outcomeDeclaration", identifier="SCORE", cardinality="single",
                 baseType="float")
    _add(_add(score, "defaultValue"), "value", "0")
    _add(root, "outcomeDeclaration", identifier="FEEDBACK", cardinality="multiple",
         baseType="identifier")


def _processing(root: etree._Element, *, show_response: bool) -> None:
    """Score from the mapping; FEEDBACK names the chosen options and the general rationale."""
    processing = _add(root, "responseProcessing")
    _add(_add(processing, "setOutcomeValue", identifier="SCORE"), "mapResponse",
         identifier="RESPONSE")
    feedback = _add(_add(processing, "setOutcomeValue", identifier="FEEDBACK"), "multiple")
    if show_response:
        _add(feedback, "variable", identifier="RESPONSE")
    _add(feedback, "baseValue", GENERAL, baseType="identifier")


# --- the test and the manifest ----------------------------------------------------------


def _test(context: BuildContext, items: list[QuizItem]) -> bytes:
    title = context.words("quiz_test_title", module=context.text(context.module.title).strip())
    root = _root("assessmentTest", identifier=identifier(f"{context.module.id}-test"),
                 title=title)
    score = _add(root, "outcomeDeclaration", identifier="SCORE", cardinality="single",
                 baseType="float")
    _add(_add(score, "defaultValue"), "value", "0")
    part = _add(root, "testPart", identifier="part-1", navigationMode="nonlinear",
                submissionMode="individual")
    section = _add(part, "assessmentSection", identifier="section-1", title=title,
                   visible="true")
    for item in items:
        _add(section, "assessmentItemRef", identifier=identifier(item.id),
             href=_item_file(item))
    processing = _add(root, "outcomeProcessing")
    total = _add(_add(processing, "setOutcomeValue", identifier="SCORE"), "sum")
    _add(total, "testVariables", variableIdentifier="SCORE")
    return _serialise(root)


def _cp(tag: str) -> str:
    return f"{{{CP}}}{tag}"


def _manifest(context: BuildContext, items: list[QuizItem]) -> bytes:
    root = etree.Element(_cp("manifest"), nsmap={None: CP, "xsi": XSI},
                         identifier=identifier(f"{context.module.id}-qti-{context.lang}"))
    root.set(f"{{{XSI}}}schemaLocation", f"{CP} {CP_SCHEMA}")
    etree.SubElement(root, _cp("organizations"))
    resources = etree.SubElement(root, _cp("resources"))
    test = etree.SubElement(resources, _cp("resource"), identifier="resource-test",
                            type="imsqti_test_xmlv2p1", href=_test_file(context))
    etree.SubElement(test, _cp("file"), href=_test_file(context))
    for item in items:
        etree.SubElement(test, _cp("dependency"), identifierref=_resource_id(item))
    for item in items:
        resource = etree.SubElement(resources, _cp("resource"), identifier=_resource_id(item),
                                    type="imsqti_item_xmlv2p1", href=_item_file(item))
        etree.SubElement(resource, _cp("file"), href=_item_file(item))
    return _serialise(root)


def _resource_id(item: QuizItem) -> str:
    return identifier(f"resource-{item.id}")
