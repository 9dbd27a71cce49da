"""single sign-on: an account's e-mail (how an identity from the provider finds it), the
requests of identities without an account, and one session per identity token

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-29 05:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.add_column(sa.Column('email', sa.String(200), nullable=True))
    op.create_index('uq_app_user_email_lower', 'app_user', [sa.text('lower(email)')], unique=True)
    with op.batch_alter_table('app_session') as batch:
        batch.add_column(sa.Column('identity_key', sa.String(64), nullable=True))
        batch.create_unique_constraint('uq_app_session_identity_key', ['identity_key'])
    op.create_table(
        'access_request',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('email', sa.String(200), nullable=False),
        sa.Column('name', sa.String(200), nullable=False),
        sa.Column('provider', sa.String(40), nullable=False),
        sa.Column('first_at', sa.DateTime(), nullable=False),
        sa.Column('last_at', sa.DateTime(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('handled_at', sa.DateTime(), nullable=True),
        sa.Column('handled_by', sa.String(60), nullable=True),
        sa.UniqueConstraint('email', name='uq_access_request_email'),
    )


def downgrade() -> None:
    op.drop_table('access_request')
    with op.batch_alter_table('app_session') as batch:
        batch.drop_constraint('uq_app_session_identity_key', type_='unique')
        batch.drop_column('identity_key')
    op.drop_index('uq_app_user_email_lower', table_name='app_user')
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('email')
