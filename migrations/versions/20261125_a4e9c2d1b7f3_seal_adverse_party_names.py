"""seal adverse party names

Adverse parties' names and other names, and the copy of the party name on each
conflict hit, become sealed text (matcher.crypto stores them as Text). Rows
written before stay readable as plain text until `flask keys rotate` seals them.
Remembered decisions are keyed on a keyed digest of the names from now on, so
decisions made before this migration no longer apply and are removed.

Revision ID: a4e9c2d1b7f3
Revises: 669c3e82643d
Create Date: 2026-11-25 12:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a4e9c2d1b7f3'
down_revision = '669c3e82643d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('adverse_party', schema=None) as batch_op:
        batch_op.alter_column('name', existing_type=sa.String(length=300), type_=sa.Text(), existing_nullable=False)
        batch_op.alter_column('aliases', existing_type=sa.JSON(), type_=sa.Text(), existing_nullable=False,
                              postgresql_using='aliases::text')
    with op.batch_alter_table('conflict_hit', schema=None) as batch_op:
        batch_op.alter_column('party_name', existing_type=sa.String(length=300), type_=sa.Text(),
                              existing_nullable=False)
    op.execute("DELETE FROM conflict_decision")


def downgrade():
    with op.batch_alter_table('conflict_hit', schema=None) as batch_op:
        batch_op.alter_column('party_name', existing_type=sa.Text(), type_=sa.String(length=300),
                              existing_nullable=False)
    with op.batch_alter_table('adverse_party', schema=None) as batch_op:
        batch_op.alter_column('aliases', existing_type=sa.Text(), type_=sa.JSON(), existing_nullable=False,
                              postgresql_using='aliases::json')
        batch_op.alter_column('name', existing_type=sa.Text(), type_=sa.String(length=300), existing_nullable=False)
