"""HTTP endpoints of the intake's help: the guide per category, and hints for one-sided options.

Neither stores anything. The guide is public (the same text for everyone, no database); the
hints answer a signed-in claimant typing the new-case form, like the mechanism recommendation.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from odr.cases.guides import GuideLanguage, GuideOut, guide
from odr.cases.neutral_wording import hints
from odr.cases.schemas import CATEGORIES, OptionText
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.params import PathParam, QueryParam
from odr.web.schema import Line, RequestModel, ResponseModel

api = Api()

CATEGORY = PathParam(
    "category",
    boundary.IdFormat("a category", "|".join(CATEGORIES), 10, "family"),
    "guide_not_found",
    "there is no guide for this category; the categories are " + ", ".join(CATEGORIES),
    "The case's category: " + ", ".join(CATEGORIES) + ".",
)


def _language(raw: str) -> str:
    if raw not in ("kk", "ru", "en"):
        raise ValueError("is one of kk, ru, en")
    return raw


LANGUAGE = QueryParam(
    "language",
    "The guide's language (kk, ru, en); absent: Kazakh.",
    max_length=2,
    default="kk",
    parse=_language,
    refusal_code="language_invalid",
)


@api.endpoint(
    "GET",
    "/api/guides/{category}",
    summary="The guide before filing a case of this category, with typical issues to pre-fill",
    tag="cases",
    response=GuideOut,
    auth=False,
    errors=(404, 422),
    params=(CATEGORY, LANGUAGE),
)
async def category_guide(ctx: Context) -> GuideOut:
    language: GuideLanguage = ctx.query["language"] or "kk"
    return guide(ctx.path_params["category"], language)


class WordingIn(RequestModel):
    """An issue of the new-case form as typed so far."""

    label: Annotated[str, Line(200, min_length=0)] = ""
    options: list[OptionText] = Field(max_length=50)
    writer: Literal["claimant", "respondent"] = Field(
        default="claimant", description="Who wrote the options: the party their 'I' names."
    )


class WordingHintOut(ResponseModel):
    option: str = Field(description="The option as typed.")
    words: list[str] = Field(description="Its words that say 'I' or 'you'.")
    suggestion: str = Field(description="The same option naming the party instead.")
    language: Literal["kk", "ru", "en"]


class WordingOut(ResponseModel):
    hints: list[WordingHintOut] = Field(
        description="One per option that speaks for one side, in the options' order."
    )


@api.endpoint(
    "POST",
    "/api/cases/wording-hints",
    summary="Options that speak for one side, with a neutral form (nothing is stored)",
    tag="cases",
    body=WordingIn,
    response=WordingOut,
    errors=(401, 422),
)
async def wording_hints(ctx: Context, body: WordingIn) -> WordingOut:
    found = hints(body.options, body.label, body.writer)
    return WordingOut(
        hints=[
            WordingHintOut(
                option=h.option, words=list(h.words), suggestion=h.suggestion, language=h.language
            )
            for h in found
        ]
    )
