"""a need may require local counsel, and an offer may say the firm works with local counsel

Revision ID: d7f9b1c3e5a8
Revises: c6e8a0b2d4f7
Create Date: 2026-12-03 10:00:00.000000

Two flags, false for every need and offer there is: no need requires local counsel and no firm
works with it until someone says so, so rankings stay as they were. Nothing to do after
upgrading; downgrading forgets both.
"""
from alembic import op
import sqlalchemy as sa


revision = 'd7f9b1c3e5a8'
down_revision = 'c6e8a0b2d4f7'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('need') as batch_op:
        batch_op.add_column(sa.Column('needs_local_counsel', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('offer') as batch_op:
        batch_op.add_column(sa.Column('works_with_local_counsel', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('offer') as batch_op:
        batch_op.drop_column('works_with_local_counsel')
    with op.batch_alter_table('need') as batch_op:
        batch_op.drop_column('needs_local_counsel')
