"""The `office` marker cannot rot: a test that starts a real client without it fails."""

from __future__ import annotations

import subprocess

import conftest
import pytest
from conftest import need_tools


def test_an_unmarked_test_that_starts_libreoffice_is_stopped_and_reported(request):
    need_tools("soffice")
    with pytest.raises(RuntimeError, match="starts soffice but has no @pytest.mark.office"):
        subprocess.run(["soffice", "--version"], capture_output=True, timeout=60)
    # the hook would fail this test at teardown; taken back here, as the launch was the point
    assert conftest._unmarked_launches.pop(request.node.nodeid) == ["soffice"]


def test_a_fake_soffice_is_no_real_client(tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho fake\n", encoding="utf-8")
    fake.chmod(0o755)
    done = subprocess.run([str(fake)], capture_output=True, text=True, timeout=60)
    assert done.stdout == "fake\n"


@pytest.mark.office
def test_a_marked_test_starts_libreoffice():
    need_tools("soffice")
    done = subprocess.run(["soffice", "--version"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "LibreOffice" in done.stdout


def test_both_markers_are_registered_and_unknown_ones_refused(pytestconfig):
    """pyproject.toml registers the two markers, and --strict-markers makes a typo an error."""
    names = {line.split(":")[0] for line in pytestconfig.getini("markers")}
    assert {"office", "slow"} <= names
    assert "--strict-markers" in pytestconfig.getini("addopts")
