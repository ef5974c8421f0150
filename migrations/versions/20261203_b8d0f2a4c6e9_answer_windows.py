"""emergency answer windows: an offer's promised answer time, a proposal's window and reminder,
the lapsed state, a need's choice when a firm stays silent, a firm's last digest

Revision ID: b8d0f2a4c6e9
Revises: b5d7f9a1c3e6
Create Date: 2026-12-03 09:30:00.000000

Proposals made before this revision have no answer window: they wait for their firm as before.
After upgrading, run ``flask emergencies sweep`` from cron every few minutes (docs/deploy.md), so
windows pass on time even where no worker runs scheduled jobs. Downgrading turns every lapsed
proposal into a cancelled one (the state the older schema knows for a proposal that ended
unanswered), files the proposals the platform made as made by the first staff account (the older
schema needs a person), and forgets the windows, the choices and the promised hours.
"""
from alembic import op
import sqlalchemy as sa


revision = 'b8d0f2a4c6e9'
down_revision = 'b5d7f9a1c3e6'
branch_labels = None
depends_on = None

BEFORE = ('proposed', 'accepted', 'declined', 'refused', 'active', 'completed', 'cancelled')
AFTER = (*BEFORE, 'lapsed')


def _states(states) -> str:
    return f"state IN ({', '.join(repr(state) for state in states)})"


def upgrade():
    with op.batch_alter_table('offer') as batch_op:
        batch_op.add_column(sa.Column('answer_within_hours', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(batch_op.f('ck_offer_answer_within_hours_positive'),
                                         'answer_within_hours IS NULL OR answer_within_hours >= 1')
    with op.batch_alter_table('need') as batch_op:
        batch_op.add_column(sa.Column('on_silence', sa.String(length=10), nullable=False, server_default='suggest'))
        batch_op.create_check_constraint(batch_op.f('ck_need_on_silence'), "on_silence IN ('suggest', 'propose')")
    with op.batch_alter_table('law_firm') as batch_op:
        batch_op.add_column(sa.Column('digest_sent_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('match') as batch_op:
        batch_op.add_column(sa.Column('answer_by', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_match_answer_by'), ['answer_by'], unique=False)
        batch_op.alter_column('proposed_by_id', existing_type=sa.Integer(), nullable=True)
        batch_op.drop_constraint(batch_op.f('ck_match_state'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_match_state'), _states(AFTER))


def downgrade():
    op.execute("UPDATE match SET state = 'cancelled' WHERE state = 'lapsed'")
    op.execute("UPDATE match SET proposed_by_id = (SELECT min(id) FROM user_account "
               "WHERE role IN ('coordinator', 'admin')) WHERE proposed_by_id IS NULL")
    with op.batch_alter_table('match') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_match_state'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_match_state'), _states(BEFORE))
        batch_op.alter_column('proposed_by_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_index(batch_op.f('ix_match_answer_by'))
        batch_op.drop_column('reminded_at')
        batch_op.drop_column('answer_by')
    with op.batch_alter_table('law_firm') as batch_op:
        batch_op.drop_column('digest_sent_at')
    with op.batch_alter_table('need') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_need_on_silence'), type_='check')
        batch_op.drop_column('on_silence')
    with op.batch_alter_table('offer') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_offer_answer_within_hours_positive'), type_='check')
        batch_op.drop_column('answer_within_hours')
