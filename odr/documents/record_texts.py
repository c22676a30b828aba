"""The forms a settlement record's text takes: a coded choice, one text per language, one text.

A party may fill in a legal basis, a way of performing or the state fee note from a known list
(the platform words it in each language, ``wording.py``), in its own words once per language of
the document, or as one text printed as typed in every column (older records, one-language
documents). ``form_of`` tells the forms apart so that a refusal names one problem at the field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Discriminator, Tag

from odr.documents.fields import DefiniteText, LongText, Strict, Text

Language = Literal["kk", "ru", "en"]


class PerLanguage(Strict):
    """Text a party wrote once for each language of the document ("ru" for the Russian column,
    "kk" for the Kazakh one), so that no column prints the other language's words."""

    kk: DefiniteText | None = None
    ru: DefiniteText | None = None
    en: DefiniteText | None = None

    def missing(self, languages: list[Language]) -> list[Language]:
        return [code for code in languages if getattr(self, code) is None]


LegalBasisCode = Literal[
    "civil_code", "consumer_protection_law", "labour_code", "marriage_family_code"
]
MethodCode = Literal["bank_transfer", "cash", "handover_record", "as_described"]
StateFeeCode = Literal["refund_by_law", "not_paid", "stays_with_payer"]


class LegalBasisChoice(Strict):
    """A law from the known list, worded by the platform in each language (``wording.py``)."""

    code: LegalBasisCode


class MethodChoice(Strict):
    """A way of performing from the known list, worded by the platform in each language."""

    code: MethodCode


class StateFeeChoice(Strict):
    """What becomes of the state fee, from the known list, worded by the platform."""

    code: StateFeeCode


def form_of(value: Any) -> str:
    """Which form a text field takes: ``[code]`` (a choice), ``[texts]`` (one text per language)
    or ``[text]`` (one text). Only that form is checked, so a refusal names one problem at the
    field itself; the brackets keep the tag out of a refusal's field path."""
    if isinstance(value, dict):
        return "[code]" if "code" in value else "[texts]"
    if isinstance(value, BaseModel):
        return "[code]" if "code" in type(value).model_fields else "[texts]"
    return "[text]"


# A field a party may fill in three ways: a coded choice the platform words in each language; its
# own text once per document language; or one text (older records, and one-language documents),
# printed as typed in every language.
LegalBasis = Annotated[
    Annotated[LongText, Tag("[text]")]
    | Annotated[LegalBasisChoice, Tag("[code]")]
    | Annotated[PerLanguage, Tag("[texts]")],
    Discriminator(form_of),
]
Method = Annotated[
    Annotated[DefiniteText, Tag("[text]")]
    | Annotated[MethodChoice, Tag("[code]")]
    | Annotated[PerLanguage, Tag("[texts]")],
    Discriminator(form_of),
]
StateFee = Annotated[
    Annotated[LongText, Tag("[text]")]
    | Annotated[StateFeeChoice, Tag("[code]")]
    | Annotated[PerLanguage, Tag("[texts]")],
    Discriminator(form_of),
]
Description = Annotated[
    Annotated[DefiniteText, Tag("[text]")] | Annotated[PerLanguage, Tag("[texts]")],
    Discriminator(form_of),
]
SubjectText = Annotated[
    Annotated[LongText, Tag("[text]")] | Annotated[PerLanguage, Tag("[texts]")],
    Discriminator(form_of),
]


class TermTexts(Strict):
    """An agreed issue's label or option as the claimant gave it in each readers' language
    (the case's issue ``labels``, ``option_labels``): each column prints its own."""

    kk: Text | None = None
    ru: Text | None = None
    en: Text | None = None


# One text as typed (printed in every column), or one per language of the document.
TermText = Annotated[
    Annotated[Text, Tag("[text]")] | Annotated[TermTexts, Tag("[texts]")],
    Discriminator(form_of),
]
