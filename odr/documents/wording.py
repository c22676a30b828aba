"""The legal wording of a settlement in Kazakh, Russian and English.

Plain sentences with named placeholders, one key per phrase, the same keys in every language (a
test holds that). Free-text fields of the record (descriptions, addresses) are printed as the
parties wrote them; everything else a court reads comes from here. Roles and kinds are printed as
labels ("Должник: …") rather than declined inside sentences, so no noun has to change its case.
Each language in a module of its own (``wording_kk.py``, ``wording_ru.py``, ``wording_en.py``),
the phrases of three or more parties in ``wording_parties.py``; this module merges them.
"""

from __future__ import annotations

from typing import Final

from odr.documents import wording_parties as parties
from odr.documents.wording_en import EN
from odr.documents.wording_kk import KK
from odr.documents.wording_ru import RU

WORDING: Final[dict[str, dict[str, str]]] = {
    "kk": {**KK, **parties.KK},
    "ru": {**RU, **parties.RU},
    "en": {**EN, **parties.EN},
}
