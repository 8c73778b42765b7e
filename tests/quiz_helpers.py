"""Help for the quiz tests: building the quiz kinds, reading docx text, running the shared
validators (the GIFT parser under Node.js, the QTI and content-packaging schemas under lxml)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import VALIDATORS, npm_install
from docx import Document
from docx.oxml.ns import qn

from builder.cli import main
from builder.curriculum import Curriculum
from builder.load import load_curriculum
from builder.model import Question, Scenario

QUIZ_KINDS = "quiz,gift,moodle,qti"


def build_quiz(root: Path, out: Path) -> Path:
    """Build the quiz kinds of the curriculum at `root` into `out`; fail when the build does."""
    assert main(["build", str(root), "--only", QUIZ_KINDS, "--out", str(out)]) == 0
    return out


def load(root: Path) -> Curriculum:
    curriculum, findings = load_curriculum(root)
    assert curriculum is not None, [str(f) for f in findings]
    return curriculum


def module_questions(curriculum: Curriculum, module_id: str) -> list[tuple[Scenario, Question]]:
    """The module's questions in agenda order, each scenario once."""
    module = curriculum.module(module_id)
    assert module is not None
    found: list[tuple[Scenario, Question]] = []
    seen: set[str] = set()
    for scenario in curriculum.scenarios_of(module):
        if scenario.id not in seen:
            seen.add(scenario.id)
            found += [(scenario, question) for question in scenario.questions]
    return found


def text_in(curriculum: Curriculum, text: object, lang: str) -> str:
    return curriculum.text(text, lang).strip()  # type: ignore[arg-type]


# --- docx ---------------------------------------------------------------------------------


def docx_paragraphs(path: Path) -> list[str]:
    """Every paragraph's text in body order, table cells included (one entry per cell paragraph),
    and the header and footer."""
    document = Document(str(path))
    body = document.element.body
    texts = ["".join(node.text or "" for node in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
    for section in document.sections:
        for part in (section.header, section.footer):
            texts += [p.text for p in part.paragraphs]
    return texts


def docx_text(path: Path) -> str:
    return "\n".join(docx_paragraphs(path))


# --- GIFT parser --------------------------------------------------------------------------

DUMP_JS = """const fs = require('fs');
const { parse } = require('gift-pegjs');
console.log(JSON.stringify(parse(fs.readFileSync(process.argv[2], 'utf8'))));
"""


@dataclass(frozen=True)
class GiftParser:
    folder: Path

    def check(self, files: list[Path]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["node", "check.js", *map(str, files)], cwd=self.folder,
                              capture_output=True, text=True, check=False)

    def parse(self, file: Path) -> list[dict]:
        done = subprocess.run(["node", "dump.js", str(file)], cwd=self.folder,
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)


def install_gift_parser(folder: Path) -> GiftParser:
    """The shared validator's package.json and check.js, installed once into `folder`."""
    source = VALIDATORS / "gift"
    if not source.is_dir():
        pytest.skip(f"the shared GIFT validator is not at {source}")
    files = {name: (source / name).read_text(encoding="utf-8")
             for name in ("package.json", "package-lock.json", "check.js")
             if (source / name).exists()}
    npm_install(folder, {**files, "dump.js": DUMP_JS}, "node_modules/gift-pegjs",
                "gift-pegjs")
    return GiftParser(folder)


# --- schemas ------------------------------------------------------------------------------

# Run in a child process: libxml2 reads XML_CATALOG_FILES once, when it first needs a catalog,
# so setting it inside a test process that already parsed XML would be too late.
_VALIDATE = """
import sys
from lxml import etree
schema = etree.XMLSchema(etree.parse(sys.argv[1]))
for name in sys.argv[2:]:
    if not schema.validate(etree.parse(name)):
        for problem in schema.error_log:
            print(f"{name}:{problem.line}: {problem.message}")
"""


def schema_problems(schema: Path, files: list[Path]) -> list[str]:
    """What the schema finds wrong in each file (nothing fetched: the catalog maps every URL)."""
    catalog = VALIDATORS / "catalog.xml"
    if not catalog.is_file() or not schema.is_file():
        pytest.skip(f"the shared schemas are not at {VALIDATORS}")
    env = {"XML_CATALOG_FILES": str(catalog), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", _VALIDATE, str(schema), *map(str, files)],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()
