"""client entries keep their names' normalised forms, sealed, for screening to read

Revision ID: b7d1f3a5c9e2
Revises: b7d2f4a8c6e1
Create Date: 2026-12-02 05:40:00.000000

The column is filled by `flask keys reindex`, which the index's raised key version asks for
before the next screen.
"""
from alembic import op
import sqlalchemy as sa


revision = 'b7d1f3a5c9e2'
down_revision = 'b7d2f4a8c6e1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('client_entry') as batch_op:
        batch_op.add_column(sa.Column('screen_names', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('client_entry') as batch_op:
        batch_op.drop_column('screen_names')
