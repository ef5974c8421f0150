"""conflict hits may rest on a rare word shared or on a person's name written another way

Revision ID: c3e5a7b9d1f4
Revises: b7d1f3a5c9e2
Create Date: 2026-12-02 06:00:00.000000

The engine's rules "shared_word" and "person" were missing from the hit's rule constraint, so a
database built by the migrations refused to store such hits.
"""
from alembic import op


revision = 'c3e5a7b9d1f4'
down_revision = 'b7d1f3a5c9e2'
branch_labels = None
depends_on = None

# The rules as they stand at the revision before, and the two added here.
BEFORE = ('identifier', 'equal', 'joined', 'typo', 'extra_words', 'similar', 'acronym', 'related', 'unrecorded',
          'positional')
ADDED = ('shared_word', 'person')


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _allow(rules) -> None:
    with op.batch_alter_table('conflict_hit') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_conflict_hit_rule'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_conflict_hit_rule'), _in('rule', rules))


def upgrade():
    _allow((*BEFORE, *ADDED))


def downgrade():
    # A hit whose rule the older schema cannot name is kept as one stored before rules were.
    op.execute(f"UPDATE conflict_hit SET rule = 'unrecorded' WHERE {_in('rule', ADDED)}")
    _allow(BEFORE)
