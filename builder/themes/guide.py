"""The guide theme (`guide.docx`, the styles and page of every docx Voces writes), read without
the docx writer: `voces check` says that a user's guide.docx will not do before a build fails on
it, and loads neither python-docx nor lxml to say so."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from .office_package import OfficePackage

DEFAULT_GUIDE_THEME = Path(__file__).resolve().parent / "default" / "guide.docx"
WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
"""The one main part python-docx opens."""
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def guide_theme_problem(path: Path) -> str | None:
    """Why the docx writer cannot build on this guide.docx ('ErrorType: detail'), or None.

    The writer opens it with python-docx, keeps its styles, clears its body and sets the page of
    its last section, so it needs a Word document whose body ends with page settings."""
    try:
        with zipfile.ZipFile(path) as archive:
            package = OfficePackage(archive)
            main = package.main_part()
            content_type = package.content_type(main)
            if content_type != WORD_DOCUMENT:
                raise ValueError(f"its content type is '{content_type}'")
            body = package.xml(main).find(f"{W}body")
            if body is None or body.find(f"{W}sectPr") is None:
                raise ValueError("its document has no page settings (w:sectPr)")
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None
