"""usernames unique whatever their case

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 14:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'uq_app_user_username_lower', 'app_user', [sa.func.lower(sa.text('username'))], unique=True
    )


def downgrade() -> None:
    op.drop_index('uq_app_user_username_lower', table_name='app_user')
