"""unique socialization events

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 11:00:00

An event is one partner's session on one topic in one village on one day (per layer).
Existing duplicates are merged first: the participants of the later rows are added to the
earliest row, and the number of rows merged is printed.
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

KEY = ('partner_id', 'village_id', 'held_on', 'topic', 'layer')
SAME = " AND ".join(f"d.{c} = socialization_event.{c}" for c in KEY)


def upgrade() -> None:
    conn = op.get_bind()
    duplicates = conn.execute(
        sa.text(
            "SELECT COUNT(*) FROM socialization_event WHERE EXISTS (SELECT 1 FROM "
            f"socialization_event d WHERE {SAME} AND d.id < socialization_event.id)"
        )
    ).scalar_one()
    if duplicates:
        # The earliest row of each key takes the participants of its duplicates.
        op.execute(
            "UPDATE socialization_event SET "
            "participants_male = (SELECT SUM(d.participants_male) FROM socialization_event d "
            f"WHERE {SAME}), "
            "participants_female = (SELECT SUM(d.participants_female) FROM socialization_event d "
            f"WHERE {SAME}) "
            f"WHERE NOT EXISTS (SELECT 1 FROM socialization_event d WHERE {SAME} "
            "AND d.id < socialization_event.id)"
        )
        op.execute(
            "DELETE FROM socialization_event WHERE EXISTS (SELECT 1 FROM socialization_event d "
            f"WHERE {SAME} AND d.id < socialization_event.id)"
        )
        print(f"socialization_event: {duplicates} duplicate rows merged into their first row")
        # Event counts per quarter follow the merge.
        op.execute("DELETE FROM socialization_quarter")
        op.execute(
            "INSERT INTO socialization_quarter (partner_id, year, quarter, topic, layer, events, "
            "participants_male, participants_female) SELECT partner_id, year, quarter, topic, "
            "layer, COUNT(*), SUM(participants_male), SUM(participants_female) "
            "FROM socialization_event GROUP BY partner_id, year, quarter, topic, layer"
        )
    with op.batch_alter_table('socialization_event', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_socialization_event_partner_id', list(KEY))


def downgrade() -> None:
    with op.batch_alter_table('socialization_event', schema=None) as batch_op:
        batch_op.drop_constraint('uq_socialization_event_partner_id', type_='unique')
