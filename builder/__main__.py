"""`python -m builder`: voces as a program.

The imports make only what lives until voces exits (modules, the model's classes), so the
collector is kept out of them: `main` freezes what they made and starts it again.
"""

from __future__ import annotations

import gc
import sys

gc.disable()

from .cli import main  # noqa: E402  (after the collector is off)

sys.exit(main())
