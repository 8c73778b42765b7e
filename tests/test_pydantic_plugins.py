"""voces loads the model without pydantic's plugin lookup (builder/pydantic_plugins.py): no
importlib.metadata, the same findings; an environment that asks for plugins gets pydantic's own
loader."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO

CHECK_AND_REPORT = """
import json, sys
from builder.cli import main
code = main(["check", sys.argv[1]])
loader = sys.modules["pydantic.plugin._loader"]
print(json.dumps({"code": code, "metadata": "importlib.metadata" in sys.modules,
                  "loader": getattr(loader, "__file__", None),
                  "plugins": list(loader.get_plugins())}))
"""


def check_in_a_new_interpreter(**environment: str) -> dict[str, object]:
    env = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run([sys.executable, "-c", CHECK_AND_REPORT, str(REPO)], capture_output=True,
                          text=True, cwd=REPO, timeout=300, check=True, env={**env, **environment})
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    result["said"] = done.stdout.strip().splitlines()[-2]
    return result


def test_a_check_looks_for_no_plugin_and_imports_no_package_metadata():
    found = check_in_a_new_interpreter()
    assert found == {"code": 0, "metadata": False, "loader": None, "plugins": [],
                     "said": "checked 13 files: no problems"}


def test_an_environment_that_names_plugins_to_skip_gets_pydantic_s_loader():
    found = check_in_a_new_interpreter(PYDANTIC_DISABLE_PLUGINS="some-plugin")
    assert str(found["loader"]).endswith("_loader.py") and found["metadata"] is True
    assert found["code"] == 0 and found["said"] == "checked 13 files: no problems"


ASK_FOR_ANOTHER_NAME = """
import json, sys
from builder.pydantic_plugins import LOADER, skip_plugin_lookup
skip_plugin_lookup()
stand_in = sys.modules[LOADER]
from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP  # a name only pydantic's has
print(json.dumps({"group": PYDANTIC_ENTRY_POINT_GROUP, "stand_in_was_there": stand_in.__file__
                  if hasattr(stand_in, "__file__") else None,
                  "now": getattr(sys.modules[LOADER], "__file__", None)}))
"""


def test_a_name_the_stand_in_lacks_comes_from_pydantic_s_own_loader():
    """A later pydantic that imports more from its loader than get_plugins still works: the
    stand-in steps aside for pydantic's loader instead of failing the import."""
    env = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run([sys.executable, "-c", ASK_FOR_ANOTHER_NAME], capture_output=True,
                          text=True, cwd=REPO, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["group"] == "pydantic" and found["stand_in_was_there"] is None
    assert str(found["now"]).endswith("_loader.py")
