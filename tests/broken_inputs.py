"""Realistic broken curricula: each mutates the minimal fixture in one way an editor might."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import edit

SCENARIO = "scenarios/case-a.yaml"
MODULE = "modules/mod-a.yaml"
SOURCE = "sources/src-a.yaml"
SETTINGS = "curriculum.yaml"

Mutation = Callable[[Path], None]


def _edit(file: str, old: str, new: str) -> Mutation:
    return lambda root: edit(root / file, old, new)


def _write(file: str, content: str | bytes) -> Mutation:
    def write(root: Path) -> None:
        target = root / file
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    return write


def _append(file: str, content: str) -> Mutation:
    def append(root: Path) -> None:
        with (root / file).open("a", encoding="utf-8") as handle:
            handle.write(content)

    return append


ALIAS_BOMB = """id: case-a
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
"""

# name: (mutation, the exact lines `voces check` prints before its summary)
BROKEN: dict[str, tuple[Mutation, list[str]]] = {
    "misspelt key": (
        _edit(SCENARIO, "duration: 30", "duraton: 30"),
        ["scenarios/case-a.yaml:4:1: error: unknown key 'duraton' (did you mean 'duration'?) "
         "[contract.unknown-key]"]),
    "misspelt nested key": (
        _edit(SCENARIO, "correct: true", "corect: true"),
        ["scenarios/case-a.yaml:27:85: error: the 1st question ('a-q1'), 1st option ('A professional she chose'): unknown key 'corect' (did you mean 'correct'?) [contract.unknown-key]"]),
    "unclosed bracket": (
        _edit(SCENARIO, "grounding: [qa-1]", "grounding: [qa-1"),
        ["scenarios/case-a.yaml:6:12: error: the '[' opened here is never closed; close it with ']' on the same line, or write the items on lines of their own [yaml.syntax]"]),
    "tab indentation": (
        _edit(SCENARIO, "  - id: a-1", "\t- id: a-1"),
        ["scenarios/case-a.yaml:8:1: error: a tab character; YAML indents with spaces only: replace the tab with spaces (two for each level) [yaml.syntax]"]),
    "colon and space inside unquoted text": (
        _edit(SCENARIO, "summary: {en: One sentence., es: Una frase.}", "summary: Note: one sentence."),
        ["scenarios/case-a.yaml:3:14: error: a colon and a space inside unquoted text ('Note: …'): YAML reads it as a new key. Put the whole text in quotes, or write '>-' after the key and the text on the lines below it [yaml.syntax]"]),
    "a key indented too far": (
        _edit(SCENARIO, "duration: 30", "  duration: 30"),
        ["scenarios/case-a.yaml:4:3: error: line 4 is indented differently from the lines above it: line it up (with spaces) with the other keys of the mapping it belongs to, or with the '- ' of its list item [yaml.syntax]"]),
    "an unclosed quote": (
        _edit(SCENARIO, "{en: \"What could help?\",", "{en: \"What could help?,"),
        ["scenarios/case-a.yaml:17:20: error: a quote \" on this line is never closed (the line has an odd number of them); close each text with \" [yaml.syntax]"]),
    "top level is a list": (
        _write(SCENARIO, "- id: case-a\n- title: x\n"),
        ['scenarios/case-a.yaml:1:1: error: file is not a mapping; a curriculum file is a mapping of keys to values (key: value) [yaml.not-mapping]']),
    "empty file": (
        _write(SCENARIO, ""),
        ['scenarios/case-a.yaml:1:1: error: file is empty; a curriculum file is a mapping of keys to values (key: value) [yaml.not-mapping]']),
    "binary file": (
        _write(SCENARIO, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00"),
        ['scenarios/case-a.yaml:1:1: error: file is not UTF-8 text (is it a binary file?); save it as UTF-8 YAML [yaml.encoding]']),
    "alias bomb": (
        _write(SCENARIO, ALIAS_BOMB),
        ['scenarios/case-a.yaml:2:4: error: YAML anchors and aliases (&name, *name) are not allowed; write the value out in full [yaml.alias]']),
    "anchor and alias": (
        _edit(SCENARIO, "summary: {en: One sentence., es: Una frase.}",
              "summary: &s {en: One sentence., es: Una frase.}\nsituation_copy: *s"),
        ['scenarios/case-a.yaml:3:10: error: YAML anchors and aliases (&name, *name) are not allowed; write the value out in full [yaml.alias]']),
    "five megabyte file": (
        _write(SCENARIO, "id: case-a\n" + "# padding\n" * 520_000),
        ['scenarios/case-a.yaml:1:1: error: file is 5.0 MB; curriculum files may be at most 1 MB (1,048,576 bytes): split it into smaller files [yaml.too-large]']),
    "a file just over the limit": (
        _write(SCENARIO, "id: case-a\n" + "# padding\n" * 105_000),
        ['scenarios/case-a.yaml:1:1: error: file is 1,050,011 bytes; curriculum files may be at most 1 MB (1,048,576 bytes): split it into smaller files [yaml.too-large]']),
    "raw control character": (
        _edit(SCENARIO, "She waits.", "She\x07 waits."),
        ['scenarios/case-a.yaml:13:19: error: control character U+0007 in the file; delete it (it breaks Word and PowerPoint files) [yaml.control-char]']),
    "escaped control character": (
        _edit(SCENARIO, "es: Una frase.}", 'es: "Una\\x1b frase."}'),
        ['scenarios/case-a.yaml:3:38: error: control character U+001B in text; delete the escape [yaml.control-char]']),
    "latin-1 file": (
        _write(SOURCE, "id: src-a\ncitation: Caf\xe9\n".encode("latin-1")),
        ['sources/src-a.yaml:2:14: error: file is not UTF-8 text (is it a binary file?); save it as UTF-8 YAML [yaml.encoding]']),
    "duration as text": (
        _edit(SCENARIO, "duration: 30", "duration: thirty"),
        ["scenarios/case-a.yaml:4:11: error: duration: expected a whole number, got text 'thirty' [contract.type]"]),
    "duration as decimal": (
        _edit(SCENARIO, "duration: 30", "duration: 30.5"),
        ['scenarios/case-a.yaml:4:11: error: duration: expected a whole number, got the number 30.5 [contract.type]']),
    "negative duration": (
        _edit(SCENARIO, "duration: 30", "duration: -5"),
        ['scenarios/case-a.yaml:4:11: error: duration: -5 is impossible here; it must be greater than 0 [contract.value]']),
    "duration as boolean": (
        _edit(SCENARIO, "duration: 30", "duration: yes"),
        ['scenarios/case-a.yaml:4:11: error: duration: expected a whole number, got true [contract.type]']),
    "quoted duration": (
        _edit(SCENARIO, "duration: 30", 'duration: "30"'),
        ["scenarios/case-a.yaml:4:11: error: duration: expected a whole number, got text '30' [contract.type]"]),
    "missing title": (
        _edit(SCENARIO, "title: {en: The examination, es: El examen}\n", ""),
        ["scenarios/case-a.yaml:1:1: error: missing required field 'title' [contract.required]"]),
    "stage without prompt": (
        _edit(SCENARIO, "    prompt: {en: \"What do you do?\", es: \"¿Qué hace usted?\"}\n", ""),
        ["scenarios/case-a.yaml:12:5: error: the 1st stage ('Arrival'): missing required field 'prompt' [contract.required]"]),
    "empty grounding": (
        _edit(SCENARIO, "grounding: [qa-1]", "grounding: []"),
        ['scenarios/case-a.yaml:6:12: error: grounding: needs at least 1 item [contract.required]']),
    "dangling quote id": (
        _edit(SCENARIO, "grounding: [qa-1]", "grounding: [qa-2]"),
        ["scenarios/case-a.yaml:6:13: error: grounding, the 1st id: no quote has id 'qa-2' (did you mean 'qa-1'?); use the id of a quote in sources/ [contract.reference]"]),
    "grounding on a speaker's code": (
        _edit(SCENARIO, "grounding: [qa-1]", "grounding: [VoS-PE-06]"),
        ["scenarios/case-a.yaml:6:13: error: grounding, the 1st id: no quote has id 'VoS-PE-06'; 'VoS-PE-06' is a speaker's code, not a quote id: use one of that speaker's quotes, qa-1 [contract.reference]"]),
    "a misquote": (
        _edit(SCENARIO, "text: {en: She waits., es: Ella espera.}", 'text: {en: "She says: \\"they should assign a psychiatrist\\".", es: Ella espera.}'),
        ["scenarios/case-a.yaml:13:27: error: the 'en' text of the 1st stage ('Arrival'): quoted words not found in any source: “they should assign a psychiatrist”; the nearest is quote 'qa-1', which has 'psychologist' where you wrote 'psychiatrist': copy its words exactly, or write a fictional case's dialogue in single quotes (‘…’) [quote.not-verbatim]"]),
    "dangling scenario id": (
        _edit(MODULE, "scenario: case-a", "scenario: case-b"),
        ["modules/mod-a.yaml:8:15: error: the 2nd agenda item ('case-b'), scenario: no scenario has id 'case-b' (did you mean 'case-a'?); use the id of a file in scenarios/ [contract.reference]"]),
    "a language listed twice": (
        _edit("curriculum.yaml", "languages: [en, es]", "languages: [en, es, en]"),
        ["curriculum.yaml:4:21: error: the 3rd language ('en'): 'en' is listed twice [contract.value]"]),
    "a quiz form listed twice": (
        _edit(MODULE, "forms: [pre, post]", "forms: [pre, post, pre]"),
        ["modules/mod-a.yaml:10:42: error: the 3rd form ('pre') of quiz: form 'pre' is listed twice [contract.value]"]),
    "dangling objective id": (
        _edit(SCENARIO, "objective: a-1", "objective: a-2"),
        ["scenarios/case-a.yaml:24:16: error: the 1st question ('a-q1'), objective: 'a-2' is not an objective of this scenario (did you mean 'a-1'?); use one of a-1 [contract.reference]"]),
    "duplicate id across files": (
        _edit(SCENARIO, "  - id: a-q1", "  - id: qa-1"),
        ["scenarios/case-a.yaml:22:9: error: id 'qa-1' is already used by the quote at sources/src-a.yaml:8:9; ids must be unique across the whole curriculum [contract.duplicate-id]"]),
    "file not named after id": (
        _edit(MODULE, "id: mod-a", "id: module-a"),
        ["modules/mod-a.yaml:1:5: error: file mod-a.yaml holds id 'module-a'; name the file module-a.yaml or change the id [contract.file-name]"]),
    "text missing in a language": (
        _edit(SCENARIO, "summary: {en: One sentence., es: Una frase.}", "summary: One sentence."),
        ["scenarios/case-a.yaml:3:10: error: the 'es' summary is missing; write it as a map of every language, {en: One sentence., es: ...}, or set fallback: true in curriculum.yaml [contract.language]"]),
    "a stage's prompt missing a language": (
        _edit(SCENARIO, 'prompt: {en: "What do you do?", es: "¿Qué hace usted?"}', 'prompt: {en: "What do you do?"}'),
        ["scenarios/case-a.yaml:14:13: error: the 1st stage ('Arrival'): the 'es' prompt is missing; write it as a map of every language, {en: What do you do?, es: ...}, or set fallback: true in curriculum.yaml [contract.language]"]),
    "value not allowed": (
        _edit(SOURCE, "access: public", "access: secret"),
        ["sources/src-a.yaml:4:9: error: access: 'secret' is not allowed; use one of 'public' or 'restricted' [contract.value]"]),
    "language not a code": (
        _edit(SETTINGS, "languages: [en, es]", "languages: [en, spanish]"),
        ["curriculum.yaml:4:17: error: the 2nd language ('spanish'): 'spanish' is not a language code; use a two- or three-letter code such as en or es [contract.value]"]),
    "language tag not a tag": (
        _edit(SETTINGS, "languages: [en, es]", "languages: [en, es]\nlanguage_tags: {en: english}"),
        ["curriculum.yaml:5:21: error: language_tags.en: 'english' is not a language tag; write one like en-GB or es-PE (BCP 47) [contract.value]"]),
    "a language code YAML reads as false": (
        _edit(SETTINGS, "languages: [en, es]", "languages: [en, es, no]"),
        ['curriculum.yaml:4:21: error: the 3rd language: expected text, got false (YAML reads an unquoted no, yes, on or off as true or false: write it in quotes, as "no") [contract.type]']),
    "version as number": (
        _edit(SETTINGS, 'version: "1.0"', "version: 1.0"),
        ['curriculum.yaml:3:10: error: version: expected text, got the number 1.0 (write it in quotes: "1.0") [contract.type]']),
    "clock time unquoted": (
        _edit(SETTINGS, 'start_time: "09:00"', "start_time: 9:00"),
        ['curriculum.yaml:5:13: error: start_time: expected a clock time in quotes like "09:00" (24-hour HH:MM), got the number 540 [contract.value]']),
    "agenda too long": (
        _edit(MODULE, "duration: 60", "duration: 50"),
        ['modules/mod-a.yaml:4:11: error: duration: the agenda takes 55 minutes but duration is 50; shorten the agenda or raise duration [time.over-duration]']),
    "duplicate key": (
        _edit(SCENARIO, "duration: 30", "duration: 30\nduration: 45"),
        ["scenarios/case-a.yaml:5:1: error: key 'duration' appears twice in this mapping; keep one [contract.duplicate-key]"]),
    "two documents": (
        _append(MODULE, "---\nid: other\n"),
        ['modules/mod-a.yaml:12:1: error: file holds more than one YAML document (---); keep one per file [yaml.not-mapping]']),
    "python tag": (
        _edit(SCENARIO, "duration: 30", "duration: !!python/object/apply:os.system [ls]"),
        ['scenarios/case-a.yaml:4:11: error: YAML tag !!python/object/apply:os.system is not allowed; write plain text, numbers, true/false, lists and mappings [yaml.syntax]']),
    "title as list": (
        _edit(SCENARIO, "title: {en: The examination, es: El examen}", "title: [The, examination]"),
        ['scenarios/case-a.yaml:2:8: error: title: expected text, or a map of language codes to text like {en: ..., es: ...}, not a list [contract.type]']),
    "options as mapping": (
        _edit(SCENARIO, "    options:\n", "    options:\n      first:\n"),
        ["scenarios/case-a.yaml:27:7: error: the 1st question ('a-q1'), options: expected a list (items starting with '- '), got a mapping [contract.type]"]),
    "agenda item two kinds": (
        _edit(MODULE, "  - break: 10", "  - break: 10\n    scenario: case-a"),
        ["modules/mod-a.yaml:9:5: error: the 3rd agenda item ('case-a'): an agenda item is one of activity, scenario or break, not scenario and break; split it into separate items [contract.type]"]),
    "true-false without answer": (
        _edit(SCENARIO, "    type: single", "    type: true-false"),
        ["scenarios/case-a.yaml:22:5: error: the 1st question ('a-q1'): a true-false question needs 'answer', 'feedback_true' and 'feedback_false' [contract.required]",
         "scenarios/case-a.yaml:26:5: error: the 1st question ('a-q1'), options: a true-false question has no 'options'; remove it or change the type [contract.value]"]),
    "unknown settings key": (
        _edit(SETTINGS, "organisation: Test", "organization: Test"),
        ["curriculum.yaml:2:1: error: unknown key 'organization' (did you mean 'organisation'?) [contract.unknown-key]"]),
    "no support": (
        _edit(SETTINGS, "support:\n  - name: Línea 100\n    contact: \"100\"\n"
              "    description: {en: Free helpline, es: Línea gratuita}\n", "support: []\n"),
        ['curriculum.yaml:6:10: error: support: needs at least 1 item [contract.required]']),
    "pass mark over 100": (
        _edit(MODULE, "pass_mark: 70", "pass_mark: 150"),
        ['modules/mod-a.yaml:10:19: error: quiz.pass_mark: 150 is impossible here; it must be less than or equal to 100 [contract.value]']),
    "missing translation": (
        _edit(SOURCE, "    translations:\n      es: {text: \"Deberían asignar una psicóloga, una "
              "mujer para hablar con una mujer.\", translator: Test team}\n", ""),
        ["sources/src-a.yaml:8:5: error: the 1st quote ('qa-1'): no es translation; add translations: {es: {text: ..., translator: ...}} [contract.language]"]),
    "nesting 5000 deep": (
        _append(SCENARIO, "notes: " + "[" * 5000 + "]" * 5000 + "\n"),
        ['scenarios/case-a.yaml:31:57: error: lists and mappings nested more than 50 deep; a curriculum file needs a few levels at most [yaml.syntax]']),
    "id too long for a file name": (
        _edit(MODULE, "forms: [pre, post]", "forms: [pre, " + "p" * 300 + "]"),
        ["modules/mod-a.yaml:10:36: error: the 2nd form ('ppppppppppppppppppppppppppppppppppppppp…') of quiz: id 'pppppppppppppppppppppppppppppp…' is 300 characters long; keep ids to 80 characters at most (they name the output files) [contract.value]"]),
    "control character in a file with CR line endings": (
        lambda root: (root / SCENARIO).write_bytes(
            (root / SCENARIO).read_bytes().replace(b"She waits.", b"She\x07 waits.")
            .replace(b"\n", b"\r")),
        ['scenarios/case-a.yaml:13:19: error: control character U+0007 in the file; delete it (it breaks Word and PowerPoint files) [yaml.control-char]']),
    "latin-1 byte after accented UTF-8": (
        _write(SOURCE, "id: src-a\ncitation: Ñandú Café".encode() + b" Caf\xe9\n"),
        ['sources/src-a.yaml:2:25: error: file is not UTF-8 text (is it a binary file?); save it as UTF-8 YAML [yaml.encoding]']),
    "text value not text": (
        _edit(SCENARIO, "content_warning: {en: References to abuse., es: Referencias al abuso.}",
              "content_warning: {en: References to abuse., es: 12}"),
        ['scenarios/case-a.yaml:5:18: error: content_warning: the es text must be text, not a number [contract.type]']),
}
