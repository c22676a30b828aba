"""penalty_steps: the default penalty paid, received or waived (#18 follow-up)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 10:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "penalty_steps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("settlement_id", sa.String(length=32), nullable=False),
        sa.Column("obligation", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("amount_tiyn", sa.BigInteger(), nullable=True),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["settlement_id"], ["settlements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_penalty_steps_case_id", "penalty_steps", ["case_id"])
    op.create_index("ix_penalty_steps_settlement", "penalty_steps", ["settlement_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_penalty_steps_settlement", table_name="penalty_steps")
    op.drop_index("ix_penalty_steps_case_id", table_name="penalty_steps")
    op.drop_table("penalty_steps")
