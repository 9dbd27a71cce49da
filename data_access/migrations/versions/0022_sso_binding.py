"""single sign-on bound to the provider: an account names the provider it may use and, from
its first sign-in there, the issuer and subject of its identity; sessions opened by e-mail
alone end

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 17:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.add_column(sa.Column('sso_provider', sa.String(40), nullable=True))
        batch.add_column(sa.Column('sso_issuer', sa.String(200), nullable=True))
        batch.add_column(sa.Column('sso_subject', sa.String(200), nullable=True))
        batch.add_column(sa.Column('sso_linked_at', sa.DateTime(), nullable=True))
    op.create_index(
        'uq_app_user_sso_identity', 'app_user', ['sso_issuer', 'sso_subject'], unique=True
    )
    # Sessions an identity opened by its e-mail alone (whatever the provider said of it) do
    # not outlive the rule that now binds an account to one identity.
    op.execute(
        "UPDATE app_session SET ended_at = CURRENT_TIMESTAMP, ended_reason = 'changed' "
        "WHERE method = 'sso' AND ended_at IS NULL"
    )


def downgrade() -> None:
    op.drop_index('uq_app_user_sso_identity', table_name='app_user')
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('sso_linked_at')
        batch.drop_column('sso_subject')
        batch.drop_column('sso_issuer')
        batch.drop_column('sso_provider')
