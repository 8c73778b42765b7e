"""A docx's styles by name, read once per theme: python-docx scans every style of the styles
part (800 KB in Voces's theme) for each lookup by name, and for the default style of a kind.

A style missing from a user's theme is copied from Voces's default theme into the document
(builder/office/docx.py warns about it); the copies are the document's own, appended to the
theme's styles when the document is saved.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import docx
from docx.styles import BabelFish
from lxml import etree

from ..themes.guide import DEFAULT_GUIDE_THEME
from .docx_xml import w

STYLE_KINDS = {"paragraph": 1, "character": 2, "table": 3, "numbering": 4}


@dataclass(frozen=True)
class Style:
    kind: int
    """WD_STYLE_TYPE's value: 1 paragraph, 2 character, 3 table, 4 numbering."""
    style_id: str | None
    element: etree._Element


@dataclass
class StyleBook:
    """The styles of a styles part by the names Word shows (the first of a name, as python-docx
    finds it), the ids in use, and the default style of each kind (the last one marked)."""

    by_name: dict[str, Style] = field(default_factory=dict)
    ids: set[str | None] = field(default_factory=set)
    defaults: dict[int, etree._Element] = field(default_factory=dict)

    @classmethod
    def of(cls, styles: etree._Element) -> StyleBook:
        book = cls()
        for element in styles.iterchildren(w("style")):
            book.add(element)
        return book

    def add(self, element: etree._Element) -> None:
        kind = STYLE_KINDS.get(element.get(w("type"), "paragraph"), 1)
        style = Style(kind, element.get(w("styleId")), element)
        name = element.find(w("name"))
        if name is not None and name.get(w("val")) is not None:
            self.by_name.setdefault(BabelFish.internal2ui(name.get(w("val"))), style)
        self.ids.add(style.style_id)
        if element.get(w("default")) in ("1", "true", "on"):
            self.defaults[kind] = element

    def copy(self) -> StyleBook:
        return StyleBook(dict(self.by_name), set(self.ids), dict(self.defaults))


_DEFAULT: list[StyleBook] = []


def default_theme_styles() -> StyleBook:
    if not _DEFAULT:
        _DEFAULT.append(StyleBook.of(docx.Document(str(DEFAULT_GUIDE_THEME)).styles.element))
    return _DEFAULT[0]


class DocumentStyles:
    """The styles one document may name: its theme's and the copies made for it."""

    def __init__(self, theme: StyleBook) -> None:
        self.book = theme.copy()
        self.copies: list[etree._Element] = []

    def has(self, name: str) -> bool:
        return name in self.book.by_name

    def copy_default(self, name: str) -> bool:
        """Copy Voces's default style `name` into this document, without its link and without
        a base style the document lacks; False when the default theme has no such style."""
        found = default_theme_styles().by_name.get(name)
        if found is None:
            return False
        element = copy.deepcopy(found.element)
        for link in element.findall(w("link")):
            element.remove(link)
        for based_on in element.findall(w("basedOn")):
            if based_on.get(w("val")) not in self.book.ids:
                element.remove(based_on)
        self.copies.append(element)
        self.book.add(element)
        return True

    def reference(self, name: str) -> str | None:
        """The id a paragraph or table names the style `name` by: none for the default style
        of its kind (python-docx then leaves `w:pStyle` out)."""
        style = self.book.by_name[name]
        return None if self.book.defaults.get(style.kind) is style.element else style.style_id
