"""which rows each version of what candidates are ranked from changed

A process whose ranking profiles are a few versions old makes again only those of the
offers, funds and firms logged here since (``matcher.models.catalogue``). Nothing to do
after upgrading: a process with profiles older than the log reads everything once.

Revision ID: b5d7f9a1c3e6
Revises: a4c6e8f0b2d5
Create Date: 2026-12-03 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'b5d7f9a1c3e6'
down_revision = 'a4c6e8f0b2d5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'catalogue_change',
        sa.Column('version', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('kind', sa.String(length=5), nullable=False),
        sa.Column('row_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint('version', 'kind', 'row_id', name=op.f('pk_catalogue_change')),
    )


def downgrade():
    op.drop_table('catalogue_change')
