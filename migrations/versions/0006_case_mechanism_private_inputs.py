"""case mechanism (packages, bidding, division), its rules and items; private inputs

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 19:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(
            sa.Column("mechanism", sa.String(length=16), nullable=False, server_default="packages")
        )
        batch.add_column(sa.Column("mechanism_rules", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("items", sa.JSON(), nullable=True))
    op.create_table(
        "private_inputs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "user_id", "kind", "round"),
    )
    op.create_index("ix_private_inputs_case_id", "private_inputs", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_private_inputs_case_id", table_name="private_inputs")
    op.drop_table("private_inputs")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("items")
        batch.drop_column("mechanism_rules")
        batch.drop_column("mechanism")
