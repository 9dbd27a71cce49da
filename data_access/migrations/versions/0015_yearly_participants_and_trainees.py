"""yearly participants of socialization, trainees and training spending as a partner
publishes them (open data), kept beside the quarterly figures and never added to them

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29 04:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('partner_outcome') as batch:
        batch.add_column(sa.Column('socialization_participants', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('trainees', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('budget_spent_rp', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('partner_outcome') as batch:
        batch.drop_column('budget_spent_rp')
        batch.drop_column('trainees')
        batch.drop_column('socialization_participants')
