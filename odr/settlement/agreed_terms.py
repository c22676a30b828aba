"""The agreed package as the record prints it: each issue's label and agreed value, in each
language of the document when the case has them, amounts grouped with their unit, an item of a
fair division named by the party who receives it. Pure.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from odr.persistence.models import Case


def _issue_label(case: Case, name: str) -> str:
    return next((str(i["label"]) for i in case.issues if i["name"] == name), name)


def _in_languages(typed: str, given: Any, languages: list[str]) -> str | dict[str, str]:
    """A label or option in each language of the document when the case has it in every one
    (the claimant's ``labels``, ``option_labels``), so each column prints its own; else as
    typed."""
    if isinstance(given, dict) and all(given.get(code) for code in languages):
        return {code: str(given[code]) for code in languages}
    return typed


def agreed_term(
    case: Case, name: str, value: object, names: dict[str, str], languages: list[str]
) -> dict[str, Any]:
    issue = next((i for i in case.issues if i["name"] == name), {})
    options = issue.get("options") or []
    at = options.index(value) if "item" not in issue and value in options else None
    option_labels = issue.get("option_labels") or []
    return {
        "issue": name,
        "label": _in_languages(_issue_label(case, name), issue.get("labels"), languages),
        "value": _in_languages(
            _issue_value(case, name, value, names),
            option_labels[at] if at is not None and at < len(option_labels) else None,
            languages,
        ),
    }


def _issue_value(case: Case, name: str, value: object, names: dict[str, str]) -> str:
    """An agreed value as a reader expects it: ``390 000 KZT``, ``707 023.02 KZT``, ``60 дней``,
    the option text, or, for an item of a fair division, the name of the party receiving it.

    The unit is the one the case's issue was defined with (in the case's language, like the
    label), and a party is named, not given a role word, so the same text serves every language
    of the document.
    """
    text = str(value)
    issue = next((i for i in case.issues if i["name"] == name), None)
    if issue is not None and "item" in issue and text in names:
        return names[text]
    unit = ((issue or {}).get("range") or {}).get("unit")
    if not unit:
        return text
    try:
        whole, _, fraction = text.partition(".")
        grouped = f"{int(whole):,}".replace(",", "\u00a0")
        Decimal(text)  # the whole text is a number (not "1.2.3")
    except (ArithmeticError, ValueError):  # not a number, or NaN / infinity
        return text
    return f"{grouped}.{fraction}\u00a0{unit}" if fraction else f"{grouped}\u00a0{unit}"
