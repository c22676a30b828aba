"""A stored case's issues as the engine's ``Issue`` objects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from negotiation.model import Issue, NumericRange, format_number


def model_issues(stored: Sequence[dict[str, Any]]) -> tuple[Issue, ...]:
    """Options stay as typed; a range becomes its grid of ``format_number`` option ids."""
    issues = []
    for item in stored:
        if "range" in item:
            r = item["range"]
            numeric = NumericRange(r["min"], r["max"], r["step"], r.get("unit", ""))
            options = tuple(format_number(v) for v in numeric.values())
            issues.append(Issue(item["name"], options, numeric))
        else:
            issues.append(Issue(item["name"], tuple(item["options"])))
    return tuple(issues)
