"""One-sided option wordings, and a neutral form that names the party instead. Pure, no I/O.

An issue's options reach the other side exactly as typed. A claimant who writes "Маған қалады"
("it stays with me") sends the respondent a text in which "me" means the claimant, read by the
one person it is not about; the settlement would print it as well. So the intake form looks at
each option as it is typed and, when it speaks in the first person ("I keep", "Мне остаётся",
"Маған қалады") or addresses the other side ("you pay", "вы платите", "сіз төлейсіз"), suggests
the same option naming the party: "Пәтер талапкерге қалады", "Квартира остаётся у заявителя",
"Flat stays with the claimant". The hint never blocks: a person may keep its own words.

"We" is left alone on purpose: "we sell the flat and split the money" is a joint action, the
fairest wording there is. The rules are a small table per language (pronouns, a few idioms of
who keeps what, first-person verb endings), not a parser: a suggestion is an editable proposal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from odr.cases.person_words import KK_FIRST_WORD as _KK_FIRST_WORD
from odr.cases.person_words import PARTY as _PARTY
from odr.cases.person_words import PRONOUNS as _PRONOUNS
from odr.cases.person_words import RU_POSSESSIVES as _RU_POSSESSIVES
from odr.cases.person_words import Role

WordingLanguage = Literal["kk", "ru", "en"]


# Verb endings of the person spoken of → the third person, once the party is the subject.
# The polite second person ("төлейсіз") is changed only after "сіз": alone, "-сыз/-сіз" is far
# more often "without" ("ақшасыз", "кепілдемесіз").
_KK_FIRST_PERSON: Final = (("ймын", "йды"), ("ймін", "йді"), ("амын", "ады"), ("емін", "еді"))
_KK_SECOND_PERSON: Final = (("йсыз", "йды"), ("йсіз", "йді"), ("асыз", "ады"), ("есіз", "еді"))
_RU_VERBS: Final = (
    ("аете", "ает"),
    ("яете", "яет"),
    ("уете", "ует"),
    ("ите", "ит"),
    ("ете", "ет"),
    ("ёте", "ёт"),
    ("ую", "ует"),
    ("аю", "ает"),
    ("яю", "яет"),
    ("лачу", "латит"),
    ("ерну", "ернёт"),
    ("еру", "ерёт"),
    ("дам", "даст"),
    ("ешу", "есит"),
    ("ещу", "естит"),
    ("ну", "нет"),
    ("лю", "лит"),
    ("чу", "тит"),
    ("жу", "дит"),
    ("шу", "сит"),
)
_EN_IRREGULAR: Final = {"am": "is", "are": "is", "have": "has", "do": "does", "go": "goes"}
_EN_MODALS: Final = frozenset({"will", "shall", "can", "may", "must", "would", "should", "could"})

# Who keeps or receives what, said of the issue itself: "{label} …" with the party's case.
_IDIOMS: Final[Mapping[str, tuple[tuple[str, str], ...]]] = {
    "kk": (
        (r"^(?:маған|өзіме|менде|өзімде)\s+(қалады|беріледі|өтеді)$", "{label} {self_dat} {0}"),
        (r"^(?:сізге|саған|сізде|сенде)\s+(қалады|беріледі|өтеді)$", "{label} {other_dat} {0}"),
        (r"^менікі$", "{label} {self_dat} қалады"),
    ),
    "ru": (
        (
            r"^(?:мне\s+оста[её]тся|оста[её]тся\s+(?:мне|у\s+меня|за\s+мной)|у\s+меня\s+оста[её]тся)$",
            "{label} остаётся у {self_gen}",
        ),
        (
            r"^(?:вам\s+оста[её]тся|оста[её]тся\s+(?:вам|у\s+вас|за\s+вами)|у\s+вас\s+оста[её]тся)$",
            "{label} остаётся у {other_gen}",
        ),
        (r"^(?:мне\s+доста[её]тся|доста[её]тся\s+мне)$", "{label} достаётся {self_dat}"),
        (r"^(?:мне\s+переходит|переходит\s+ко?\s+мне)$", "{label} переходит к {self_dat}"),
    ),
    "en": (
        (
            r"^(?:i\s+keep(?:\s+it)?|(?:it\s+)?stays\s+with\s+me|mine)$",
            "{label} stays with {self_acc}",
        ),
        (
            r"^(?:i\s+(?:get|take)(?:\s+it)?|(?:it\s+)?goes\s+to\s+me)$",
            "{label} goes to {self_acc}",
        ),
        (
            r"^(?:you\s+keep(?:\s+it)?|(?:it\s+)?stays\s+with\s+you)$",
            "{label} stays with {other_acc}",
        ),
    ),
}
# An idiom's subject when the issue has no label yet: Kazakh and Russian need none.
_NO_LABEL: Final = {"kk": "", "ru": "", "en": "it"}
_WORD: Final = re.compile(r"\w+", re.UNICODE)
_KAZAKH_LETTERS: Final = frozenset("әғқңөұүһі")


@dataclass(frozen=True)
class WordingHint:
    """An option that speaks for one side: the words that do, and the option naming the party."""

    option: str
    words: tuple[str, ...]
    suggestion: str
    language: WordingLanguage


def one_sided_words(text: str) -> tuple[WordingLanguage, tuple[str, ...]] | None:
    """The language and the words of ``text`` that say "I" or "you" (as typed), or None."""
    words = _WORD.findall(text)
    for language in _languages_of(text):
        found = [w for n, w in enumerate(words) if _is_one_sided(language, w, first=n == 0)]
        if found:
            return language, tuple(found)
    return None


def neutral_hint(text: str, label: str = "", writer: Role = "claimant") -> WordingHint | None:
    """A hint for an option that speaks for one side, or None when it names nobody one-sidedly.

    ``label`` is the issue's label ("Пәтер"): an option saying only who keeps it ("Маған
    қалады") is suggested with the issue as its subject. ``writer`` is who typed it: "I" is that
    party, "you" the other."""
    found = one_sided_words(text)
    if found is None:
        return None
    language, words = found
    people = _people(language, writer)
    clean = " ".join(text.split())
    for pattern, template in _IDIOMS[language]:
        match = re.match(pattern, clean, re.IGNORECASE)
        if match:
            subject = label.strip() or _NO_LABEL[language]
            filled = " ".join(template.format(*match.groups(), label=subject, **people).split())
            return WordingHint(text, words, _capital(filled), language)
    rewrite = _REWRITERS[language]
    return WordingHint(text, words, _capital(rewrite(clean, writer)), language)


def hints(options: list[str], label: str = "", writer: Role = "claimant") -> list[WordingHint]:
    """The hints for an issue's options, in their order (options needing none are left out)."""
    found = (neutral_hint(option, label, writer) for option in options)
    return [hint for hint in found if hint is not None]


def _languages_of(text: str) -> tuple[WordingLanguage, ...]:
    lower = text.lower()
    if any(letter in _KAZAKH_LETTERS for letter in lower):
        return ("kk", "ru")
    if re.search("[а-яё]", lower):
        return ("ru", "kk")
    return ("en",)


def _is_one_sided(language: str, word: str, *, first: bool) -> bool:
    lower = word.lower()
    if lower in _PRONOUNS[language]:
        return True
    if language == "ru":
        return lower in _RU_POSSESSIVES
    if language == "kk":
        return (first and lower in _KK_FIRST_WORD) or _kk_personal_verb(lower) is not None
    return False


def _kk_personal_verb(
    word: str, endings: tuple[tuple[str, str], ...] = _KK_FIRST_PERSON
) -> str | None:
    """A Kazakh verb in the first person ("төлеймін"), or with ``endings`` the polite second
    ("төлейсіз"), in the third ("төлейді"); None for any other word."""
    if len(word) < 5:
        return None
    for ending, third in endings:
        if word.endswith(ending):
            return word[: -len(ending)] + third
    return None


def _people(language: str, writer: Role) -> dict[str, str]:
    other: Role = "respondent" if writer == "claimant" else "claimant"
    names = {}
    for side, role in (("self", writer), ("other", other)):
        for case, name in _PARTY[language][role].items():
            names[f"{side}_{case}"] = name
    return names


def _party(language: str, side: str, case: str, writer: Role) -> str:
    return _people(language, writer)[f"{side}_{case}"]


def _rewrite_kk(text: str, writer: Role) -> str:
    words = text.split(" ")
    out: list[str] = []
    subject_named = False
    for n, word in enumerate(words):
        core, tail = _split_tail(word)
        lower = core.lower()
        if lower in _PRONOUNS["kk"]:
            side, case = _PRONOUNS["kk"][lower]
            out.append(_party("kk", side, case, writer) + tail)
            subject_named = subject_named or case == "nom"
        elif n == 0 and lower in _KK_FIRST_WORD:
            out.append(_party("kk", _KK_FIRST_WORD[lower], "nom", writer) + tail)
            subject_named = True
        elif (third := _kk_personal_verb(lower)) is not None:
            if not subject_named:
                if out and out[0][1:].islower():  # the sentence's first word is no longer first
                    out[0] = out[0][:1].lower() + out[0][1:]
                out.insert(0, _party("kk", "self", "nom", writer))
                subject_named = True
            out.append(third + tail)
        elif subject_named and (third := _kk_personal_verb(lower, _KK_SECOND_PERSON)):
            out.append(third + tail)
        else:
            out.append(word)
    return " ".join(out)


def _rewrite_ru(text: str, writer: Role) -> str:
    words = text.split(" ")
    out: list[str] = []
    n = 0
    while n < len(words):
        core, tail = _split_tail(words[n])
        lower = core.lower()
        if lower in _RU_POSSESSIVES and n + 1 < len(words):
            # "моя квартира" → "квартира заявителя"
            noun, noun_tail = _split_tail(words[n + 1])
            owner = _party("ru", _RU_POSSESSIVES[lower], "gen", writer)
            out.append(f"{noun} {owner}{noun_tail}")
            n += 2
            continue
        if lower in _RU_POSSESSIVES:
            out.append(_party("ru", _RU_POSSESSIVES[lower], "gen", writer) + tail)
        elif lower in _PRONOUNS["ru"]:
            side, case = _PRONOUNS["ru"][lower]
            out.append(_party("ru", side, case, writer) + tail)
            if case == "nom" and n + 1 < len(words):
                verb, verb_tail = _split_tail(words[n + 1])
                out.append(_third_person(verb, _RU_VERBS) + verb_tail)
                n += 1
        else:
            out.append(words[n])
        n += 1
    return " ".join(out)


def _rewrite_en(text: str, writer: Role) -> str:
    words = text.split(" ")
    out: list[str] = []
    n = 0
    while n < len(words):
        core, tail = _split_tail(words[n])
        lower = core.lower()
        if lower in _PRONOUNS["en"]:
            side, case = _PRONOUNS["en"][lower]
            out.append(_party("en", side, case, writer) + tail)
            if case == "nom" and n + 1 < len(words):
                verb, verb_tail = _split_tail(words[n + 1])
                out.append(_english_third(verb) + verb_tail)
                n += 1
        else:
            out.append(words[n])
        n += 1
    return " ".join(out)


_REWRITERS: Final[Mapping[str, Callable[[str, Role], str]]] = {
    "kk": _rewrite_kk,
    "ru": _rewrite_ru,
    "en": _rewrite_en,
}


def _third_person(verb: str, endings: tuple[tuple[str, str], ...]) -> str:
    lower = verb.lower()
    for ending, third in endings:
        if lower.endswith(ending):
            return verb[: -len(ending)] + third
    return verb


def _english_third(verb: str) -> str:
    lower = verb.lower()
    if lower in _EN_MODALS or not lower.isalpha():
        return verb
    if lower in _EN_IRREGULAR:
        return _EN_IRREGULAR[lower]
    if lower.endswith(("s", "sh", "ch", "x", "o")):
        return verb + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _split_tail(word: str) -> tuple[str, str]:
    """A word without its trailing punctuation, and that punctuation."""
    match = re.match(r"^(.*?\w)(\W*)$", word, re.UNICODE)
    return (match.group(1), match.group(2)) if match else (word, "")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
