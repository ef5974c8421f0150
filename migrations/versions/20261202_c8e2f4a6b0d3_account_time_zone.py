"""the time zone an account reads times in

Revision ID: c8e2f4a6b0d3
Revises: b4c6d8e0f2a1
Create Date: 2026-12-02 13:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'c8e2f4a6b0d3'
down_revision = 'b4c6d8e0f2a1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.add_column(sa.Column('time_zone', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.drop_column('time_zone')
