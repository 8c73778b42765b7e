"""The command line: argument parsing and exit codes only; the work is in the library.

A command imports what it alone uses when it runs (the build its pipeline, `--format json` the
json module, a crash its traceback): `voces check` is started again for every save in an editor,
and what every command imports is part of its time.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import time
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import __version__
from .editor_commands import add_editor_commands
from .exit_codes import EXIT_BUG, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from .findings import Finding, Severity
from .where import NotACurriculum, Target, find_curriculum

if TYPE_CHECKING:
    from .curriculum import Curriculum


PATH_HELP = ("the curriculum: its folder, its curriculum.yaml, or any file or folder inside it "
             "(default: the current folder; curriculum.yaml is looked for in parent folders too)")


class UsageError(Exception):
    """The command line is wrong (exit 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    args.as_program = argv is None  # voces itself, not a caller in this process (the tests)
    code = _run(args)
    if args.as_program and getattr(args, "leave_at_once", False):
        _leave(code)
    return code


def _leave(code: int) -> NoReturn:
    """End the program without Python's teardown: after a build, freeing every module and
    object one by one cost about 0.08 s of its time, with nothing left to do (its files are in
    place, its workers gone); after a check, about 33 million instructions of its 1.7 billion.
    What the command printed is flushed first."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `voces build | head`: the reader has stopped
        code = code or EXIT_FINDINGS
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


def _run(args: argparse.Namespace) -> int:
    try:
        result: int = args.run(args)
        return result
    except NotACurriculum as exc:
        print(f"voces: {exc}; run voces in a curriculum folder or name one", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"voces: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("voces: interrupted", file=sys.stderr)
        return EXIT_FINDINGS
    except BrokenPipeError:  # `voces check | head`: the reader has stopped; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python flushes at exit
        return EXIT_FINDINGS
    except Exception as exc:  # a bug, not a user mistake: a short message, the trace in a file
        import tempfile
        import traceback

        with tempfile.NamedTemporaryFile(
            "w", prefix="voces-crash-", suffix=".txt", delete=False
        ) as log:
            traceback.print_exc(file=log)
        print(f"voces: internal error ({type(exc).__name__}: {exc}); this is a bug in voces. "
              f"The full traceback is in {log.name}", file=sys.stderr)
        return EXIT_BUG


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voces", description="Build victim-centred training from a YAML curriculum.")
    parser.add_argument("--version", action="version", version=f"voces {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="report every mistake in a curriculum",
        description="Report every mistake in a curriculum, then a summary line. Exit status: "
        "0 clean, 1 errors (or warnings with --strict), 2 no curriculum or a wrong command line.")
    check.add_argument("path", nargs="?", default=".", type=Path, metavar="PATH", help=PATH_HELP
                       + "; a file's own findings come first")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=["text", "json"], default="text",
                       help="text: one line per finding (default); json: findings with their "
                       "YAML path, and a summary")
    check.set_defaults(run=run_check, leave_at_once=True)  # its helper has ended by then

    make = commands.add_parser(
        "build", help="check, then build every output", formatter_class=_BuildHelp,
        description="Check the curriculum, then build every output into the output folder; "
        "a failed build leaves the previous output as it was.")
    make.add_argument("path", nargs="?", default=".", type=Path, metavar="PATH", help=PATH_HELP)
    make.add_argument("--lang", action="append", metavar="L", help="only this language")
    make.add_argument("--module", action="append", metavar="ID", help="only this module")
    make.add_argument("--only", metavar="KIND,...", help=ONLY_HELP)
    make.add_argument("--out", type=Path, metavar="DIR", help="output folder (PATH/output)")
    make.add_argument("--pdf", action="store_true", help="also write PDFs through LibreOffice")
    make.add_argument("--strict", action="store_true", help="do not build on warnings either")
    make.add_argument("--jobs", type=_worker_count, default=0, metavar="N",
                      help="build on N processes at once (default: one per core)")
    make.add_argument("--force", action="store_true",
                      help="rebuild everything, even what the last build left unchanged")
    make.set_defaults(run=run_build, leave_at_once=True)
    add_editor_commands(commands)

    from .results.cli import add_parser as add_results  # its libraries load only when it runs
    add_results(commands)
    return parser


ONLY_HELP = "only these kinds: {kinds}"


class _BuildHelp(argparse.HelpFormatter):
    """`voces build --help`: the kinds in `--only`'s help are the registry's, read when the help
    is shown, so that parsing a command line never imports the registry."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.help == ONLY_HELP:
            from .formats import FORMATS

            return ONLY_HELP.format(kinds=" ".join(FORMATS))
        return super()._get_help_string(action)


def _summary(findings: list[Finding], files: int) -> str:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    checked = f"checked {files} file{'s' * (files != 1)}"
    if not findings:
        return f"{checked}: no problems"
    return (f"{checked}: {errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)}")


def _failed(findings: list[Finding], strict: bool) -> bool:
    return any(f.severity is Severity.ERROR or strict for f in findings)


@contextlib.contextmanager
def _lasting_imports(args: argparse.Namespace) -> Iterator[None]:
    """Around a command's imports and its loading, when voces runs as a program: what they
    make (modules, the model's classes, the curriculum) lives until voces exits and holds no
    garbage cycle, so the collector is off while they run and leaves it alone after
    (gc.freeze), and a forked helper does not copy its pages by looking at it. A caller in the
    same process (the tests) keeps its collector as it was."""
    if not getattr(args, "as_program", False):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def run_check(args: argparse.Namespace) -> int:
    with _lasting_imports(args):
        from .checks import check_loaded
        from .load import curriculum_files, load_curriculum

        target = find_curriculum(args.path)
        root = target.root
        curriculum, loaded = load_curriculum(root)
    findings = _named_file_first(check_loaded(curriculum, loaded, on_two_cores=True), target)
    files = len(curriculum_files(root))
    failed = _failed(findings, args.strict)
    if args.format == "json":
        import json

        print(json.dumps({
            "findings": [f.as_dict() for f in findings],
            "summary": {
                "files": files,
                "errors": sum(f.severity is Severity.ERROR for f in findings),
                "warnings": sum(f.severity is Severity.WARNING for f in findings),
                "ok": not failed,
            },
        }, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
        print(_summary(findings, files))
    return EXIT_FINDINGS if failed else EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    from .unchanged import command_key, unchanged_build

    started = time.time_ns()
    target = find_curriculum(args.path)
    root = target.root
    out = args.out or root / "output"
    # a build with --force is recorded for the same command without it, which then has nothing
    # left to do
    command = command_key(target.file, lang=args.lang, module=args.module, only=args.only,
                          pdf=args.pdf, strict=args.strict)
    said = None if args.force else unchanged_build(root, out, command)
    if said is not None:  # nothing changed since the same command built: say it again
        for finding in [*said.findings, *said.warnings]:
            print(finding)
        from .build_report import last_line

        print(last_line(0, said.kept, out))
        return EXIT_OK
    # The writers (pptx, docx, lxml, LibreOffice glue) load only for a build: check stays quick,
    # and so does a build with nothing to do. What they make lasts, as for a check: the check's
    # helper and the processes forked later then do not pass over it when they collect.
    with _lasting_imports(args):
        from .build_report import build_here, reported
        from .check_reuse import CheckReuse, previous_check
        from .checks import check_curriculum
        from .early_build import EarlyBuild
        from .formats import FORMATS
        from .load import curriculum_files
        from .staging import BuildRequest

    only = args.only.split(",") if args.only is not None else None
    preload = partial(_preload, languages=args.lang, modules=args.module, kinds=only,
                      out=out, force=args.force)  # while the check measures (jobs.py)
    # what the previous build measured of parts unchanged since (none with --force)
    reuse = CheckReuse() if args.force else previous_check(out)
    # As a program, a fork imports the writers and builds while this process checks
    # (early_build.py); `--jobs 1` is one process throughout: the check's measuring rules too.
    forked: list[EarlyBuild] = []

    def fork_builder(curriculum: Curriculum) -> None:
        early = EarlyBuild.start(curriculum, preload) if args.jobs != 1 and getattr(
            args, "as_program", False) else None
        forked.extend([early] if early is not None else [])

    def beside_measuring(curriculum: Curriculum) -> None:
        if not forked:
            preload(curriculum)

    try:
        curriculum, findings = check_curriculum(
            root, on_two_cores=args.jobs != 1, alongside=beside_measuring, reuse=reuse,
            loaded=fork_builder)
        early = forked[0] if forked else None
        findings = _named_file_first(findings, target)
        for finding in findings:
            print(finding)
        if curriculum is None or _failed(findings, args.strict):
            print(_summary(findings, len(curriculum_files(root))) + "; nothing was built")
            return EXIT_FINDINGS
        request = BuildRequest(
            out=out,
            languages=_chosen(args.lang, curriculum.languages, "language", "--lang"),
            modules=_chosen(args.module, [m.id for m in curriculum.modules], "module",
                            "--module"),
            kinds=_chosen(only, list(FORMATS), "kind", "--only"),
            pdf=args.pdf or curriculum.settings.pdf,
            findings=tuple(findings),
            force=args.force, jobs=args.jobs, command=command, started=started,
            checked=reuse.entries,
        )
        reply = early.build(request) if early is not None else None
        if reply is not None:
            return reported(reply, out)
    finally:
        for early in forked:
            early.stop()
    return build_here(curriculum, request)


def _preload(curriculum: Curriculum, **asked: Any) -> None:
    from .jobs import preload_writers

    preload_writers(curriculum, **asked)


def _worker_count(value: str) -> int:
    """`--jobs N`: a whole number of processes, at least 1."""
    if not value.strip().isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a number of processes; give a whole number of 1 or more")
    return int(value)


def _named_file_first(findings: list[Finding], target: Target) -> list[Finding]:
    """`voces check scenarios/x.yaml`: that file's findings first, then the others'."""
    if target.file is None:
        return findings
    return sorted(findings, key=lambda f: f.location.file != target.file)  # stable


def _chosen(asked: list[str] | None, known: list[str], what: str, flag: str) -> list[str]:
    if asked is None:
        return known
    wanted = [name.strip() for name in asked if name.strip()]
    if not wanted:  # `--lang ''`, `--only ,`: a selection of nothing, not of everything
        raise UsageError(f"{flag}: no {what} given; choose from {', '.join(known)}")
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise UsageError(f"{flag}: no {what} '{unknown[0]}'; choose from {', '.join(known)}")
    return [name for name in known if name in wanted]


if __name__ == "__main__":
    sys.exit(main())
