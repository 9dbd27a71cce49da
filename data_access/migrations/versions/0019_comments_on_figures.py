"""comments on a partner's figures for a period, in threads, visible like the partner's
data; a comment can be chosen for the briefing

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-29 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'comment',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('partner_id', sa.Integer(), sa.ForeignKey('partner.id'), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('quarter', sa.Integer(), nullable=False),
        sa.Column('parent_id', sa.Integer(), sa.ForeignKey('comment.id'), nullable=True),
        sa.Column('author', sa.String(60), nullable=False),
        sa.Column('author_role', sa.String(20), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('for_briefing', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.CheckConstraint('quarter BETWEEN 1 AND 4', name='ck_comment_quarter'),
    )
    op.create_index('ix_comment_partner_id', 'comment', ['partner_id'])


def downgrade() -> None:
    op.drop_table('comment')
