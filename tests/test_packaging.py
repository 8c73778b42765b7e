"""`pip install .` ships everything voces reads at run time: themes, fonts, locales, rules."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import REPO


def test_the_wheel_holds_every_data_file_of_the_package(tmp_path):
    process = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(REPO)], capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr
    wheel = next(tmp_path.glob("voces-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    data = {
        path.relative_to(REPO).as_posix() for path in (REPO / "builder").rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }
    assert len(data) >= 15
    assert sorted(data - shipped) == []
