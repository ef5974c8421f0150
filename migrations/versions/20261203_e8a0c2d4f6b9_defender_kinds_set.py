"""a defender may be several kinds at once: the profile's one kind becomes a list of kinds

Revision ID: e8a0c2d4f6b9
Revises: d7f9b1c3e5a8
Create Date: 2026-12-03 11:00:00.000000

Every profile keeps the kind it had, as a list of one: nothing to do after upgrading, and
defenders (or coordinators for them) may add the other kinds they are. Downgrading keeps the
first kind of each list and forgets the others.
"""
from alembic import op
import sqlalchemy as sa


revision = 'e8a0c2d4f6b9'
down_revision = 'd7f9b1c3e5a8'
branch_labels = None
depends_on = None

# The kinds as revision a4c6e8f0b2d5 left them, the values the old column could hold.
KINDS = ('individual', 'community', 'journalist', 'organisation', 'woman', 'community_leader', 'indigenous',
         'environmental', 'trade_unionist', 'lawyer', 'lgbti', 'student')

profiles = sa.table('defender_profile', sa.column('id', sa.Integer()), sa.column('kind', sa.String(20)),
                    sa.column('kinds', sa.JSON()))


def upgrade():
    with op.batch_alter_table('defender_profile') as batch_op:
        batch_op.add_column(sa.Column('kinds', sa.JSON(), nullable=True))
    # One statement per kind, the list bound as JSON: the same SQL on SQLite and PostgreSQL.
    for kind in KINDS:
        op.execute(profiles.update().where(profiles.c.kind == kind).values(kinds=[kind]))
    with op.batch_alter_table('defender_profile') as batch_op:
        batch_op.alter_column('kinds', existing_type=sa.JSON(), nullable=False)
        batch_op.drop_constraint(batch_op.f('ck_defender_profile_kind'), type_='check')
        batch_op.drop_column('kind')


def downgrade():
    with op.batch_alter_table('defender_profile') as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='individual'))
    connection = op.get_bind()
    firsts: dict[str, list[int]] = {}
    for ident, kinds in connection.execute(sa.select(profiles.c.id, profiles.c.kinds)):
        firsts.setdefault(kinds[0] if kinds and kinds[0] in KINDS else 'individual', []).append(ident)
    for kind, idents in firsts.items():
        for start in range(0, len(idents), 500):  # within SQLite's limit of bound values
            op.execute(profiles.update().where(profiles.c.id.in_(idents[start:start + 500])).values(kind=kind))
    with op.batch_alter_table('defender_profile') as batch_op:
        batch_op.alter_column('kind', existing_type=sa.String(length=20), server_default=None)
        batch_op.create_check_constraint(batch_op.f('ck_defender_profile_kind'),
                                         f"kind IN ({', '.join(repr(kind) for kind in KINDS)})")
        batch_op.drop_column('kinds')
