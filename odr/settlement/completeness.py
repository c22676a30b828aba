"""What a settlement's terms still lack before its record can be made: the parties' details,
the place, the doers left open, the texts of a bilingual document given in one language only.

Pure, over the stored terms; each item is named as the settlement page shows it
(``parties.respondent``, ``obligations.2.debtor``, ``texts.legal_basis``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from odr.cases.parties import in_party_order
from odr.persistence.models import Settlement


def missing_items(settlement: Settlement, roles: Sequence[str] | None = None) -> list[str]:
    """What must still be filled in: each party's details (``roles``: the settlement's parties,
    ``odr.settlement.parties.settlement_roles``; by default every party its draft names), the
    place, the doers left open, the texts of a bilingual document given in one language."""
    terms = settlement.terms
    if roles is None:
        roles = in_party_order(terms["parties"])
    missing = [f"parties.{role}" for role in roles if not terms["parties"].get(role)]
    if not terms.get("place"):
        missing.append("place")
    return missing + undecided_doers(terms) + untranslated(terms)


def undecided_doers(terms: dict[str, Any]) -> list[str]:
    """The actions whose doer the parties have not chosen yet (``obligations.N.debtor``): the
    draft leaves it open (``odr.settlement.drafting``), and no record names nobody."""
    return [
        f"obligations.{n}.debtor"
        for n, o in enumerate(terms.get("obligations", []), 1)
        if o.get("debtor") is None
    ]


def _written_in(value: Any, languages: list[str]) -> bool:
    """A coded choice is worded by the document itself; a party's own text must be there for
    each language of the document (one text serves a one-language document)."""
    if isinstance(value, dict):
        return "code" in value or all(value.get(code) for code in languages)
    return len(languages) == 1


def untranslated(terms: dict[str, Any]) -> list[str]:
    """The texts of a bilingual settlement a party wrote in one language only: each must be given
    in Kazakh and in Russian (or replaced by a coded choice) before the document can be made,
    or the Russian column would print Kazakh words and the other way round."""
    language = terms.get("document_language", "ru")
    languages = language.split("+")
    fields = [
        ("subject_description", terms.get("subject_description") or "as filed"),
        ("legal_basis", terms.get("legal_basis")),
    ]
    for n, o in enumerate(terms.get("obligations", []), 1):
        fields += [(f"obligations.{n}.description", o.get("description"))]
        fields += [(f"obligations.{n}.method", o.get("method"))]
    fields.append(("costs.state_fee_note", terms.get("costs", {}).get("state_fee_note")))
    return [f"texts.{name}" for name, value in fields if not _written_in(value, languages)]
