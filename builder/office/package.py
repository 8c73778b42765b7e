"""Byte-reproducible Office and zip files: fixed entry times and order, core properties set."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def reproducible_zip(entries: list[tuple[str, bytes]], path: Path) -> None:
    """Write a zip with entries in the given order, each with a fixed time and mode."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data)


def normalise_zip(data: bytes, path: Path) -> None:
    """Re-write an Office file python-pptx/python-docx produced, keeping its entry order
    ([Content_Types].xml first) but with fixed times, so two builds give the same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    reproducible_zip(entries, path)


def save_office(document: Any, path: Path) -> None:
    """Save a python-pptx Presentation or python-docx Document reproducibly."""
    buffer = io.BytesIO()
    document.save(buffer)
    normalise_zip(buffer.getvalue(), path)


CORE_PROPERTY_CHARS = 255


def set_core_properties(
    properties: Any, *, title: str, author: str, language: str, version: str,
    date: datetime, subject: str = "", keywords: str = "",
) -> None:
    """Core properties from the curriculum, never the libraries' template defaults. Each text is
    cut to the 255 characters a core property holds (python-docx and python-pptx refuse more)."""
    properties.title = title[:CORE_PROPERTY_CHARS]
    properties.author = author[:CORE_PROPERTY_CHARS]
    properties.last_modified_by = author[:CORE_PROPERTY_CHARS]
    properties.language = language[:CORE_PROPERTY_CHARS]
    properties.version = version[:CORE_PROPERTY_CHARS]
    properties.subject = subject[:CORE_PROPERTY_CHARS]
    properties.keywords = keywords[:CORE_PROPERTY_CHARS]
    properties.comments = ""
    properties.category = ""
    properties.content_status = ""
    properties.identifier = ""
    properties.revision = 1
    properties.created = date
    properties.modified = date
    properties.last_printed = date
