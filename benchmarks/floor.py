"""The floor: bare python-pptx and python-docx writing the same slides and paragraphs as a build.

Run by benchmarks/targets.py: python benchmarks/floor.py TEXTS.json OUT_DIR. One process, the
libraries' default templates, one layout for every slide, one paragraph call per paragraph:
the least any writer on these libraries does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from docx import Document
from pptx import Presentation


def main() -> None:
    texts = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for name, content in texts.items():
        if "slides" in content:
            presentation = Presentation()
            layout = presentation.slide_layouts[1]
            for slide_text in content["slides"]:
                slide = presentation.slides.add_slide(layout)
                slide.shapes.title.text = slide_text["title"]
                frame = slide.placeholders[1].text_frame
                for number, text in enumerate(slide_text["body"]):
                    paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
                    paragraph.text = text
                if slide_text["notes"]:
                    slide.notes_slide.notes_text_frame.text = slide_text["notes"]
            presentation.save(str(out / name))
        else:
            document = Document()
            for text in content["paragraphs"]:
                document.add_paragraph(text)
            document.save(str(out / name))


if __name__ == "__main__":
    main()
