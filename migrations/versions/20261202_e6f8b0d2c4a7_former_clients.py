"""former clients: a client entry's relationship and end, a firm's look-back, information hits

Revision ID: e6f8b0d2c4a7
Revises: d5e7a9c1b3f6
Create Date: 2026-12-02 02:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'e6f8b0d2c4a7'
down_revision = 'd5e7a9c1b3f6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('client_entry') as batch_op:
        batch_op.add_column(sa.Column('relationship', sa.String(length=10), nullable=False,
                                      server_default='current'))
        batch_op.add_column(sa.Column('ended_on', sa.Date(), nullable=True))
        batch_op.create_check_constraint(batch_op.f('ck_client_entry_relationship'), "relationship IN ('current', 'former')")
    with op.batch_alter_table('law_firm') as batch_op:
        batch_op.add_column(sa.Column('former_client_years', sa.Integer(), nullable=False, server_default='3'))
    with op.batch_alter_table('conflict_hit') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_conflict_hit_band'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_conflict_hit_band'), "band IN ('conflict', 'review', 'information')")


def downgrade():
    op.execute("DELETE FROM conflict_hit WHERE band = 'information'")
    with op.batch_alter_table('conflict_hit') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_conflict_hit_band'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_conflict_hit_band'), "band IN ('conflict', 'review')")
    with op.batch_alter_table('law_firm') as batch_op:
        batch_op.drop_column('former_client_years')
    with op.batch_alter_table('client_entry') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_client_entry_relationship'), type_='check')
        batch_op.drop_column('ended_on')
        batch_op.drop_column('relationship')
