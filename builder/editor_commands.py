"""The editor's commands on the command line: `voces schema`, `voces new` and `voces serve`.

Kept apart from cli.py so that the build's options and these commands change independently;
each command's work is in its own module (schema.py, scaffold.py, serve/).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from pathlib import Path
from typing import Any

from .where import NotACurriculum, find_curriculum

EXIT_OK, EXIT_FAILED = 0, 1

FOLDER_KINDS = ("source", "scenario", "module", "delivery")

DEFAULT_PORT = 8000

SCHEMA_FOLDER = "schemas"
"""Where `voces schema` and `voces new` put the schemas, inside the curriculum folder."""


def add_editor_commands(commands: Any) -> None:
    schema = commands.add_parser(
        "schema", help="write a JSON Schema for each kind of curriculum file",
        description="Write a JSON Schema for each kind of file (curriculum, source, scenario, "
        "module), generated from the contract, for editors that use the YAML language server: "
        "field completion, descriptions on hover, mistakes marked as you type.")
    schema.add_argument("path", nargs="?", default=".", type=Path, metavar="PATH",
                        help="the curriculum whose languages the texts take (default: the "
                        "current folder or a parent; without one, English and Spanish)")
    schema.add_argument("--out", type=Path, metavar="DIR",
                        help=f"folder to write the schemas into (default: PATH/{SCHEMA_FOLDER})")
    schema.add_argument("--force", action="store_true",
                        help="overwrite schema files that are already there")
    schema.set_defaults(run=run_schema)

    new = commands.add_parser(
        "new", help="start a file from a scaffold",
        description="Write a new file with every field of the contract, required ones marked and "
        "a comment on each, its texts in the curriculum's languages. Its placeholders (TODO) are "
        "findings of voces check until replaced. Never overwrites a file.")
    new.add_argument("kind", choices=["curriculum", *FOLDER_KINDS], metavar="KIND",
                     help=f"curriculum, {', '.join(FOLDER_KINDS)}")
    new.add_argument("name", metavar="DIR|ID",
                     help="for a curriculum, the folder to create it in; otherwise the new "
                     "file's id (the file is named after it)")
    new.add_argument("--in", dest="path", type=Path, default=Path("."), metavar="PATH",
                     help="the curriculum to add the file to (default: the current folder or "
                     "a parent)")
    new.add_argument("--languages", default="en,es", metavar="L,...",
                     help="a new curriculum's languages, the first the default (default: en,es)")
    new.set_defaults(run=run_new)

    serve = commands.add_parser(
        "serve", help="preview every module and language in a browser, updated on save",
        description="Serve a live, read-only HTML preview: every module's deck (from the same "
        "slide plan as the pptx), guide and handout, with voces check's findings beside what "
        "they concern. An open page updates itself a moment after each save.")
    serve.add_argument("path", nargs="?", default=".", type=Path, metavar="PATH",
                       help="the curriculum: its folder or any file or folder inside it "
                       "(default: the current folder or a parent)")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, metavar="N",
                       help=f"the port to listen on (default: {DEFAULT_PORT})")
    serve.add_argument("--host", default="127.0.0.1", metavar="H",
                       help="the address to listen on (default: 127.0.0.1, this computer only)")
    serve.set_defaults(run=run_serve)


def curriculum_languages(root: Path) -> list[str]:
    """The languages curriculum.yaml lists, or en and es when it lists none readable."""
    from .read import read_yaml

    data = read_yaml(root / "curriculum.yaml", "curriculum.yaml").data
    languages = data.get("languages") if isinstance(data, dict) else None
    if isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages):
        return languages
    return ["en", "es"]


def _port(value: str) -> int:
    """`--port N`: a port a server can listen on, 0 (any free one) to 65535."""
    if not value.strip().isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a port; give a whole number from 1 to 65535 (0: any free one)")
    return int(value)


def run_schema(args: argparse.Namespace) -> int:
    from .load import writes_into_inputs
    from .schema import SchemaExists, write_schemas

    try:
        root: Path | None = find_curriculum(args.path).root
    except NotACurriculum:
        root = None
    languages = curriculum_languages(root) if root is not None else ["en", "es"]
    out: Path = args.out or (root if root is not None else args.path) / SCHEMA_FOLDER
    if root is not None and writes_into_inputs(root, out):
        print(f"voces: --out {out} would write into the curriculum's sources; choose a folder "
              f"of its own, such as {SCHEMA_FOLDER}/", file=sys.stderr)
        return EXIT_FAILED
    try:
        written = write_schemas(out, languages, force=args.force)
    except SchemaExists as exc:
        print(f"voces: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"voces: cannot write the schemas into {out} ({exc.strerror or exc})",
              file=sys.stderr)
        return EXIT_FAILED
    print(f"wrote {len(written)} schemas in {out} (texts in {', '.join(languages)})")
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from .scaffold import (
        ScaffoldRefused,
        curriculum_scaffold,
        document_scaffold,
        write_scaffold,
    )
    from .schema import write_schemas

    try:
        if args.kind == "curriculum":
            root = Path(args.name)
            languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
            bad = [lang for lang in languages if not re.fullmatch("[a-z]{2,3}", lang)]
            if bad or not languages:
                raise ScaffoldRefused(f"--languages: '{(bad or [''])[0]}' is not a language "
                                      "code; give two- or three-letter codes such as en,es")
            scaffold = curriculum_scaffold(root, languages)
        else:
            try:
                root = find_curriculum(args.path).root
            except NotACurriculum as exc:
                raise ScaffoldRefused(f"{exc}; run voces new in a curriculum folder, name one "
                                      "with --in, or start one with voces new curriculum DIR")\
                    from None
            languages = curriculum_languages(root)
            scaffold = document_scaffold(root, args.kind, args.name, languages)
        write_scaffold(scaffold)
    except ScaffoldRefused as exc:
        print(f"voces: {exc}; nothing was written", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"voces: cannot write {args.name} ({exc.strerror or exc}); nothing was written",
              file=sys.stderr)
        return EXIT_FAILED
    print(f"wrote {scaffold.path}")
    if not (root / SCHEMA_FOLDER).exists():  # what its first line points the editor to
        with contextlib.suppress(OSError):
            write_schemas(root / SCHEMA_FOLDER, languages)
            print(f"wrote the JSON Schemas in {root / SCHEMA_FOLDER}")
    print(scaffold.next_step)
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    from .serve.server import PortInUse, serve

    root = find_curriculum(args.path).root
    if not 0 < args.port < 65536:
        print(f"voces: --port {args.port} is not a port; give one from 1 to 65535",
              file=sys.stderr)
        return EXIT_FAILED

    def ready(server: Any) -> None:
        host, port = server.server_address[:2]
        print(f"previewing {root} at http://{host}:{port}/ (Ctrl+C stops)", flush=True)

    try:
        serve(root, args.host, args.port, ready)
    except PortInUse as exc:
        print(f"voces: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"voces: cannot listen on {args.host}:{args.port} ({exc.strerror or exc})",
              file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
