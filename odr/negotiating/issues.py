"""A stored case's issues as the engine's ``Issue`` objects."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any

from negotiation.model import Issue, NumericRange, format_number

SHARED_DEFINITIONS = 1024
"""How many distinct issue definitions are kept to be shared (least recently used go first)."""


def model_issues(stored: Sequence[dict[str, Any]]) -> tuple[Issue, ...]:
    """Options stay as typed; a range becomes its grid of ``format_number`` option ids.

    Cases with the same issues (a category's usual ones) share one tuple: ``Issue`` is
    immutable, and a range's grid is a string per step (51 for 0-500,000 by 10,000), which
    every open room's folded state holds (``odr/room/state_cache.py``)."""
    return _shared(json.dumps(stored, sort_keys=True, ensure_ascii=False))


@functools.lru_cache(maxsize=SHARED_DEFINITIONS)
def _shared(definition: str) -> tuple[Issue, ...]:
    issues = []
    for item in json.loads(definition):
        if "range" in item:
            r = item["range"]
            numeric = NumericRange(r["min"], r["max"], r["step"], r.get("unit", ""))
            options = tuple(format_number(v) for v in numeric.values())
            issues.append(Issue(item["name"], options, numeric))
        else:
            issues.append(Issue(item["name"], tuple(item["options"])))
    return tuple(issues)
