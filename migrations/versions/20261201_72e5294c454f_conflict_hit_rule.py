"""keep the rule of each conflict hit

Each hit stores, next to its reason, the rule the conflict engine matched it by, as a
code (``engine.RULES``), so pages and queries tell kinds of hits apart without reading
the reason's words.

Hits stored before cannot be given their rule here: only their sealed reason says it,
and reading words back is what this change ends. They are marked 'unrecorded'. Run
`flask conflicts rescreen` after upgrading: it screens every open need again, which
replaces their hits with ones that carry their rule (decisions taken are remembered
and apply again). Hits of closed needs stay 'unrecorded'. A downgrade drops the column.

Revision ID: 72e5294c454f
Revises: 5b0e7c2f9d41
Create Date: 2026-12-01 06:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = '72e5294c454f'
down_revision = '5b0e7c2f9d41'
branch_labels = None
depends_on = None

# The vocabulary as of this revision; the models' own may grow later.
RULES = ('identifier', 'equal', 'joined', 'typo', 'extra_words', 'similar', 'acronym', 'related', 'unrecorded')


def upgrade():
    with op.batch_alter_table('conflict_hit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rule', sa.String(length=20), nullable=False, server_default='unrecorded'))
    # The default marks the rows already there; a hit screened from now on must say its rule.
    with op.batch_alter_table('conflict_hit', schema=None) as batch_op:
        batch_op.alter_column('rule', existing_type=sa.String(length=20), existing_nullable=False,
                              server_default=None)
        batch_op.create_check_constraint(batch_op.f('ck_conflict_hit_rule'),
                                         f"rule IN ({', '.join(repr(rule) for rule in RULES)})")


def downgrade():
    with op.batch_alter_table('conflict_hit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_conflict_hit_rule'), type_='check')
        batch_op.drop_column('rule')
