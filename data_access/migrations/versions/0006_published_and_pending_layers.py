"""published and pending layers of reported figures

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 10:30:00

Every fact row gets a layer: 0 published (the agency's data, approved reports), 1 pending
(the version of a report that is open or under review). Rows of reports that are open or
under review today move to the pending layer; socialization_quarter keeps both layers.
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

OPEN = "('draft', 'returned', 'submitted')"


def _layer():
    return sa.Column('layer', sa.SmallInteger(), server_default='0', nullable=False)


def _pend(table: str, quarter: str) -> None:
    op.execute(
        f"UPDATE {table} SET layer = 1 WHERE EXISTS (SELECT 1 FROM submission s "
        f"WHERE s.partner_id = {table}.partner_id AND s.year = {table}.year "
        f"AND s.quarter = {quarter} AND s.status IN {OPEN})"
    )


def upgrade() -> None:
    for table, columns in (
        ('training_budget', ['partner_id', 'year', 'quarter', 'fund_source']),
        ('training_cohort', ['partner_id', 'year', 'quarter', 'programme']),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(_layer())
            batch_op.drop_constraint(f'uq_{table}_partner_id', type_='unique')
            batch_op.create_unique_constraint(f'uq_{table}_partner_id', [*columns, 'layer'])
        _pend(table, f'{table}.quarter')
    with op.batch_alter_table('socialization_event', schema=None) as batch_op:
        batch_op.add_column(_layer())
    _pend('socialization_event', 'socialization_event.quarter')
    with op.batch_alter_table('partner_outcome', schema=None) as batch_op:
        batch_op.add_column(_layer())
        batch_op.drop_constraint('pk_partner_outcome', type_='primary')
        batch_op.create_primary_key('pk_partner_outcome', ['partner_id', 'year', 'layer'])
    _pend('partner_outcome', '4')
    with op.batch_alter_table('socialization_quarter', schema=None) as batch_op:
        batch_op.add_column(_layer())
        batch_op.drop_constraint('pk_socialization_quarter', type_='primary')
        batch_op.create_primary_key(
            'pk_socialization_quarter', ['partner_id', 'year', 'quarter', 'topic', 'layer']
        )
    op.execute("DELETE FROM socialization_quarter")
    op.execute(
        "INSERT INTO socialization_quarter (partner_id, year, quarter, topic, layer, events, "
        "participants_male, participants_female) SELECT partner_id, year, quarter, topic, "
        "layer, COUNT(*), SUM(participants_male), SUM(participants_female) "
        "FROM socialization_event GROUP BY partner_id, year, quarter, topic, layer"
    )


def downgrade() -> None:
    op.execute("DELETE FROM socialization_quarter WHERE layer = 1")
    with op.batch_alter_table('socialization_quarter', schema=None) as batch_op:
        batch_op.drop_constraint('pk_socialization_quarter', type_='primary')
        batch_op.create_primary_key(
            'pk_socialization_quarter', ['partner_id', 'year', 'quarter', 'topic']
        )
        batch_op.drop_column('layer')
    op.execute("DELETE FROM partner_outcome WHERE layer = 1")
    with op.batch_alter_table('partner_outcome', schema=None) as batch_op:
        batch_op.drop_constraint('pk_partner_outcome', type_='primary')
        batch_op.create_primary_key('pk_partner_outcome', ['partner_id', 'year'])
        batch_op.drop_column('layer')
    op.execute("DELETE FROM socialization_event WHERE layer = 1")
    with op.batch_alter_table('socialization_event', schema=None) as batch_op:
        batch_op.drop_column('layer')
    for table, columns in (
        ('training_budget', ['partner_id', 'year', 'quarter', 'fund_source']),
        ('training_cohort', ['partner_id', 'year', 'quarter', 'programme']),
    ):
        op.execute(f"DELETE FROM {table} WHERE layer = 1")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f'uq_{table}_partner_id', type_='unique')
            batch_op.create_unique_constraint(f'uq_{table}_partner_id', columns)
            batch_op.drop_column('layer')
