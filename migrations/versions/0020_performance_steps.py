"""performance_steps: what the parties said about carrying out a signed settlement (#18)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 09:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "performance_steps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("settlement_id", sa.String(length=32), nullable=False),
        sa.Column("due_key", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("receipt_document_id", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["settlement_id"], ["settlements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["receipt_document_id"], ["case_documents.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_performance_steps_case_id", "performance_steps", ["case_id"], unique=False
    )
    op.create_index(
        "ix_performance_steps_settlement",
        "performance_steps",
        ["settlement_id", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_performance_steps_settlement", table_name="performance_steps")
    op.drop_index("ix_performance_steps_case_id", table_name="performance_steps")
    op.drop_table("performance_steps")
