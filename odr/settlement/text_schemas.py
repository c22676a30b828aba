"""The text fields of the settlement terms as a party sends them: a coded choice, one text per
document language, or one text (a one-language document), told apart as the record does
(``odr.documents.record_texts.form_of``).
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Discriminator, Tag, model_validator
from pydantic_core import PydanticCustomError

from odr.documents.record_texts import LegalBasisCode, MethodCode, StateFeeCode, form_of
from odr.web.schema import Line, Prose, RequestModel


class TextsIn(RequestModel):
    """A text a party writes once per document language ({"kk": …, "ru": …}): each column of a
    bilingual settlement then prints its own language's words."""

    kk: Annotated[str, Prose(1000, min_length=2)] | None = None
    ru: Annotated[str, Prose(1000, min_length=2)] | None = None
    en: Annotated[str, Prose(1000, min_length=2)] | None = None

    @model_validator(mode="after")
    def _some(self) -> Self:
        if self.kk is None and self.ru is None and self.en is None:
            raise PydanticCustomError("texts_empty", "give the text in at least one language")
        return self


class LegalBasisCodeIn(RequestModel):
    """A law from the known list; the document words it in each of its languages."""

    code: LegalBasisCode


class MethodCodeIn(RequestModel):
    """A way of performing from the known list; the document words it in each language."""

    code: MethodCode


class StateFeeCodeIn(RequestModel):
    """What becomes of the state fee, from the known list; worded in each language."""

    code: StateFeeCode


# Each text field of the terms in one of its forms (``odr.documents.record_texts.form_of``): a coded
# choice, one text per document language, or one text (a one-language document).
DescriptionIn = Annotated[
    Annotated[Annotated[str, Prose(1000, min_length=3)], Tag("[text]")]
    | Annotated[TextsIn, Tag("[texts]")],
    Discriminator(form_of),
]
SubjectIn = Annotated[
    Annotated[Annotated[str, Prose(1000, min_length=3)], Tag("[text]")]
    | Annotated[TextsIn, Tag("[texts]")],
    Discriminator(form_of),
]
MethodIn = Annotated[
    Annotated[Annotated[str, Line(200, min_length=2)], Tag("[text]")]
    | Annotated[MethodCodeIn, Tag("[code]")]
    | Annotated[TextsIn, Tag("[texts]")],
    Discriminator(form_of),
]
StateFeeIn = Annotated[
    Annotated[Annotated[str, Line(500)], Tag("[text]")]
    | Annotated[StateFeeCodeIn, Tag("[code]")]
    | Annotated[TextsIn, Tag("[texts]")],
    Discriminator(form_of),
]
LegalBasisIn = Annotated[
    Annotated[Annotated[str, Line(500, min_length=3)], Tag("[text]")]
    | Annotated[LegalBasisCodeIn, Tag("[code]")]
    | Annotated[TextsIn, Tag("[texts]")],
    Discriminator(form_of),
]
