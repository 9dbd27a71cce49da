"""socialization summaries and indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 19:17:52.717948
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('socialization_quarter',
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=40), nullable=False),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('participants_male', sa.Integer(), nullable=False),
    sa.Column('participants_female', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_socialization_quarter_partner_id_partner')),
    sa.PrimaryKeyConstraint('partner_id', 'year', 'quarter', 'topic', name=op.f('pk_socialization_quarter'))
    )
    op.create_table('village_first_reach',
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=False),
    sa.Column('first_period', sa.Integer(), nullable=False),
    sa.Column('pmi_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_village_first_reach_partner_id_partner')),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_village_first_reach_village_id_village')),
    sa.PrimaryKeyConstraint('partner_id', 'village_id', name=op.f('pk_village_first_reach'))
    )
    with op.batch_alter_table('village_first_reach', schema=None) as batch_op:
        batch_op.create_index('ix_village_first_reach_period', ['first_period', 'partner_id'], unique=False)

    op.create_table('village_reach',
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('first_quarter', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_village_reach_partner_id_partner')),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_village_reach_village_id_village')),
    sa.PrimaryKeyConstraint('partner_id', 'village_id', 'year', name=op.f('pk_village_reach'))
    )
    with op.batch_alter_table('village_reach', schema=None) as batch_op:
        batch_op.create_index('ix_village_reach_year_quarter', ['year', 'first_quarter', 'partner_id'], unique=False)



    # Fill the derived tables from the events already stored.
    op.execute(
        "INSERT INTO socialization_quarter (partner_id, year, quarter, topic, events, "
        "participants_male, participants_female) SELECT partner_id, year, quarter, topic, "
        "COUNT(*), SUM(participants_male), SUM(participants_female) FROM socialization_event "
        "GROUP BY partner_id, year, quarter, topic"
    )
    op.execute(
        "INSERT INTO village_reach (partner_id, village_id, year, first_quarter) "
        "SELECT partner_id, village_id, year, MIN(quarter) FROM socialization_event "
        "GROUP BY partner_id, village_id, year"
    )
    op.execute(
        "INSERT INTO village_first_reach (partner_id, village_id, first_period, pmi_count) "
        "SELECT r.partner_id, r.village_id, MIN(r.year * 4 + r.first_quarter), MAX(v.pmi_count) "
        "FROM village_reach r JOIN village v ON v.id = r.village_id "
        "GROUP BY r.partner_id, r.village_id"
    )


def downgrade() -> None:
    with op.batch_alter_table('village_reach', schema=None) as batch_op:
        batch_op.drop_index('ix_village_reach_year_quarter')

    op.drop_table('village_reach')
    with op.batch_alter_table('village_first_reach', schema=None) as batch_op:
        batch_op.drop_index('ix_village_first_reach_period')

    op.drop_table('village_first_reach')
    op.drop_table('socialization_quarter')
