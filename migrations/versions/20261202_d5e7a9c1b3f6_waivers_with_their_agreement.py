"""a decision's scope, basis and, for a waiver, who agreed and when

Decisions taken before this revision have no basis (how the names matched), so they
lapse at the next screen and their hits come back undecided: the safe way to fail,
since an undecided hit keeps its firm away until a coordinator decides again.

Revision ID: d5e7a9c1b3f6
Revises: c8e2f4a6b0d3
Create Date: 2026-12-02 02:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'd5e7a9c1b3f6'
down_revision = 'c8e2f4a6b0d3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('conflict_decision') as batch_op:
        batch_op.add_column(sa.Column('need_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('basis', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agreed_by', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agreed_on', sa.Date(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_conflict_decision_need_id_need'), 'need', ['need_id'], ['id'],
                                    ondelete='CASCADE')
        batch_op.drop_constraint('uq_conflict_decision_firm_id', type_='unique')
        batch_op.create_unique_constraint('uq_conflict_decision_firm_id',
                                          ['firm_id', 'party_key', 'client_external_id', 'need_id'])
    with op.batch_alter_table('conflict_hit') as batch_op:
        batch_op.add_column(sa.Column('decision_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_conflict_hit_decision_id_conflict_decision'), 'conflict_decision',
                                    ['decision_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('conflict_hit') as batch_op:
        batch_op.drop_constraint('fk_conflict_hit_decision_id_conflict_decision', type_='foreignkey')
        batch_op.drop_column('decision_id')
    op.execute('DELETE FROM conflict_decision WHERE need_id IS NOT NULL')
    with op.batch_alter_table('conflict_decision') as batch_op:
        batch_op.drop_constraint('uq_conflict_decision_firm_id', type_='unique')
        batch_op.create_unique_constraint('uq_conflict_decision_firm_id', ['firm_id', 'party_key', 'client_external_id'])
        batch_op.drop_constraint('fk_conflict_decision_need_id_need', type_='foreignkey')
        batch_op.drop_column('agreed_on')
        batch_op.drop_column('agreed_by')
        batch_op.drop_column('basis')
        batch_op.drop_column('need_id')
