"""socialization counted per quarter (events, participants, villages) by partners that do
not list each event, with the villages they name by code

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29 02:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'socialization_total',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('partner_id', sa.Integer(), sa.ForeignKey('partner.id'), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('quarter', sa.Integer(), nullable=False),
        sa.Column('events', sa.Integer(), nullable=False),
        sa.Column('participants_male', sa.Integer(), nullable=False),
        sa.Column('participants_female', sa.Integer(), nullable=False),
        sa.Column('villages', sa.Integer(), nullable=False),
        sa.Column('village_list', sa.Text(), nullable=False, server_default=''),
        sa.Column('layer', sa.SmallInteger(), nullable=False, server_default='0'),
        sa.UniqueConstraint('partner_id', 'year', 'quarter', 'layer'),
        sa.CheckConstraint('quarter BETWEEN 1 AND 4', name='quarter'),
        sa.CheckConstraint(
            'events >= 0 AND participants_male >= 0 AND participants_female >= 0 '
            'AND villages >= 0',
            name='positive',
        ),
    )
    op.create_table(
        'socialization_total_village',
        sa.Column('partner_id', sa.Integer(), sa.ForeignKey('partner.id'), primary_key=True),
        sa.Column('year', sa.Integer(), primary_key=True),
        sa.Column('quarter', sa.Integer(), primary_key=True),
        sa.Column('village_id', sa.Integer(), sa.ForeignKey('village.id'), primary_key=True),
        sa.Column('layer', sa.SmallInteger(), primary_key=True, server_default='0'),
    )


def downgrade() -> None:
    op.drop_table('socialization_total_village')
    op.drop_table('socialization_total')
