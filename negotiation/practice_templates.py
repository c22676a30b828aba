"""The typical issues of each category of dispute, for a rehearsal before any case exists.

A party who has not opened a case yet can still rehearse a negotiation (``negotiation.practice``):
it needs issues. These are the ones such disputes are usually about, each option with how much the
*claimant* and the *respondent* typically like it (0 worst, 1 best, before the robot's own noise),
and for a numeric issue which way the claimant wants it to go. The claimant of each category is
fixed so that the numbers make sense together:

- family: the parent the children live with (the other parent wants more time with them and pays
  the alimony; the children's schedule matters most to that parent);
- consumer: the buyer of a faulty product; labour: the employee owed wages; commercial: the
  supplier owed money; civil: a neighbour whose flat was flooded.

Issue names and option ids are stable keys: the browser words them in kk, ru and en (its
``practice`` strings), so nothing here is prose. Units are keys too (``KZT``, ``days``,
``months``, ``percent``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from negotiation.model import Issue, NumericRange, format_number

CATEGORIES = ("civil", "family", "labour", "commercial", "consumer")


@dataclass(frozen=True)
class TypicalIssue:
    """One typical issue: discrete ``options`` as (id, claimant's liking, respondent's liking),
    or a ``numeric`` range the claimant wants higher (``claimant_higher``) or lower.

    ``respondent_cares``/``claimant_cares`` scale how much that side typically weighs the issue
    against the others (1 is ordinary)."""

    name: str
    options: tuple[tuple[str, float, float], ...] = ()
    numeric: NumericRange | None = None
    claimant_higher: bool = True
    claimant_cares: float = 1.0
    respondent_cares: float = 1.0

    def issue(self) -> Issue:
        if self.numeric is not None:
            return Issue(
                self.name, tuple(format_number(v) for v in self.numeric.values()), self.numeric
            )
        return Issue(self.name, tuple(option for option, _, _ in self.options))

    def liking(self, role: str) -> Mapping[str, float]:
        """How much ``role`` typically likes each option (a range: linear, its best end 1)."""
        if self.numeric is not None:
            values = self.numeric.values()
            low, high = values[0], values[-1]
            higher = self.claimant_higher == (role == "claimant")
            return MappingProxyType(
                {
                    format_number(v): (v - low) / (high - low)
                    if higher
                    else (high - v) / (high - low)
                    for v in values
                }
            )
        column = 1 if role == "claimant" else 2
        return MappingProxyType({option[0]: float(option[column]) for option in self.options})

    def cares(self, role: str) -> float:
        return self.claimant_cares if role == "claimant" else self.respondent_cares


TEMPLATES: Mapping[str, tuple[TypicalIssue, ...]] = MappingProxyType(
    {
        "family": (
            TypicalIssue(
                "children_schedule",
                options=(
                    ("one_day_a_week", 1.0, 0.1),
                    ("alternate_weekends", 0.8, 0.5),
                    ("every_weekend", 0.4, 0.8),
                    ("weekends_and_half_holidays", 0.1, 1.0),
                ),
                respondent_cares=2.2,
            ),
            TypicalIssue(
                "alimony",
                numeric=NumericRange(30_000, 150_000, 10_000, "KZT"),
                claimant_higher=True,
                claimant_cares=1.3,
            ),
            TypicalIssue(
                "flat",
                options=(
                    ("claimant_keeps_pays_half", 1.0, 0.2),
                    ("sell_and_split", 0.5, 0.8),
                    ("respondent_keeps_pays_half", 0.1, 1.0),
                ),
            ),
        ),
        "consumer": (
            TypicalIssue(
                "remedy",
                options=(("refund", 1.0, 0.2), ("replacement", 0.7, 0.6), ("repair", 0.3, 1.0)),
                claimant_cares=1.4,
            ),
            TypicalIssue(
                "compensation",
                numeric=NumericRange(0, 200_000, 10_000, "KZT"),
                claimant_higher=True,
                respondent_cares=1.3,
            ),
            TypicalIssue(
                "deadline",
                numeric=NumericRange(5, 30, 5, "days"),
                claimant_higher=False,
                claimant_cares=0.7,
            ),
        ),
        "labour": (
            TypicalIssue(
                "unpaid_wages",
                numeric=NumericRange(0, 600_000, 50_000, "KZT"),
                claimant_higher=True,
                claimant_cares=1.5,
                respondent_cares=1.4,
            ),
            TypicalIssue(
                "reference",
                options=(("positive", 1.0, 0.7), ("neutral", 0.5, 1.0), ("none", 0.0, 0.9)),
                respondent_cares=0.6,
            ),
            TypicalIssue(
                "record_wording",
                options=(("by_agreement", 1.0, 0.6), ("own_request", 0.6, 1.0)),
                claimant_cares=0.8,
            ),
            TypicalIssue(
                "pay_within",
                numeric=NumericRange(5, 60, 5, "days"),
                claimant_higher=False,
                respondent_cares=0.8,
            ),
        ),
        "commercial": (
            TypicalIssue(
                "debt_paid",
                numeric=NumericRange(50, 100, 5, "percent"),
                claimant_higher=True,
                claimant_cares=1.5,
                respondent_cares=1.2,
            ),
            TypicalIssue(
                "instalments",
                numeric=NumericRange(1, 12, 1, "months"),
                claimant_higher=False,
                respondent_cares=1.5,
            ),
            TypicalIssue(
                "penalty",
                options=(("full", 1.0, 0.0), ("half", 0.5, 0.5), ("waived", 0.0, 1.0)),
            ),
            TypicalIssue(
                "continue_contract",
                options=(("yes", 0.8, 1.0), ("no", 0.5, 0.3)),
                claimant_cares=0.6,
                respondent_cares=0.7,
            ),
        ),
        "civil": (
            TypicalIssue(
                "damages",
                numeric=NumericRange(0, 1_000_000, 50_000, "KZT"),
                claimant_higher=True,
                claimant_cares=1.4,
                respondent_cares=1.4,
            ),
            TypicalIssue(
                "repairs",
                options=(("respondent_repairs", 1.0, 0.4), ("money_instead", 0.6, 0.8)),
            ),
            TypicalIssue(
                "pay_within",
                numeric=NumericRange(10, 90, 10, "days"),
                claimant_higher=False,
                claimant_cares=0.7,
            ),
            TypicalIssue(
                "apology",
                options=(("written", 1.0, 0.3), ("none", 0.4, 1.0)),
                claimant_cares=0.8,
                respondent_cares=0.8,
            ),
        ),
    }
)
