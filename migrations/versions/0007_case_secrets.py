"""case_secrets: a case's own mechanism secret (blind bidding's split point), out of private_inputs

The sealing secret of a bidding case was a private_inputs row filed under the claimant's user id,
so anything acting on that user's rows (an export, a purge) would reach it. It is the case's
own: moved to case_secrets, keyed by the case.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 22:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_secrets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "kind"),
    )
    op.execute(
        "INSERT INTO case_secrets (case_id, kind, payload, created_at)"
        " SELECT case_id, kind, payload, submitted_at FROM private_inputs"
        " WHERE kind = 'bid_secret'"
    )
    op.execute("DELETE FROM private_inputs WHERE kind = 'bid_secret'")


def downgrade() -> None:
    # Back under the claimant's (the case's creator's) user id, round 0, as 0006 kept it.
    op.execute(
        "INSERT INTO private_inputs (case_id, user_id, kind, round, payload, submitted_at)"
        " SELECT s.case_id, c.created_by, s.kind, 0, s.payload, s.created_at"
        " FROM case_secrets s JOIN cases c ON c.id = s.case_id"
    )
    op.drop_table("case_secrets")
