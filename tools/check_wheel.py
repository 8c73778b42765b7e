"""A step of .ci/run: `pip install .` ships every data file voces reads at run time (themes,
fonts, locales, term lists, templates). Builds the wheel into a temporary folder and lists any
file of builder/ that is neither Python nor in the wheel; exit 1 when one is missing.

Run: python tools/check_wheel.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def data_files() -> set[str]:
    return {
        path.relative_to(REPO).as_posix() for path in (REPO / "builder").rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }


def shipped_files(folder: Path) -> set[str]:
    process = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(folder), str(REPO)], capture_output=True, text=True, timeout=300)
    if process.returncode != 0:
        sys.exit(f"check_wheel: pip wheel failed:\n{process.stderr}")
    wheel = next(folder.glob("voces-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def main() -> int:
    data = data_files()
    if len(data) < 15:
        print(f"check_wheel: only {len(data)} data files under builder/; is this the repository?")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        missing = sorted(data - shipped_files(Path(folder)))
    for name in missing:
        print(f"check_wheel: {name} is not in the wheel; add its pattern to "
              "[tool.setuptools.package-data] in pyproject.toml")
    if not missing:
        print(f"check_wheel: the wheel ships all {len(data)} data files of builder/")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
