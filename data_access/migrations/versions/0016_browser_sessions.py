"""signed-in browsers kept on the server, so that a reload, a second tab or a link from an
e-mail resumes the session, and an admin or a sign-out can end it everywhere

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-29 05:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'app_session',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=False),
        sa.Column('token_hash', sa.String(64), nullable=True, unique=True),
        sa.Column('handoff_hash', sa.String(64), nullable=True, unique=True),
        sa.Column('handoff_until', sa.DateTime(), nullable=True),
        sa.Column('account_key', sa.String(120), nullable=False),
        sa.Column('method', sa.String(10), nullable=False),
        sa.Column('client', sa.String(64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.Column('ended_reason', sa.String(20), nullable=True),
    )
    op.create_index('ix_app_session_user_id', 'app_session', ['user_id'])
    op.create_index('ix_app_session_ended_at', 'app_session', ['ended_at'])


def downgrade() -> None:
    op.drop_table('app_session')
