"""Reading the parts of an Office file (a zip of XML parts tied by relationships) with the
standard library's `zipfile` and `xml.etree.ElementTree`, so reading a theme's measurements does
not load python-pptx, python-docx or lxml: `voces check` stays a reader.

    package = OfficePackage(archive)
    main = package.main_part()                            # "ppt/presentation.xml"
    package.content_type(main)                            # what the part says it is
    package.related(main, r_id="rId1")                    # a part its relationship names
    package.related(main, kind=THEME)                     # the first part of that kind
"""

from __future__ import annotations

import posixpath
import zipfile
from xml.etree import ElementTree

PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE_DOCUMENT = f"{OFFICE_RELATIONSHIPS}/officeDocument"
THEME = f"{OFFICE_RELATIONSHIPS}/theme"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


class OfficePackage:
    """The parts of one open Office file; a missing part or relationship raises KeyError."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def xml(self, part: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.archive.read(part))

    def main_part(self) -> str:
        return self.related("", kind=OFFICE_DOCUMENT)

    def content_type(self, part: str) -> str:
        types = self.xml("[Content_Types].xml")
        for override in types.iter(f"{{{CONTENT_TYPES}}}Override"):
            if override.get("PartName", "").lstrip("/") == part:
                return override.get("ContentType", "")
        extension = posixpath.splitext(part)[1].lstrip(".")
        for default in types.iter(f"{{{CONTENT_TYPES}}}Default"):
            if default.get("Extension", "").lower() == extension.lower():
                return default.get("ContentType", "")
        return ""

    def related(self, part: str, *, r_id: str | None = None, kind: str | None = None) -> str:
        """The part that `part`'s relationship `r_id` (or its first of type `kind`) targets."""
        folder, name = posixpath.split(part)
        relationships = self.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
        for relationship in relationships.iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"):
            if relationship.get("TargetMode") == "External":
                continue
            if (r_id is not None and relationship.get("Id") == r_id) or \
                    (kind is not None and relationship.get("Type") == kind):
                target = relationship.get("Target", "")
                if target.startswith("/"):
                    return target.lstrip("/")
                return posixpath.normpath(posixpath.join(folder, target))
        raise KeyError(f"{part or 'the package'} has no relationship {r_id or kind}")
