"""The words for the parties and the persons of speech that ``neutral_wording`` reads and writes,
in kk/ru/en: data only, kept apart from the rewriting rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

Role = Literal["claimant", "respondent"]

# The party names, in the forms a sentence needs: nominative, genitive, dative, accusative,
# locative, ablative, instrumental (each language uses the cases it has).
PARTY: Final[Mapping[str, Mapping[Role, Mapping[str, str]]]] = {
    "kk": {
        "claimant": {
            "nom": "талапкер",
            "gen": "талапкердің",
            "dat": "талапкерге",
            "acc": "талапкерді",
            "loc": "талапкерде",
            "abl": "талапкерден",
            "ins": "талапкермен",
        },
        "respondent": {
            "nom": "жауапкер",
            "gen": "жауапкердің",
            "dat": "жауапкерге",
            "acc": "жауапкерді",
            "loc": "жауапкерде",
            "abl": "жауапкерден",
            "ins": "жауапкермен",
        },
    },
    "ru": {
        "claimant": {
            "nom": "заявитель",
            "gen": "заявителя",
            "dat": "заявителю",
            "acc": "заявителя",
            "ins": "заявителем",
            "loc": "заявителе",
        },
        "respondent": {
            "nom": "ответчик",
            "gen": "ответчика",
            "dat": "ответчику",
            "acc": "ответчика",
            "ins": "ответчиком",
            "loc": "ответчике",
        },
    },
    "en": {
        "claimant": {"nom": "the claimant", "gen": "the claimant's", "acc": "the claimant"},
        "respondent": {"nom": "the respondent", "gen": "the respondent's", "acc": "the respondent"},
    },
}

# Pronoun → (who it names from the writer's side: "self" or "other", grammatical case). The
# writer is the claimant at intake: "self" is then the claimant and "other" the respondent.
PRONOUNS: Final[Mapping[str, Mapping[str, tuple[str, str]]]] = {
    "kk": {
        "маған": ("self", "dat"),
        "менің": ("self", "gen"),
        "менде": ("self", "loc"),
        "мені": ("self", "acc"),
        "менен": ("self", "abl"),
        "менімен": ("self", "ins"),
        "өзіме": ("self", "dat"),
        "өзімде": ("self", "loc"),
        "менікі": ("self", "gen"),
        "сізге": ("other", "dat"),
        "саған": ("other", "dat"),
        "сіздің": ("other", "gen"),
        "сенің": ("other", "gen"),
        "сізде": ("other", "loc"),
        "сенде": ("other", "loc"),
        "сізді": ("other", "acc"),
        "сені": ("other", "acc"),
        "сізден": ("other", "abl"),
        "сенен": ("other", "abl"),
        "сіз": ("other", "nom"),
    },
    "ru": {
        "я": ("self", "nom"),
        "меня": ("self", "gen"),
        "мне": ("self", "dat"),
        "мной": ("self", "ins"),
        "мною": ("self", "ins"),
        "вы": ("other", "nom"),
        "вас": ("other", "gen"),
        "вам": ("other", "dat"),
        "вами": ("other", "ins"),
        "ты": ("other", "nom"),
        "тебя": ("other", "gen"),
        "тебе": ("other", "dat"),
        "тобой": ("other", "ins"),
    },
    "en": {
        "i": ("self", "nom"),
        "me": ("self", "acc"),
        "my": ("self", "gen"),
        "mine": ("self", "gen"),
        "myself": ("self", "acc"),
        "you": ("other", "nom"),
        "your": ("other", "gen"),
        "yours": ("other", "gen"),
        "yourself": ("other", "acc"),
    },
}
# Russian possessives stand before their noun and become a genitive after it:
# "моя квартира" → "квартира заявителя".
RU_POSSESSIVES: Final[Mapping[str, str]] = {
    **dict.fromkeys(("мой", "моя", "моё", "мое", "мои", "моего", "моей", "моих", "мою"), "self"),
    **dict.fromkeys(("ваш", "ваша", "ваше", "ваши", "вашего", "вашей", "ваших", "вашу"), "other"),
    **dict.fromkeys(("твой", "твоя", "твоё", "твое", "твои", "твоего", "твоей", "твою"), "other"),
}
# Kazakh "мен"/"сен" are also "and"/"with" and "believe": taken as "I"/"you" only as the first
# word, where the subject stands.
KK_FIRST_WORD: Final[Mapping[str, str]] = {"мен": "self", "сен": "other"}
