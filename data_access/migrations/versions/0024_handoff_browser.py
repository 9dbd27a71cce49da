"""a hand-over code belongs to the browser that signed in: the SHA-256 of that browser's
own cookie (core.session_tokens.BROWSER), which the hand-over address compares

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 20:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_session') as batch:
        batch.add_column(sa.Column('handoff_browser', sa.String(64), nullable=True))
    # A code waiting from before this revision names no browser: it can no longer be used
    # (it lives a minute; its browser signs in again).
    op.execute(
        "UPDATE app_session SET handoff_hash = NULL, handoff_until = NULL "
        "WHERE handoff_hash IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table('app_session') as batch:
        batch.drop_column('handoff_browser')
