"""self-assessment and follow-up plans

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 21:42:54.062223
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('instrument_version', sa.String(length=30), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=60), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by', sa.String(length=60), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'returned', 'approved')", name=op.f('ck_assessment_status')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_assessment_partner_id_partner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment')),
    sa.UniqueConstraint('partner_id', 'year', name=op.f('uq_assessment_partner_id'))
    )
    op.create_table('followup_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('indicator_code', sa.String(length=30), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=120), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=60), nullable=False),
    sa.CheckConstraint("status IN ('rencana', 'berjalan', 'selesai', 'batal')", name=op.f('ck_followup_plan_status')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_followup_plan_partner_id_partner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followup_plan'))
    )
    with op.batch_alter_table('followup_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_followup_plan_partner_id'), ['partner_id'], unique=False)

    op.create_table('assessment_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=60), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_assessment_event_assessment_id_assessment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_event'))
    )
    with op.batch_alter_table('assessment_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_event_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('assessment_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('indicator_code', sa.String(length=30), nullable=False),
    sa.Column('self_level', sa.Integer(), nullable=True),
    sa.Column('evidence_text', sa.Text(), nullable=False),
    sa.Column('evidence_link', sa.String(length=500), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('verified_level', sa.Integer(), nullable=True),
    sa.Column('review', sa.String(length=20), nullable=False),
    sa.Column('verifier_note', sa.Text(), nullable=False),
    sa.CheckConstraint("review IN ('pending', 'accepted', 'adjusted')", name=op.f('ck_assessment_item_review')),
    sa.CheckConstraint('self_level BETWEEN 0 AND 4', name=op.f('ck_assessment_item_self_level')),
    sa.CheckConstraint('verified_level BETWEEN 0 AND 4', name=op.f('ck_assessment_item_verified_level')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_assessment_item_assessment_id_assessment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_item')),
    sa.UniqueConstraint('assessment_id', 'indicator_code', name=op.f('uq_assessment_item_assessment_id'))
    )


def downgrade() -> None:
    op.drop_table('assessment_item')
    with op.batch_alter_table('assessment_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_event_assessment_id'))

    op.drop_table('assessment_event')
    with op.batch_alter_table('followup_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_followup_plan_partner_id'))

    op.drop_table('followup_plan')
    op.drop_table('assessment')
