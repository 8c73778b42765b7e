"""pydantic without its plugin lookup: voces uses no pydantic plugin (an observer of
validation), and looking for plugins costs every command that loads the model.

pydantic asks `pydantic.plugin._loader.get_plugins()` for plugins each time it builds a class.
Unless PYDANTIC_DISABLE_PLUGINS says otherwise, that reads the entry points of every installed
distribution; and that module imports importlib.metadata (with email, csv and zipfile) even
when the variable disables every plugin: together about 80 million instructions of the 1.7
billion a `voces check` of the example spends before its helper starts.

So PYDANTIC_DISABLE_PLUGINS is `__all__` unless the environment sets it, and while it is, the
loader pydantic imports is a module whose `get_plugins()` returns no plugins, as pydantic's own
does then. An environment that enables plugins, or names some to skip, gets pydantic's loader.
Any other name pydantic asks the stand-in for (a later pydantic may import more from it) makes
the stand-in step aside for pydantic's own loader, so a newer pydantic still works.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

LOADER = "pydantic.plugin._loader"
"""The module pydantic imports `get_plugins` from when it builds a class."""


def skip_plugin_lookup() -> None:
    """Before pydantic builds its first class: no plugins, and nothing imported to find none."""
    if os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__") != "__all__":
        return
    if LOADER in sys.modules:  # pydantic's own is loaded already: it finds none either
        return
    loader = types.ModuleType(LOADER, "No pydantic plugins: PYDANTIC_DISABLE_PLUGINS is __all__ "
                              "(builder/pydantic_plugins.py).")
    setattr(loader, "get_plugins", no_plugins)  # noqa: B010 (a new module's attribute)
    setattr(loader, "__getattr__", pydantic_loader_attribute)  # noqa: B010
    sys.modules[LOADER] = loader


def pydantic_loader_attribute(name: str) -> Any:
    """A name the stand-in does not have, from pydantic's own loader, which then replaces it."""
    if name.startswith("__"):  # the import system's own questions (__path__, __spec__ ...)
        raise AttributeError(name)
    sys.modules.pop(LOADER, None)
    return getattr(importlib.import_module(LOADER), name)


def no_plugins() -> tuple[()]:
    """What pydantic's `get_plugins()` returns while PYDANTIC_DISABLE_PLUGINS is `__all__`."""
    return ()
