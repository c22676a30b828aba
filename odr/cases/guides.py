"""The guide before filing: per category, in plain words, what mediation can and cannot do, the
law usually involved and the typical issues with fair options, which pre-fill a new case.

Why before filing: people who are told what a process can do for them, and shown what a
reasonable claim looks like, file claims the other side can answer (the BC Civil Resolution
Tribunal's Solution Explorer is the model). The texts are data (``guide_texts``,
``guide_texts_civil``) in Kazakh, Russian and English; the laws the settlement also cites are
worded by ``odr.documents.wording``, so the guide and the document name a code alike. Each typical
issue comes with its label and options in every language: the intake form fills the claimant's
language, and the other party's language too when the two differ (bilingual labels).
"""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import Field

from odr.cases.guide_texts import COMMON_CAN, COMMON_CANNOT, GUIDES, LAWS
from odr.cases.guide_texts_civil import GUIDES as CIVIL_GUIDES
from odr.cases.schemas import CATEGORIES
from odr.documents.wording import WORDING
from odr.web.schema import ResponseModel

GuideLanguage = Literal["kk", "ru", "en"]
ALL_GUIDES: Final[dict[str, dict[str, Any]]] = {**GUIDES, **CIVIL_GUIDES}
assert set(ALL_GUIDES) == set(CATEGORIES), "every category has its guide"


class TextsOut(ResponseModel):
    """One text in each language."""

    kk: str
    ru: str
    en: str


class GuideRangeOut(ResponseModel):
    min: float
    max: float
    step: float
    unit: str


class GuideIssueOut(ResponseModel):
    """A typical issue, in the shape of a new case's issue (``POST /api/cases``)."""

    label: str = Field(description="In the guide's language.")
    labels: TextsOut = Field(description="The label in every language.")
    options: list[str] | None = Field(description="In the guide's language; null for a range.")
    option_labels: list[TextsOut] | None = Field(
        description="Each option in every language, in the order of `options`."
    )
    range: GuideRangeOut | None


class GuideOut(ResponseModel):
    category: str
    language: GuideLanguage
    title: str
    summary: str
    can: list[str] = Field(description="What mediation can do for such a dispute.")
    cannot: list[str] = Field(description="What it cannot do.")
    laws: list[str] = Field(description="The laws usually involved, by their names.")
    issues: list[GuideIssueOut] = Field(
        description="Typical issues with fair, neutral options: they pre-fill the new case."
    )


def law_name(code: str, language: str) -> str:
    """A law's name: the settlement's own wording where the document cites it too."""
    if code in LAWS:
        return LAWS[code][language]
    return WORDING[language][f"basis.{code}"]


def guide(category: str, language: GuideLanguage) -> GuideOut:
    """The guide of a known category (``CATEGORIES``) in ``language``."""
    data = ALL_GUIDES[category]
    return GuideOut(
        category=category,
        language=language,
        title=data["title"][language],
        summary=data["summary"][language],
        can=[text[language] for text in [*COMMON_CAN, *data["can"]]],
        cannot=[text[language] for text in [*data["cannot"], *COMMON_CANNOT]],
        laws=[law_name(code, language) for code in data["laws"]],
        issues=[_issue(issue, language) for issue in data["issues"]],
    )


def _issue(issue: dict[str, Any], language: GuideLanguage) -> GuideIssueOut:
    options = issue.get("options")
    return GuideIssueOut(
        label=issue["label"][language],
        labels=TextsOut(**issue["label"]),
        options=[option[language] for option in options] if options else None,
        option_labels=[TextsOut(**option) for option in options] if options else None,
        range=GuideRangeOut(**issue["range"]) if "range" in issue else None,
    )
