"""an account given a one-time password changes it at its first sign-in

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite takes it with a default): a batch copy of the table would
    # lose the expression index on lower(username).
    op.add_column(
        'app_user',
        sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('must_change_password')
