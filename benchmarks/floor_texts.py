"""The texts of a build's decks and documents, read back: what the floor and pandoc write again.

A deck is its slides (title, body paragraphs, speaker notes); a Word document is its paragraphs,
table cells included, in order. Only the words: the floor writes them with the bare libraries'
defaults, pandoc from markdown, so both do less than voces (no theme, no layout, no measuring).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from pptx import Presentation


def extract_texts(out: Path) -> dict[str, Any]:
    texts: dict[str, Any] = {}
    for path in sorted(out.rglob("*.pptx")):
        slides = []
        for slide in Presentation(str(path)).slides:
            title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
            body = [paragraph.text for shape in slide.shapes if shape.has_text_frame
                    and shape != slide.shapes.title
                    for paragraph in shape.text_frame.paragraphs if paragraph.text]
            notes = (slide.notes_slide.notes_text_frame.text
                     if slide.has_notes_slide and slide.notes_slide.notes_text_frame else "")
            slides.append({"title": title, "body": body, "notes": notes})
        texts[path.name] = {"slides": slides}
    for path in sorted(out.rglob("*.docx")):
        body = Document(str(path)).element.body
        paragraphs = ["".join(node.text or "" for node in p.iter(qn("w:t")))
                      for p in body.iter(qn("w:p"))]
        texts[path.name] = {"paragraphs": paragraphs}
    return texts


def write_markdown(texts: dict[str, Any], folder: Path) -> list[Path]:
    """One markdown file per deck or document, `<name>.md`, for pandoc."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in texts.items():
        lines: list[str] = []
        if "slides" in content:
            for slide in content["slides"]:
                lines += [f"# {slide['title'] or '.'}", ""]
                lines += [f"- {text}" for text in slide["body"]] + [""]
                if slide["notes"]:
                    lines += ["::: notes", slide["notes"], ":::", ""]
        else:
            for paragraph in content["paragraphs"]:
                lines += [paragraph, ""]
        path = folder / f"{name}.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        written.append(path)
    return written
