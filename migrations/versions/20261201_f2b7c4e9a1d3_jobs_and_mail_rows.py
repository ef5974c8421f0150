"""mail kept as rows until sent; an import's rows kept, sealed, for the job that runs it

Messages queued in memory before this upgrade were sent or lost with their process;
from now on each is a row in ``outgoing_mail``, written with the change it announces.

Revision ID: f2b7c4e9a1d3
Revises: e4f1a9c6b2d8
Create Date: 2026-12-01 19:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'f2b7c4e9a1d3'
down_revision = 'e4f1a9c6b2d8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'outgoing_mail',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('recipients', sa.Text(), nullable=False),
        sa.Column('subject', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.String(length=80), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('pending', 'sent')", name=op.f('ck_outgoing_mail_state')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_mail')),
    )
    op.create_index('ix_outgoing_mail_due', 'outgoing_mail', ['state', 'next_attempt_at'])
    with op.batch_alter_table('client_import') as batch_op:
        batch_op.add_column(sa.Column('payload', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('client_import') as batch_op:
        batch_op.drop_column('payload')
    op.drop_index('ix_outgoing_mail_due', table_name='outgoing_mail')
    op.drop_table('outgoing_mail')
