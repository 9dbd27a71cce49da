"""yearly targets per partner (training budget, trainees, villages to reach); a version on
PKS for its edits

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28 22:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'partner_target',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('partner_id', sa.Integer(), sa.ForeignKey('partner.id'), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('budget_rp', sa.BigInteger(), nullable=False, server_default='0'),
        sa.Column('trainees', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('villages', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('version', sa.Integer(), nullable=False, server_default='1'),
        sa.UniqueConstraint('partner_id', 'year'),
        sa.CheckConstraint('budget_rp >= 0 AND trainees >= 0 AND villages >= 0', name='positive'),
    )
    op.create_index(op.f('ix_partner_target_partner_id'), 'partner_target', ['partner_id'])
    op.add_column('pks', sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    with op.batch_alter_table('pks') as batch:
        batch.drop_column('version')
    op.drop_index(op.f('ix_partner_target_partner_id'), table_name='partner_target')
    op.drop_table('partner_target')
