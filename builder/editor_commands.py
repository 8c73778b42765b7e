"""The editor's commands on the command line: `voces schema`, `voces new` and `voces serve`.

Kept apart from cli.py so that the build's options and these commands change independently;
each command's work is in its own module (schema.py, scaffold.py, serve/).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .load import NotACurriculum
from .where import find_curriculum

EXIT_OK, EXIT_FAILED = 0, 1

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


def curriculum_languages(root: Path) -> list[str]:
    """The languages curriculum.yaml lists, or en and es when it lists none readable."""
    from .read import read_yaml

    data = read_yaml(root / "curriculum.yaml", "curriculum.yaml").data
    languages = data.get("languages") if isinstance(data, dict) else None
    if isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages):
        return languages
    return ["en", "es"]


def run_schema(args: argparse.Namespace) -> int:
    from .schema import SchemaExists, write_schemas

    try:
        root: Path | None = find_curriculum(args.path).root
    except NotACurriculum:
        root = None
    languages = curriculum_languages(root) if root is not None else ["en", "es"]
    out: Path = args.out or (root if root is not None else args.path) / SCHEMA_FOLDER
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
