"""Namespaced names for the deck writer's XML ("a:p" → "{...drawingml/2006/main}p").

python-pptx's `qn` parses the prefix and looks up its namespace on every call; the deck writer
asks for the same few dozen names tens of thousands of times a build, so each is made once.
"""

from __future__ import annotations

from functools import cache

from pptx.oxml.ns import qn as qualified_name


@cache
def qn(name: str) -> str:
    """`pptx.oxml.ns.qn`, remembered."""
    return qualified_name(name)
