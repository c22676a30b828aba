"""eds_signatures: a party's EDS evidence beside its signature, and a centre's simple-signature rule

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 01:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("settlement_signatures") as batch:
        batch.add_column(sa.Column("evidence", sa.JSON(), nullable=True))
    with op.batch_alter_table("centres") as batch:
        batch.add_column(sa.Column("simple_signature", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("centres") as batch:
        batch.drop_column("simple_signature")
    with op.batch_alter_table("settlement_signatures") as batch:
        batch.drop_column("evidence")
