"""seal client lists and people's names; index keys as digests

Client entries' names and aliases, the client name and the reason on each conflict
hit, defenders' pseudonyms, people's display names and addresses, and firms' contact
details become sealed text (matcher.crypto). Rows written before stay readable as
plain text until `flask keys rotate` seals them.

Addresses are found by ``email_key``, a keyed digest filled in here from the plain
addresses. The screening index files keyed digests of its keys instead of the keys:
its rows are removed here, and screening refuses to run until
`flask keys reindex` files every list again (``clientindex.IndexKeyChanged``),
so no screen can clear a firm against an empty index.

A downgrade empties the index too; import the lists again after it.

Revision ID: 7033f7f7043e
Revises: a4e9c2d1b7f3
Create Date: 2026-11-25 13:15:11.639295

"""
from alembic import op
import sqlalchemy as sa

from matcher.models.accounts import email_key


revision = '7033f7f7043e'
down_revision = 'a4e9c2d1b7f3'
branch_labels = None
depends_on = None

SEALED = (
    ('client_entry', 'name', sa.String(length=300), False),
    ('conflict_hit', 'client_name', sa.String(length=300), False),
    ('defender_profile', 'pseudonym', sa.String(length=120), False),
    ('law_firm', 'contact_name', sa.String(length=120), False),
    ('law_firm', 'contact_email', sa.String(length=254), False),
    ('law_firm', 'contact_phone', sa.String(length=60), False),
    ('user_account', 'email', sa.String(length=254), True),
    ('user_account', 'display_name', sa.String(length=120), False),
)
INDEX_TABLES = ('client_name_key', 'client_key_count')


def upgrade():
    for table, column, plain, nullable in SEALED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=plain, type_=sa.Text(), existing_nullable=nullable)
    with op.batch_alter_table('client_entry', schema=None) as batch_op:
        batch_op.alter_column('aliases', existing_type=sa.JSON(), type_=sa.Text(), existing_nullable=False,
                              postgresql_using='aliases::text')
    _retype_index_keys(sa.String(length=300), sa.BigInteger(), 'key::bigint')

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_key', sa.BigInteger(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_user_account_email'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_user_account_email_key'), ['email_key'])
    bind = op.get_bind()
    accounts = bind.execute(sa.text("SELECT id, email FROM user_account WHERE email IS NOT NULL")).all()
    for account_id, email in accounts:
        bind.execute(sa.text("UPDATE user_account SET email_key = :key WHERE id = :id"),
                     {"key": email_key(email), "id": account_id})


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_user_account_email_key'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_user_account_email'), ['email'])
        batch_op.drop_column('email_key')

    _retype_index_keys(sa.BigInteger(), sa.String(length=300), 'key::varchar')
    with op.batch_alter_table('client_entry', schema=None) as batch_op:
        batch_op.alter_column('aliases', existing_type=sa.Text(), type_=sa.JSON(), existing_nullable=False,
                              postgresql_using='aliases::json')
    for table, column, plain, nullable in reversed(SEALED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.Text(), type_=plain, existing_nullable=nullable)


def _retype_index_keys(old, new, using):
    """Empty the index (its keys cannot be turned into the other form) and change the key's type."""
    for table in INDEX_TABLES:
        op.execute(f"DELETE FROM {table}")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('key', existing_type=old, type_=new, existing_nullable=False,
                                  postgresql_using=using)
