"""Words of another language in a Kazakh or Russian text: what a reader of one column of a
settlement, one page or one e-mail must never meet.

- Russian text: no word with a Kazakh-only letter (ә ғ қ ң ө ұ ү һ і).
- Kazakh text: no Russian-only word. Kazakh Cyrillic has every Russian letter, so these are found
  by words Kazakh does not have: Russian function words and Russian endings (-ение, -ость,
  -ского…), never a loanword both languages share ("банк", "кодекс").
- Either: no English word. Allowed Latin: codes and identifiers (capitals or digits: KZT, SHA-256,
  IIN/BIN, IBAN, BIC), e-mail addresses, web addresses, file names, and the proper names listed
  in ``PROPER_NAMES``.

``proper`` strings (people's names, addresses, a party's own text shown as typed) are taken out
of the text before it is read: a name is not a word of a language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_RUSSIAN = """и в во на по для что или как это при из до без к с о об у же ли его её их также
если либо которые который которая настоящего настоящим стороны сторона сторон
сумма суммы расходы пошлина договор соглашение закон итог статус дело дела"""
RUSSIAN_WORDS = frozenset(_RUSSIAN.split())
RUSSIAN_ENDINGS = re.compile(
    r"(ение|ения|ением|ание|ания|ость|ости|ться|ского|ской|ском|ская|ское|ский|ными|ного|ному"
    r"|ыми|ями|ами|ого|ому|ый|ий|ая|яя|ое|ее)$"
)
# Kazakh words that happen to end like Russian ones (checked against the catalogues and wording).
KAZAKH_LOOKALIKES = frozenset(
    [
        "той",
        "бой",
        "ой",
        "жай",
        "мой",
        "сай",
        "дай",
        "кий",
        "қий",
        "ий",
        "шай",
        "ое",
        "бое",
        "ее",
        "тие",
    ]
)
PROPER_NAMES = frozenset({"Kelisim", "Ed25519", "odr", "verify", "CMS", "PDF", "UTC", "NCALayer"})
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
SPARED = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # e-mail addresses
    r"|https?://\S+"  # web addresses
    r"|\b[\w-]+(\.[A-Za-z0-9]+)+\b"  # file names, dotted codes: settlement.akn.xml
    r"|\b\w*\d\w*\b"  # identifiers with digits: KZ86125KZT…, SHA-256, MED-0457, hex hashes
)
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+")


def _without(text: str, proper: Iterable[str]) -> str:
    for name in sorted({p for p in proper if p}, key=len, reverse=True):
        text = text.replace(name, " ")
    return SPARED.sub(" ", text)


def english_words(text: str) -> list[str]:
    """Latin words that are not codes (all capitals), known proper names or identifiers."""
    return [
        w
        for w in LATIN_WORD.findall(text)
        if not w.isupper() and w.strip("-'’") not in PROPER_NAMES and len(w) > 1
    ]


def foreign_words(text: str, language: str, proper: Iterable[str] = ()) -> list[str]:
    """The words of ``text`` (said to be Kazakh ``kk`` or Russian ``ru``) from another language."""
    clean = _without(text, proper)
    found = english_words(clean)
    for word in CYRILLIC_WORD.findall(clean):
        if language == "ru" and KAZAKH_LETTERS.search(word):
            found.append(word)
        if language == "kk" and not KAZAKH_LETTERS.search(word):
            low = word.lower()
            if low in RUSSIAN_WORDS or (
                len(low) > 3 and RUSSIAN_ENDINGS.search(low) and low not in KAZAKH_LOOKALIKES
            ):
                found.append(word)
    return found
