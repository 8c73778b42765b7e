"""The `voces results` command line: arguments to the library, messages and exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .findings import ResultsInputError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    results = commands.add_parser(
        "results", help="score a delivery's quizzes and report on them",
        description="Score a delivery's filled pre- and post-tests (entry workbooks or Moodle's "
        "Responses CSV), store the scored answers by participant code in the output folder's "
        "results.sqlite, and write the delivery's report (docx and HTML). With --summary, "
        "compare the stored deliveries of a module.")
    results.add_argument("delivery", nargs="?", metavar="DELIVERY",
                         help="a delivery's id, or its file deliveries/<id>.yaml")
    results.add_argument("--pre", type=Path, metavar="FILE",
                         help="filled pre-test: entry workbook (.xlsx) or Moodle Responses (.csv)")
    results.add_argument("--post", type=Path, metavar="FILE", help="filled post-test, the same")
    results.add_argument("--summary", nargs="?", const="", metavar="MODULE",
                         help="compare every stored delivery (of MODULE)")
    results.add_argument("--path", type=Path, default=Path("."), metavar="PATH",
                         help="the curriculum (the current folder)")
    results.add_argument("--out", type=Path, metavar="DIR", help="output folder (PATH/output)")
    results.add_argument("--format", choices=["text", "json"], default="text",
                         help="text (a summary) or json (every number of the report)")
    results.set_defaults(run=run_results)


def run_results(args: argparse.Namespace) -> int:
    # numpy, scipy, matplotlib and openpyxl load only here: voces check stays quick.
    from ..checks import check_curriculum
    from ..findings import Severity
    from .command import Inputs, require_delivery, run_delivery, run_summary

    root: Path = args.path
    delivery_name: str | None = args.delivery
    if delivery_name and delivery_name.endswith((".yaml", ".yml")):
        file = Path(delivery_name)
        root, delivery_name = file.resolve().parent.parent, file.stem
    out: Path = args.out or root / "output"
    if args.summary is not None:
        if delivery_name or args.pre or args.post:
            print("voces: results --summary takes no DELIVERY, --pre or --post",
                  file=sys.stderr)
            return EXIT_USAGE
        try:
            print(run_summary(out, args.summary or None, args.format))
        except ResultsInputError as exc:
            _say(exc)
            return EXIT_FINDINGS
        return EXIT_OK
    if not delivery_name:
        print("voces: results needs a DELIVERY (or --summary)", file=sys.stderr)
        return EXIT_USAGE
    curriculum, findings = check_curriculum(root)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if curriculum is None or errors:
        for finding in errors:
            print(finding, file=sys.stderr)
        print("voces: the curriculum has errors (above); fix them before scoring results",
              file=sys.stderr)
        return EXIT_FINDINGS
    try:
        delivery = require_delivery(curriculum, delivery_name)
        _refuse_sources(root, out)
        print(run_delivery(curriculum, delivery, Inputs(args.pre, args.post), out, args.format))
    except ResultsInputError as exc:
        _say(exc)
        return EXIT_FINDINGS
    return EXIT_OK


def _say(exc: ResultsInputError) -> None:
    for message in exc.messages:
        print(message, file=sys.stderr)
    print("voces: nothing was stored", file=sys.stderr)


def _refuse_sources(root: Path, out: Path) -> None:
    target = out.resolve()
    sources = [root.resolve() / name for name in (
        "sources", "scenarios", "modules", "deliveries", "curriculum.yaml")]
    if target == root.resolve() or any(target == s or s in target.parents for s in sources):
        raise ResultsInputError([f"--out {out} would write into the curriculum's sources; "
                                 "choose a folder of its own, such as output/"])
