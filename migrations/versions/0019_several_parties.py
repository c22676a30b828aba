"""several_parties: a party's side and withdrawal, an invitation's party (#17)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 09:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_parties") as batch:
        batch.add_column(
            sa.Column("side", sa.String(length=16), nullable=False, server_default="own")
        )
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    # Every party so far is a two-party case's claimant or respondent: each on its own side.
    op.execute("UPDATE case_parties SET side = role WHERE role IN ('claimant', 'respondent')")
    with op.batch_alter_table("invitations") as batch:
        batch.add_column(sa.Column("role", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("display_name", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("side", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("invitations") as batch:
        batch.drop_column("side")
        batch.drop_column("display_name")
        batch.drop_column("role")
    with op.batch_alter_table("case_parties") as batch:
        batch.drop_column("withdrawn_at")
        batch.drop_column("side")
