"""the version of what candidates are ranked from

Each process keeps the offers' and funds' ranking profiles until this counter moves
(``matcher.models.catalogue``); every commit that changes an offer, a fund, a firm or
a match moves it. Nothing to do after upgrading: the row is made by the first change.

Revision ID: f7a3c9e1d5b4
Revises: f2b7c4e9a1d3
Create Date: 2026-12-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'f7a3c9e1d5b4'
down_revision = 'f2b7c4e9a1d3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'catalogue_version',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('version', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_version')),
    )


def downgrade():
    op.drop_table('catalogue_version')
