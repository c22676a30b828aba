"""mediation_eds: a mediator's EDS attestation of the mediation, kept with it

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 01:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mediations") as batch:
        batch.add_column(sa.Column("attestation_evidence", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mediations") as batch:
        batch.drop_column("attestation_evidence")
