"""reminders by e-mail: each reminder recorded once under its key, one mail per recipient
with its sending state

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-29 08:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'reminder',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('key', sa.String(120), nullable=False, unique=True),
        sa.Column('kind', sa.String(30), nullable=False),
        sa.Column('partner_id', sa.Integer(), sa.ForeignKey('partner.id'), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_reminder_created_at', 'reminder', ['created_at'])
    op.create_table(
        'mail_out',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('reminder_id', sa.Integer(), sa.ForeignKey('reminder.id'), nullable=False),
        sa.Column('recipient', sa.String(200), nullable=False),
        sa.Column('subject', sa.String(300), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('status', sa.String(10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('next_try_at', sa.DateTime(), nullable=False),
        sa.Column('claimed_at', sa.DateTime(), nullable=True),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.Column('error', sa.Text(), nullable=False),
        sa.UniqueConstraint('reminder_id', 'recipient', name='uq_mail_out_reminder_id'),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'gave_up')",
            name='ck_mail_out_status',
        ),
    )
    op.create_index('ix_mail_out_status_next_try_at', 'mail_out', ['status', 'next_try_at'])


def downgrade() -> None:
    op.drop_table('mail_out')
    op.drop_table('reminder')
