"""a defender may be a woman defender, an environmental or land defender, indigenous, a community
leader, a trade unionist, a lawyer, an LGBTI+ defender or a student

Revision ID: a4c6e8f0b2d5
Revises: c3e5a7b9d1f4
Create Date: 2026-12-03 09:00:00.000000

The kinds of defender that emergency grants are aimed at, added to the profile's kind
constraint. Nothing to do after upgrading. Downgrading files every profile of a new kind as
an individual defender, the kind the older schema gave them.
"""
from alembic import op


revision = 'a4c6e8f0b2d5'
down_revision = 'c3e5a7b9d1f4'
branch_labels = None
depends_on = None

# The kinds of the revision before; this one adds the rest of ``terms.DEFENDER_KINDS`` as it stood.
BEFORE = ('individual', 'community', 'journalist', 'organisation')
AFTER = (*BEFORE, 'woman', 'community_leader', 'indigenous', 'environmental', 'trade_unionist', 'lawyer', 'lgbti',
         'student')


def _kinds(kinds) -> str:
    return f"({', '.join(repr(kind) for kind in kinds)})"


def _constrain(kinds) -> None:
    with op.batch_alter_table('defender_profile') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_defender_profile_kind'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_defender_profile_kind'), f"kind IN {_kinds(kinds)}")


def upgrade():
    _constrain(AFTER)


def downgrade():
    op.execute(f"UPDATE defender_profile SET kind = 'individual' WHERE kind NOT IN {_kinds(BEFORE)}")
    _constrain(BEFORE)
