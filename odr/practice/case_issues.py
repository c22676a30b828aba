"""A case's issues as a rehearsal takes them, and as the practice page shows them.

A discrete option travels by its position (``"0"``, ``"1"``, …) rather than its wording: the
sealed state (``odr.practice.state``) then stays small whatever the options say, and the wording
goes to the page once, in the start answer, in each language the claimant gave it. The party's
own preferences are re-keyed the same way. Pure: no database, no HTTP.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from negotiation.model import Issue, PartyPreferences
from odr.practice.schemas import PracticeIssueOut, PracticeOptionOut, PracticeRangeOut


def by_position(issue: Issue) -> Issue:
    if issue.numeric is not None:
        return issue
    return Issue(issue.name, tuple(str(k) for k in range(len(issue.options))))


def keyed_preferences(p: PartyPreferences, issues: Sequence[Issue]) -> PartyPreferences:
    """The same preferences with a discrete issue's options by position, as ``by_position``."""
    utilities: dict[str, Mapping[str, float]] = {}
    banned: dict[str, frozenset[str]] = {}
    for issue in issues:
        table = p.utilities[issue.name]
        hard = p.unacceptable.get(issue.name, frozenset())
        if issue.numeric is not None:
            utilities[issue.name], banned[issue.name] = table, hard
            continue
        ids = {option: str(k) for k, option in enumerate(issue.options)}
        utilities[issue.name] = MappingProxyType({ids[o]: u for o, u in table.items()})
        banned[issue.name] = frozenset(ids[o] for o in hard)
    return PartyPreferences(
        name=p.name,
        weights=p.weights,
        utilities=MappingProxyType(utilities),
        reservation=p.reservation,
        unacceptable=MappingProxyType({n: b for n, b in banned.items() if b}),
    )


def issue_out(issue: Issue, stored: Mapping[str, Any] | None) -> PracticeIssueOut:
    """An issue as the page shows it: a case's labels (in each language given), or none for a
    typical issue (the browser words its keys)."""
    label = stored["label"] if stored else None
    labels = stored.get("labels") if stored else None
    if issue.numeric is not None:
        n = issue.numeric
        span = PracticeRangeOut(min=n.minimum, max=n.maximum, step=n.step, unit=n.unit)
        return PracticeIssueOut(name=issue.name, label=label, labels=labels, range=span)
    texts: Sequence[str] = stored.get("options", ()) if stored else ()
    by_language: Sequence[Any] = (stored.get("option_labels") or ()) if stored else ()
    options = [
        PracticeOptionOut(
            id=o,
            label=texts[k] if k < len(texts) else None,
            labels=by_language[k] if k < len(by_language) else None,
        )
        for k, o in enumerate(issue.options)
    ]
    return PracticeIssueOut(name=issue.name, label=label, labels=labels, options=options)
