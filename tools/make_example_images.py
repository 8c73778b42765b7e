"""Draw the example curriculum's pictures into images/: python tools/make_example_images.py

Two diagrams the editors made themselves, drawn with Pillow in the deck theme's colours and the
shipped Carlito font, labelled in English and Spanish (one file serves both decks):

- images/single-interview-room.png: the single interview (Gesell chamber): the interview room,
  the one-way mirror and the observation room next door;
- images/case-route.png: the institutions a report passes through in Peru, with the support
  services beside every step.

Same script, same bytes: the committed PNGs change only when this file does. No people are
drawn beyond neutral markers: photographs or likenesses of children are never appropriate.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "builder" / "themes" / "default" / "fonts"
WIDTH, HEIGHT = 1600, 900
INK, TEAL, SOFT_TEAL, GOLD, PAPER, WALL = (
    "#1F2933", "#0B4F5C", "#D7E8EA", "#F2B544", "#F7F3EA", "#56636D")


def font(size: int, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
    style = "Bold" if bold else "Italic" if italic else "Regular"
    return ImageFont.truetype(
        str(FONTS / f"Carlito-{style}.ttf"), size, layout_engine=ImageFont.Layout.BASIC)


def centred(draw: ImageDraw.ImageDraw, centre: tuple[float, float], lines: list[str],
            size: int, fill: str = INK, bold: bool = False, gap: int = 6) -> None:
    """Lines centred on a point; the first bold when `bold`, the others (Spanish) italic."""
    fonts = [font(size, bold=bold and i == 0, italic=i > 0) for i in range(len(lines))]
    heights = [f.getbbox("Ág")[3] for f in fonts]
    top = centre[1] - (sum(heights) + gap * (len(lines) - 1)) / 2
    for line, line_font, height in zip(lines, fonts, heights, strict=True):
        draw.text((centre[0], top), line, font=line_font, fill=fill, anchor="ma")
        top += height + gap


def person(draw: ImageDraw.ImageDraw, x: float, y: float, scale: float, colour: str) -> None:
    """A neutral marker for a person: a head and shoulders, no features."""
    head = 22 * scale
    draw.ellipse((x - head, y - 3 * head, x + head, y - head), fill=colour)
    draw.rounded_rectangle((x - 2 * head, y - head * 0.7, x + 2 * head, y + 1.6 * head),
                           radius=int(head), fill=colour)


def single_interview_room() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    centred(draw, (WIDTH / 2, 30), ["The single interview  ·  La entrevista única"], 44, TEAL,
            bold=True)
    rooms = {"interview": (80, 130, 900, 800), "observation": (960, 130, 1520, 800)}
    for left, top, right, bottom in rooms.values():
        draw.rectangle((left, top, right, bottom), fill=PAPER, outline=WALL, width=8)
    # the one-way mirror between the rooms
    draw.rectangle((896, 300, 964, 620), fill=SOFT_TEAL, outline=TEAL, width=4)
    for offset in range(320, 610, 36):
        draw.line((906, offset + 20, 954, offset - 4), fill=TEAL, width=3)
    centred(draw, (930, 845), ["One-way mirror  ·  Espejo unidireccional"], 28, TEAL, bold=True)
    draw.line((930, 625, 930, 820), fill=TEAL, width=3)
    # the interview room: a low table, the child and the psychologist, camera and microphone
    centred(draw, (490, 175), ["Interview room", "Sala de entrevista"], 34, INK, bold=True)
    draw.ellipse((380, 430, 600, 560), fill="white", outline=WALL, width=4)
    person(draw, 330, 470, 1.0, GOLD)
    person(draw, 650, 470, 1.25, TEAL)
    centred(draw, (330, 560), ["Child", "Niña, niño o adolescente"], 24)
    centred(draw, (650, 590), ["Psychologist", "Psicóloga o psicólogo"], 24)
    draw.rectangle((140, 250, 220, 300), fill=WALL)  # camera body
    draw.polygon(((220, 262), (262, 244), (262, 306), (220, 288)), fill=WALL)
    centred(draw, (200, 345), ["Camera", "Cámara"], 22)
    draw.rounded_rectangle((470, 470, 510, 520), radius=14, fill=WALL)  # microphone
    centred(draw, (490, 690), ["Recorded once, as advance evidence",
                               "Grabada una vez, como prueba anticipada"], 28, INK, bold=True)
    # the observation room: prosecutor, judge, defence
    centred(draw, (1240, 175), ["Observation room", "Sala de observación"], 34, INK, bold=True)
    for x, label in ((1080, ["Prosecutor", "Fiscal"]), (1240, ["Judge", "Juez"]),
                     (1400, ["Defence", "Defensa"])):
        person(draw, x, 420, 0.9, WALL)
        centred(draw, (x, 500), label, 24)
    draw.line((1080, 300, 730, 300), fill=GOLD, width=6)
    draw.polygon(((730, 284), (698, 300), (730, 316)), fill=GOLD)
    centred(draw, (1240, 640), ["Questions go through the psychologist",
                                "Las preguntas pasan por la psicóloga"], 26)
    return image


def case_route() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    centred(draw, (WIDTH / 2, 30), ["Where a report goes  ·  El camino de una denuncia"], 44,
            TEAL, bold=True)
    steps = [
        (["Report", "Denuncia"], ["Police or CEM", "Policía o CEM"]),
        (["Prosecutor's office", "Fiscalía"], ["Opens the case", "Abre la investigación"]),
        (["Single interview", "Entrevista única"], ["Gesell chamber", "Cámara Gesell"]),
        (["Court", "Juzgado"], ["Trial and verdict", "Juicio y sentencia"]),
        (["Follow-up", "Seguimiento"], ["Months later", "Meses después"]),
    ]
    box_width, gap, top, bottom = 264, 40, 200, 470
    left = (WIDTH - len(steps) * box_width - (len(steps) - 1) * gap) / 2
    for number, (title, detail) in enumerate(steps):
        x = left + number * (box_width + gap)
        draw.rounded_rectangle((x, top, x + box_width, bottom), radius=24, fill=TEAL)
        draw.ellipse((x + box_width / 2 - 30, top - 30, x + box_width / 2 + 30, top + 30),
                     fill=GOLD)
        centred(draw, (x + box_width / 2, top), [str(number + 1)], 34, INK, bold=True)
        centred(draw, (x + box_width / 2, top + 110), title, 30, "white", bold=True)
        centred(draw, (x + box_width / 2, top + 215), detail, 24, SOFT_TEAL)
        if number < len(steps) - 1:
            start, end, middle = x + box_width + 6, x + box_width + gap - 6, (top + bottom) / 2
            draw.line((start, middle, end - 12, middle), fill=WALL, width=6)
            draw.polygon(((end - 14, middle - 13), (end, middle), (end - 14, middle + 13)),
                         fill=WALL)
    # support runs beside every step
    band_top = 580
    right = left + len(steps) * box_width + (len(steps) - 1) * gap
    draw.rounded_rectangle((left, band_top, right, band_top + 170), radius=24, fill=PAPER,
                           outline=GOLD, width=5)
    centred(draw, (WIDTH / 2, band_top + 85), [
        "Support at every step: CEM · Línea 100 · Chat 100 · UDAVIT",
        "Apoyo en cada paso: CEM · Línea 100 · Chat 100 · UDAVIT"], 32, INK, bold=True)
    return image


PICTURES = {"single-interview-room.png": single_interview_room, "case-route.png": case_route}


def main(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for name, draw in PICTURES.items():
        draw().save(folder / name, format="PNG", optimize=True)
        print(f"wrote {folder / name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "images")
