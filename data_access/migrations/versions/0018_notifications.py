"""notifications in the app: each account's list of what happened to its work (a report
returned or approved, a report waiting for a verifier), read or unread

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-29 05:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'notification',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=False),
        sa.Column('kind', sa.String(30), nullable=False),
        sa.Column('partner_id', sa.Integer(), sa.ForeignKey('partner.id'), nullable=True),
        sa.Column('year', sa.Integer(), nullable=True),
        sa.Column('quarter', sa.Integer(), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('read_at', sa.DateTime(), nullable=True),
    )
    op.create_index('ix_notification_user_id_read_at', 'notification', ['user_id', 'read_at'])


def downgrade() -> None:
    op.drop_table('notification')
