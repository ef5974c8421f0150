"""invitations kept as rows, so a firm sees its pending ones and can revoke them

An invitation link used to carry everything in itself; it now names a row, which is
listed on the firm's team page while pending and can be revoked, and works once.
Invitation links sent before this upgrade no longer work: ask for them again.

Revision ID: c8a2e5d1f940
Revises: b3d41f0e6a27
Create Date: 2026-12-01 17:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'c8a2e5d1f940'
down_revision = 'b3d41f0e6a27'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'invitation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('firm_id', sa.Integer(), nullable=False),
        sa.Column('email', sa.Text(), nullable=False),
        sa.Column('invited_by_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['firm_id'], ['law_firm.id'], name=op.f('fk_invitation_firm_id_law_firm')),
        sa.ForeignKeyConstraint(['invited_by_id'], ['user_account.id'],
                                name=op.f('fk_invitation_invited_by_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation')),
    )
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitation_firm_id'), ['firm_id'], unique=False)


def downgrade():
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitation_firm_id'))
    op.drop_table('invitation')
