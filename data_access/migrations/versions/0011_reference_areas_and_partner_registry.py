"""the official area list, and what the partner registry keeps about partners, MoUs and
follow-through items

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 18:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

PARTNER_COLUMNS = [
    ('address', sa.String(300)),
    ('contact_name', sa.String(120)),
    ('contact_email', sa.String(200)),
    ('contact_phone', sa.String(40)),
]


def upgrade() -> None:
    op.create_table(
        'area',
        sa.Column('code', sa.String(13), primary_key=True),
        sa.Column('name', sa.String(120), nullable=False),
        sa.Column('level', sa.String(16), nullable=False),
        sa.Column('parent_code', sa.String(13), nullable=True, index=True),
        sa.Column('bps_code', sa.String(10), nullable=True),
        sa.Column('retired', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('version', sa.String(120), nullable=False, server_default=''),
    )
    # Plain ADD COLUMNs: a batch copy of partner would have to drop a table others point to.
    for name, kind in PARTNER_COLUMNS:
        op.add_column('partner', sa.Column(name, kind, nullable=False, server_default=''))
    op.add_column('partner', sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    op.add_column('mou', sa.Column('document_url', sa.String(500), nullable=False, server_default=''))
    op.add_column('mou', sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    op.add_column(
        'deliverable', sa.Column('version', sa.Integer(), nullable=False, server_default='1')
    )


def downgrade() -> None:
    with op.batch_alter_table('deliverable') as batch:
        batch.drop_column('version')
    with op.batch_alter_table('mou') as batch:
        batch.drop_column('version')
        batch.drop_column('document_url')
    with op.batch_alter_table('partner') as batch:
        batch.drop_column('version')
        for name, _ in reversed(PARTNER_COLUMNS):
            batch.drop_column(name)
    op.drop_table('area')
