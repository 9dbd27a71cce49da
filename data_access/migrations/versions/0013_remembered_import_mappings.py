"""the columns an import took from a file, remembered per partner (or the agency) and kind

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 01:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'import_mapping',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('scope', sa.String(20), nullable=False),
        sa.Column('partner_id', sa.Integer(), sa.ForeignKey('partner.id'), nullable=True),
        sa.Column('kind', sa.String(20), nullable=False),
        sa.Column('columns', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by', sa.String(60), nullable=False),
        sa.UniqueConstraint('scope', 'kind'),
    )


def downgrade() -> None:
    op.drop_table('import_mapping')
