"""What every test shares: the repository's paths, fixture copies, one LibreOffice helper, one
npm installer, the `office` and `slow` markers and the guard that keeps them honest."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
SHARED = REPO.parent / "shared"
VALIDATORS = SHARED / "validators"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture
def make_curriculum(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a fixture curriculum into tmp_path, so a test may break it freely."""

    def copy(name: str = "minimal") -> Path:
        target = tmp_path / name
        shutil.copytree(FIXTURES / name, target)
        return target

    return copy


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a fixture file (fails loudly when it is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_voces(*args: str | Path) -> tuple[int, str, str]:
    """`voces ARGS` in this process, through the same `main()` the console script calls: exit
    status, stdout and stderr as a subprocess would give them, at a hundredth of the cost (a
    new Python costs about 0.45 s). Two smoke tests in test_check_contract.py start the real
    entry points (`voces`, `python -m builder`), so the wiring around `main()` stays tested."""
    from builder.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main([str(arg) for arg in args])
        except SystemExit as stopped:  # argparse's usage errors, as the interpreter reports
            code = stopped.code
            status = code if isinstance(code, int) else (0 if code is None else 1)
            if isinstance(code, str):
                print(code, file=err)
    return status, out.getvalue(), err.getvalue()


def need_tools(*tools: str) -> None:
    """Skip (a failure under CI=true) when a tool the test runs is not on PATH."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} on PATH")


# --- LibreOffice ---------------------------------------------------------------------------


def libreoffice_convert(files: list[Path], target: str, out: Path) -> list[Path]:
    """Every file converted (`--convert-to target`, e.g. pdf, or xlsx, or a csv filter) in ONE
    soffice call (a launch costs seconds; a file, a fraction), with a profile of its own beside
    the results: two soffice sharing a profile fail, which matters when tests run in parallel.
    File names must be unique, as the results share `out`."""
    need_tools("soffice")
    assert len({path.stem for path in files}) == len(files), "two files would give one result"
    out.mkdir(parents=True, exist_ok=True)
    profile = out / ".libreoffice-profile"
    completed = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
         "--convert-to", target, "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=900, env={**os.environ, "HOME": str(profile)},
    )
    extension = target.split(":")[0]
    converted = [out / f"{path.stem}.{extension}" for path in files]
    missing = [path.name for path in converted if not path.is_file()]
    assert not missing, f"LibreOffice made none of {missing}: {completed.stderr.strip()}"
    return converted


def libreoffice_to_pdf(files: list[Path], out: Path) -> dict[Path, Path]:
    """Each file's PDF, all from one soffice call (libreoffice_convert)."""
    return dict(zip(files, libreoffice_convert(files, "pdf", out), strict=True))


# --- npm packages --------------------------------------------------------------------------


def shared_folder(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory,
                  name: str) -> Path:
    """A folder every xdist worker of this run sees (pytest's cache when it is on, so an npm
    install is kept between runs; else the run's common temporary folder)."""
    cache = getattr(config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir(name))
    base = tmp_path_factory.getbasetemp()
    common = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = common / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def npm_install(folder: Path, files: dict[str, str], installed: str, what: str) -> Path:
    """Install the npm packages of `files` (package.json and friends, written into `folder`)
    once, under a file lock so parallel workers do not install into one folder together.
    `installed` is a path inside the folder that exists once the install has worked."""
    need_tools("node", "npm")
    with FileLock(str(folder / ".install.lock")):
        for name, text in files.items():
            target = folder / name
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
        if not (folder / installed).exists():
            done = subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=folder,
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0 or not (folder / installed).exists():
                pytest.skip(f"npm install of {what} failed: {done.stderr[-500:]}")
    return folder


# --- markers and their guard ---------------------------------------------------------------

# The programs that make a test an `office` test: real external clients, each seconds to start.
REAL_CLIENTS = ("soffice", "libreoffice", "chromium", "chromedriver", "node", "npm")


def _real_client_paths() -> set[str]:
    found = (shutil.which(name) for name in REAL_CLIENTS)
    return {os.path.realpath(path) for path in found if path}


_CLIENTS = _real_client_paths()
_running: list[pytest.Item] = []
_unmarked_launches: dict[str, list[str]] = {}


class _GuardedPopen(subprocess.Popen):  # type: ignore[type-arg]
    """subprocess.Popen that refuses to start a real client for a test without the `office`
    marker, so `-m "not office"` cannot quietly start LibreOffice (forked build workers inherit
    it). A fake `soffice` script a test writes is not the real one and passes."""

    def __init__(self, args, *rest, **options) -> None:  # type: ignore[no-untyped-def]
        program = args if isinstance(args, (str, bytes, os.PathLike)) else args[0]
        program = os.fsdecode(program).split()[0] if not options.get("shell") else ""
        where = shutil.which(program) if program else None
        item = _running[-1] if _running else None
        if (where and os.path.realpath(where) in _CLIENTS and item is not None
                and item.get_closest_marker("office") is None):
            _unmarked_launches.setdefault(item.nodeid, []).append(Path(program).name)
            raise RuntimeError(f"{item.nodeid} starts {Path(program).name} but has no "
                               "@pytest.mark.office")
        super().__init__(args, *rest, **options)


subprocess.Popen = _GuardedPopen  # type: ignore[misc]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    _running.append(item)
    try:
        yield
    finally:
        _running.pop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """An unmarked real-client launch fails its test, whatever the test caught. In CI
    (CI=true) a skipped test fails: .ci/run installs every tool the tests need, so a skip
    there means a missing install step, not a machine without the tool."""
    outcome = yield
    report = outcome.get_result()
    launched = _unmarked_launches.get(item.nodeid)
    if launched and call.when == "teardown":
        report.outcome = "failed"
        report.longrepr = (f"{item.nodeid} started {', '.join(sorted(set(launched)))} without "
                           "@pytest.mark.office; mark it, so '-m \"not office\"' stays quick")
    if report.skipped and in_ci():
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped in CI ({reason}); .ci/run must install what this test needs"


@pytest.fixture(scope="session")
def gift_parser(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory):
    """gift-pegjs under Node.js, installed once for the run (and kept in pytest's cache)."""
    from quiz_helpers import install_gift_parser

    return install_gift_parser(shared_folder(pytestconfig, tmp_path_factory,
                                             "voces-gift-parser"))


@pytest.fixture(scope="session")
def yaml_language_server(pytestconfig: pytest.Config,
                         tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The YAML language server's entry point, installed once like the GIFT parser."""
    from lsp_helpers import install_yaml_language_server

    return install_yaml_language_server(shared_folder(pytestconfig, tmp_path_factory,
                                                      "voces-yaml-language-server"))
