"""regions: the regions a mediator serves and the region of a case, for assignment

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 02:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mediators") as batch:
        batch.add_column(sa.Column("regions", sa.JSON(), nullable=True))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("region", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("region")
    with op.batch_alter_table("mediators") as batch:
        batch.drop_column("regions")
