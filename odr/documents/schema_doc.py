"""Render the schema section of ``docs/settlement.md`` from the models.

``python -m odr.documents.schema_doc`` rewrites the section between the markers; a test fails
when it is out of date, so the documented record is always the implemented one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from odr.documents.envelope import SignedSettlement
from odr.documents.reasons import CODES
from odr.documents.record import SettlementRecord

DOC = Path(__file__).resolve().parents[2] / "docs" / "settlement.md"
START, END = "<!-- settlement-schema:start -->", "<!-- settlement-schema:end -->"


def render() -> str:
    parts = [START, "", "## Schemas (generated)", ""]
    for title, model in (
        ("`SettlementRecord` (schema `settlement/1`)", SettlementRecord),
        (
            "`SignedSettlement` (the envelope, schemas `signed-settlement/1` and `/2`)",
            SignedSettlement,
        ),
    ):
        schema = json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False)
        parts += [f"### {title}", "", "```json", schema, "```", ""]
    parts += ["### Verification reason codes", "", "| code | meaning |", "|---|---|"]
    parts += [f"| `{code}` | {text} |" for code, text in CODES.items()]
    parts += ["", END]
    return "\n".join(parts)


def updated(text: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return head + render() + tail


if __name__ == "__main__":
    DOC.write_text(updated(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC}\n")
