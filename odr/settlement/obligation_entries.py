"""A settlement's obligations as the record names them, and the record's rules run on them
before the terms are stored (``check_obligations``), so a vague word is refused at its field.

Also how a refusal of the record's validation becomes the fields of a ``ValidationFailed``
(``problems_of``): the same shape whether the terms or the whole record were refused.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from odr.documents.fields import money
from odr.documents.record_obligations import Obligation
from odr.errors import ValidationFailed


def check_obligations(obligations: list[dict[str, Any]], currency: str) -> None:
    """Refuse, before storing, obligations the record would refuse (vague words and the like);
    whether they name parties of this settlement is ``odr.settlement.parties``' to say."""
    problems = []
    for n, o in enumerate(obligations, 1):
        entry = obligation_entry(n, o, currency)
        if entry["debtor"] is None:
            # Not chosen yet (listed as missing): the other fields are checked as for a doer who
            # fits them (one party when there is an amount or a creditor, else all together),
            # as they do not depend on which party it is.
            creditor = entry["creditor"]
            if creditor is not None:
                entry["debtor"] = "respondent" if creditor == "claimant" else "claimant"
            elif entry["amount"] is not None or entry["instalments"]:
                entry["debtor"], entry["creditor"] = ("claimant", "respondent")
            else:
                entry["debtor"] = "both"
        try:
            Obligation.model_validate_json(json.dumps(entry, default=str))
        except ValidationError as exc:
            problems.extend(problems_of(exc, prefix=f"obligations[{n - 1}]"))
    if problems:
        raise ValidationFailed(
            "; ".join(f"{p['field']}: {p['message']}" for p in problems[:5]),
            fields=problems,
        )


def problems_of(exc: ValidationError, prefix: str = "") -> list[dict[str, str]]:
    out = []
    for e in exc.errors():
        # A text field's form (``[text]``, ``[code]``, ``[texts]``) is no part of its name.
        path = ".".join(str(p) for p in e["loc"] if not str(p).startswith("["))
        field = f"{prefix}.{path}" if prefix and path else (prefix or path or "record")
        message = str(e["msg"]).removeprefix("Value error, ")
        out.append({"field": field, "message": message, "code": str(e["type"])})
    return out


def money_or_none(value: Any) -> str | None:
    return None if value is None else money(value)


def obligation_entry(number: int, o: dict[str, Any], currency: str) -> dict[str, Any]:
    return {
        "number": number,
        "debtor": o.get("debtor"),
        "creditor": o.get("creditor"),
        "kind": o["kind"],
        "description": o["description"],
        "amount": money_or_none(o.get("amount")),
        "currency": o.get("currency") or currency,
        "method": o["method"],
        "account": o.get("account"),
        "due_date": o["due_date"],
        "instalments": [
            {"number": i, "due_date": inst["due_date"], "amount": money(inst["amount"])}
            for i, inst in enumerate(o.get("instalments", []), 1)
        ],
    }
