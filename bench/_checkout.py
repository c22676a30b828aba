"""Puts the checkout on ``sys.path`` for the bench scripts.

They run as files (``python bench/realtime.py`` puts only ``bench/`` on the path), and they share
the tests' builders (``tests/builders/``: the case a claimant opens, free ports, waiting for a
service to be ready) instead of keeping copies that drift. Import it before ``tests.builders``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))
