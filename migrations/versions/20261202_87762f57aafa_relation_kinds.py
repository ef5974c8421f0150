"""the kind of each corporate relation: ownership, joint venture, financier or contractor

Every link already in the registry is an ownership link (a subsidiary and its parent), as
the registry had no other kind: nothing to do after upgrading. One pair of names may now be
linked in more than one way (a parent that is also its subsidiary's lender).

A downgrade deletes the links of every kind but ownership, which the older schema cannot
hold. Run `flask conflicts rescreen` after downgrading, so no hit stays resting on a link
that is gone.

Revision ID: 87762f57aafa
Revises: e6f8b0d2c4a7
Create Date: 2026-12-02 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = '87762f57aafa'
down_revision = 'e6f8b0d2c4a7'
branch_labels = None
depends_on = None

# The vocabulary as of this revision; the models' own may grow later.
KINDS = ('ownership', 'joint_venture', 'financier', 'contractor')


def upgrade():
    with op.batch_alter_table('corporate_relation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='ownership'))
    # The default marks the links already there; a link written from now on must say its kind.
    with op.batch_alter_table('corporate_relation', schema=None) as batch_op:
        batch_op.alter_column('kind', existing_type=sa.String(length=20), existing_nullable=False,
                              server_default=None)
        batch_op.create_check_constraint(batch_op.f('ck_corporate_relation_kind'),
                                         f"kind IN ({', '.join(repr(kind) for kind in KINDS)})")
        batch_op.drop_constraint(batch_op.f('uq_corporate_relation_child_key'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_corporate_relation_child_key'),
                                          ['child_key', 'parent_key', 'kind'])


def downgrade():
    op.execute("DELETE FROM corporate_relation WHERE kind <> 'ownership'")
    with op.batch_alter_table('corporate_relation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_corporate_relation_child_key'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_corporate_relation_child_key'), ['child_key', 'parent_key'])
        batch_op.drop_constraint(batch_op.f('ck_corporate_relation_kind'), type_='check')
        batch_op.drop_column('kind')
