"""YAML syntax errors in an editor's words: what the mistake is, where, and how to fix it.

The parser says "mapping values are not allowed here" or "expected <block end>"; an editor
needs "a colon inside unquoted text: put the text in quotes". The common mistakes (a colon and a
space inside text, a tab, a line indented wrongly, a quote or bracket never closed) are
recognised from the parser's problem and the line it stopped at; anything else keeps the
parser's words with a general hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_CLOSERS = {"[": "]", "{": "}", '"': '"', "'": "'"}
_KEY_LINE = re.compile(r"^(\s*)(- )?([^\s#:'\"][^:#]*):(\s|$)")


@dataclass(frozen=True)
class SyntaxProblem:
    line: int
    col: int
    message: str


def _lines(text: str) -> list[str]:
    return text.splitlines() or [""]


def _line(text: str, number: int) -> str:
    lines = _lines(text)
    return lines[number - 1] if 0 < number <= len(lines) else ""


def explain(exc: yaml.MarkedYAMLError, text: str) -> SyntaxProblem:
    problem = exc.problem or exc.context or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    opened = exc.context_mark
    here = _line(text, line)
    if "'\\t'" in problem or (problem.startswith("found character") and "\t" in here):
        return SyntaxProblem(line, here.find("\t") + 1 if "\t" in here else col,
                             "a tab character; YAML indents with spaces only: replace the tab "
                             "with spaces (two for each level)")
    context = exc.context or ""
    if "quoted scalar" in context and opened is not None:
        quote = _line(text, opened.line + 1)[opened.column:opened.column + 1] or '"'
        return SyntaxProblem(opened.line + 1, opened.column + 1,
                             f"the quote {quote} opened here is never closed; close it with "
                             f"{quote} at the end of the text")
    if ("flow sequence" in context or "flow mapping" in context) and opened is not None:
        rest = _line(text, opened.line + 1)[opened.column:]
        if rest.count('"') % 2:  # the bracket is unclosed because a quote inside it is
            column = opened.column + rest.find('"') + 1
            return SyntaxProblem(opened.line + 1, column,
                                 'a quote " on this line is never closed (the line has an odd '
                                 'number of them); close each text with "')
        bracket = "[" if "sequence" in context else "{"
        return SyntaxProblem(opened.line + 1, opened.column + 1,
                             f"the '{bracket}' opened here is never closed; close it with "
                             f"'{_CLOSERS[bracket]}' on the same line, or write the items on "
                             "lines of their own")
    if problem == "mapping values are not allowed here":
        before = here[: col - 1]
        key = _KEY_LINE.match(here)
        if key and len(key.group(0).rstrip()) >= col - 1 and line > 1:
            return _indentation(text, line)
        start = before.split(": ", 1)[1].strip() if ": " in before else before.strip()
        return SyntaxProblem(line, col,
                             f"a colon and a space inside unquoted text ('{start[:40]}: …'): "
                             "YAML reads it as a new key. Put the whole text in quotes, or "
                             "write '>-' after the key and the text on the lines below it")
    if "expected <block end>" in problem or "could not find expected ':'" in problem \
            or "did not find expected key" in problem:
        return _indentation(text, line)
    return SyntaxProblem(line, col, f"YAML syntax: {problem}; fix the syntax here (check "
                                    "indentation, colons and quotes)")


def _indentation(text: str, line: int) -> SyntaxProblem:
    here = _line(text, line)
    indent = len(here) - len(here.lstrip(" "))
    return SyntaxProblem(line, indent + 1,
                         f"line {line} is indented differently from the lines above it: line "
                         "it up (with spaces) with the other keys of the mapping it belongs "
                         "to, or with the '- ' of its list item")
