"""court_referrals: referral packages for the court API (#15)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "referral_packages",
        sa.Column("referral_id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("court_id", sa.String(length=32), nullable=True),
        sa.Column("package", sa.JSON(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["referral_id"], ["court_referrals.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["court_id"], ["courts.id"]),
        sa.PrimaryKeyConstraint("referral_id"),
    )
    op.create_index("ix_referral_packages_case_id", "referral_packages", ["case_id"])
    op.create_index("ix_referral_packages_court_id", "referral_packages", ["court_id"])
    op.create_index("ix_referral_packages_created_at", "referral_packages", ["created_at"])
    op.create_table(
        "referral_acknowledgements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("referral_id", sa.String(length=32), nullable=False),
        sa.Column("court_id", sa.String(length=32), nullable=False),
        sa.Column("court_case_number", sa.String(length=100), nullable=False),
        sa.Column("client_id", sa.String(length=32), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referral_packages.referral_id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["court_id"], ["courts.id"]),
        sa.ForeignKeyConstraint(["client_id"], ["court_clients.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("referral_id"),
    )


def downgrade() -> None:
    op.drop_table("referral_acknowledgements")
    op.drop_index("ix_referral_packages_created_at", table_name="referral_packages")
    op.drop_index("ix_referral_packages_court_id", table_name="referral_packages")
    op.drop_index("ix_referral_packages_case_id", table_name="referral_packages")
    op.drop_table("referral_packages")
