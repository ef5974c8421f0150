"""the language an account reads the pages and its mail in

Revision ID: b4c6d8e0f2a1
Revises: a9d3e5f7c1b2
Create Date: 2026-12-02 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'b4c6d8e0f2a1'
down_revision = 'a9d3e5f7c1b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), nullable=True))


def downgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.drop_column('language')
