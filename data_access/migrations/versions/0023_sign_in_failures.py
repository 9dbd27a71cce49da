"""failed sign-ins per client address, kept in the database so that every app process
throttles the same address and a locked account can tell an address that failed from one
that did not

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 17:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sign_in_failure',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('client', sa.String(64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_sign_in_failure_client_at', 'sign_in_failure', ['client', 'at'])
    op.create_index('ix_sign_in_failure_at', 'sign_in_failure', ['at'])


def downgrade() -> None:
    op.drop_table('sign_in_failure')
