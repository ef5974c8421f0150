"""the relations registry replaced by a job, with its progress kept like a client list's

Revision ID: a9d3e5f7c1b2
Revises: f7a3c9e1d5b4
Create Date: 2026-12-02 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'a9d3e5f7c1b2'
down_revision = 'f7a3c9e1d5b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'registry_import',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('started_by_id', sa.Integer(), nullable=True),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('rows', sa.Integer(), nullable=False),
        sa.Column('needs_screened', sa.Integer(), nullable=True),
        sa.Column('error', sa.Text(), nullable=False),
        sa.Column('payload', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('waiting', 'importing', 'done', 'failed')",
                           name=op.f('ck_registry_import_state')),
        sa.ForeignKeyConstraint(['started_by_id'], ['user_account.id'],
                                name=op.f('fk_registry_import_started_by_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_import')),
    )


def downgrade():
    op.drop_table('registry_import')
