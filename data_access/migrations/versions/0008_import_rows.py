"""import rows under their audit row

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 11:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_row',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('file_row', sa.Integer(), nullable=True),
    sa.Column('row_key', sa.Text(), nullable=False),
    sa.Column('old_values', sa.Text(), nullable=True),
    sa.Column('new_values', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit_log.id'], name=op.f('fk_import_row_audit_id_audit_log')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_row'))
    )
    with op.batch_alter_table('import_row', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_row_audit_id'), ['audit_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('import_row', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_row_audit_id'))
    op.drop_table('import_row')
