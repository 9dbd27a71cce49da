"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-27 18:41:36.117511
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dataset_info',
    sa.Column('key', sa.String(length=50), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_dataset_info'))
    )
    op.create_table('region',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kemendagri_code', sa.String(length=8), nullable=False),
    sa.Column('bps_code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('province', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('desa_count', sa.Integer(), nullable=False),
    sa.Column('kelurahan_count', sa.Integer(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region')),
    sa.UniqueConstraint('bps_code', name=op.f('uq_region_bps_code')),
    sa.UniqueConstraint('kemendagri_code', name=op.f('uq_region_kemendagri_code'))
    )
    op.create_table('partner',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('short_name', sa.String(length=60), nullable=False),
    sa.Column('partner_type', sa.String(length=20), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.CheckConstraint("partner_type IN ('pemda', 'lembaga_pendidikan')", name=op.f('ck_partner_type')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_partner_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner')),
    sa.UniqueConstraint('code', name=op.f('uq_partner_code'))
    )
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_partner_type'), ['partner_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_region_id'), ['region_id'], unique=False)

    op.create_table('village',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=13), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('pmi_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_village_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_village')),
    sa.UniqueConstraint('code', name=op.f('uq_village_code'))
    )
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_village_region_id'), ['region_id'], unique=False)

    op.create_table('deliverable',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('scope_code', sa.String(length=30), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('evidence_note', sa.Text(), nullable=False),
    sa.CheckConstraint("status IN ('selesai', 'proses', 'belum')", name=op.f('ck_deliverable_status')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_deliverable_partner_id_partner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliverable')),
    sa.UniqueConstraint('partner_id', 'scope_code', 'kind', name=op.f('uq_deliverable_partner_id'))
    )
    with op.batch_alter_table('deliverable', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliverable_partner_id'), ['partner_id'], unique=False)

    op.create_table('mou',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('renewed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_mou_partner_id_partner')),
    sa.ForeignKeyConstraint(['renewed_by_id'], ['mou.id'], name=op.f('fk_mou_renewed_by_id_mou')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mou')),
    sa.UniqueConstraint('number', name=op.f('uq_mou_number'))
    )
    with op.batch_alter_table('mou', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mou_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mou_valid_until'), ['valid_until'], unique=False)

    op.create_table('partner_outcome',
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('placements', sa.Integer(), nullable=False),
    sa.Column('complaints', sa.Integer(), nullable=False),
    sa.Column('nonprocedural_prevented', sa.Integer(), nullable=False),
    sa.Column('returns_facilitated', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_partner_outcome_partner_id_partner')),
    sa.PrimaryKeyConstraint('partner_id', 'year', name=op.f('pk_partner_outcome'))
    )
    op.create_table('socialization_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=40), nullable=False),
    sa.Column('participants_male', sa.Integer(), nullable=False),
    sa.Column('participants_female', sa.Integer(), nullable=False),
    sa.Column('organiser', sa.String(length=80), nullable=False),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_socialization_event_quarter')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_socialization_event_partner_id_partner')),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_socialization_event_village_id_village')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_socialization_event'))
    )
    with op.batch_alter_table('socialization_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_socialization_event_village_id'), ['village_id'], unique=False)
        batch_op.create_index('ix_socialization_partner_year_quarter', ['partner_id', 'year', 'quarter'], unique=False)

    op.create_table('training_budget',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('fund_source', sa.String(length=20), nullable=False),
    sa.Column('pagu_rp', sa.BigInteger(), nullable=False),
    sa.Column('realisasi_rp', sa.BigInteger(), nullable=False),
    sa.Column('target_trainees', sa.Integer(), nullable=False),
    sa.CheckConstraint('pagu_rp >= 0 AND realisasi_rp >= 0', name=op.f('ck_training_budget_money')),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_training_budget_quarter')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_training_budget_partner_id_partner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_budget')),
    sa.UniqueConstraint('partner_id', 'year', 'quarter', 'fund_source', name=op.f('uq_training_budget_partner_id'))
    )
    with op.batch_alter_table('training_budget', schema=None) as batch_op:
        batch_op.create_index('ix_training_budget_year_quarter', ['year', 'quarter'], unique=False)

    op.create_table('training_cohort',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('programme', sa.String(length=120), nullable=False),
    sa.Column('destination', sa.String(length=40), nullable=False),
    sa.Column('sector', sa.String(length=40), nullable=False),
    sa.Column('registered', sa.Integer(), nullable=False),
    sa.Column('graduated', sa.Integer(), nullable=False),
    sa.Column('certified', sa.Integer(), nullable=False),
    sa.Column('placed', sa.Integer(), nullable=False),
    sa.Column('cost_rp', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('graduated <= registered AND certified <= graduated', name=op.f('ck_training_cohort_funnel')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_training_cohort_partner_id_partner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_cohort')),
    sa.UniqueConstraint('partner_id', 'year', 'quarter', 'programme', name=op.f('uq_training_cohort_partner_id'))
    )
    with op.batch_alter_table('training_cohort', schema=None) as batch_op:
        batch_op.create_index('ix_training_cohort_year_quarter', ['year', 'quarter'], unique=False)

    op.create_table('mou_scope',
    sa.Column('mou_id', sa.Integer(), nullable=False),
    sa.Column('scope_code', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['mou_id'], ['mou.id'], name=op.f('fk_mou_scope_mou_id_mou')),
    sa.PrimaryKeyConstraint('mou_id', 'scope_code', name=op.f('pk_mou_scope'))
    )
    op.create_table('pks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mou_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('scope_code', sa.String(length=30), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['mou_id'], ['mou.id'], name=op.f('fk_pks_mou_id_mou')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pks')),
    sa.UniqueConstraint('number', name=op.f('uq_pks_number'))
    )
    with op.batch_alter_table('pks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pks_mou_id'), ['mou_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('pks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pks_mou_id'))

    op.drop_table('pks')
    op.drop_table('mou_scope')
    with op.batch_alter_table('training_cohort', schema=None) as batch_op:
        batch_op.drop_index('ix_training_cohort_year_quarter')

    op.drop_table('training_cohort')
    with op.batch_alter_table('training_budget', schema=None) as batch_op:
        batch_op.drop_index('ix_training_budget_year_quarter')

    op.drop_table('training_budget')
    with op.batch_alter_table('socialization_event', schema=None) as batch_op:
        batch_op.drop_index('ix_socialization_partner_year_quarter')
        batch_op.drop_index(batch_op.f('ix_socialization_event_village_id'))

    op.drop_table('socialization_event')
    op.drop_table('partner_outcome')
    with op.batch_alter_table('mou', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mou_valid_until'))
        batch_op.drop_index(batch_op.f('ix_mou_partner_id'))

    op.drop_table('mou')
    with op.batch_alter_table('deliverable', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliverable_partner_id'))

    op.drop_table('deliverable')
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_village_region_id'))

    op.drop_table('village')
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_region_id'))
        batch_op.drop_index(batch_op.f('ix_partner_partner_type'))

    op.drop_table('partner')
    op.drop_table('region')
    op.drop_table('dataset_info')
