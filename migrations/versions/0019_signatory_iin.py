"""signatory_iin: an organisation's signatory IIN beside its BIN (#14)

No schema change. A party's details, the BIN and the signatory's name, position and authority
among them, are one JSON object under ``settlements.terms["parties"][role]``, as the party gave
them; the signatory's IIN joins them there (``signatory.iin``), so a column would hold a second
copy that could disagree with the first. Nothing is migrated either: details given before have no
IIN to derive one from. The settlement record names it optionally (``odr.documents.record.
Signatory.iin``, left out of older records' JSON so their hashes stay), new details must give it
(``odr.settlement.schemas.SignatoryIn``), and an organisation whose saved details lack it is
refused EDS signing with ``eds_signatory_iin_missing`` until it gives it (docs/signatures.md).
The revision stays: the chain of revisions runs through it.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 05:00:00.000000
"""

from collections.abc import Sequence

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
