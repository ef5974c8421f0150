"""drop the client key counts: the index's own rows tell how common a key is

Screening now reads each weak key's postings in the lookup index up to the row past
the common-key limit, and an import files one row more than the limit under a weak
key, so the counts table and its upkeep (a million row updates per big import) go.
The index's check row moves into ``client_name_key`` under firm 0.

Rows filed under the old rule (the limit, not one more) would make some common keys
look rare, so the index is emptied here: screening refuses to run until
`flask keys reindex` files every list again (``clientindex.IndexKeyChanged``). A
downgrade empties it too; run the older release's reindex after it.

Revision ID: 5b0e7c2f9d41
Revises: 7033f7f7043e
Create Date: 2026-11-30 06:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = '5b0e7c2f9d41'
down_revision = '7033f7f7043e'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM client_name_key")
    op.drop_table('client_key_count')


def downgrade():
    op.execute("DELETE FROM client_name_key")
    op.create_table('client_key_count',
                    sa.Column('key', sa.BigInteger(), nullable=False),
                    sa.Column('names', sa.Integer(), nullable=False),
                    sa.Column('peak', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('key', name=op.f('pk_client_key_count')),
                    sqlite_with_rowid=False)
