"""firms' declarations beyond a sector: a kind of matter, a company (sealed)

A declaration may now name a practice area and a company as well as a sector, and need not
name a sector. Going down, declarations without a sector cannot stand and are deleted, and
the others keep their sector alone: broader than declared, the safe way to fail, since a
hit keeps the firm away until a coordinator decides.

Revision ID: b7d2f4a8c6e1
Revises: a8c4e2f6b1d9
Create Date: 2026-12-02 12:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = 'b7d2f4a8c6e1'
down_revision = 'a8c4e2f6b1d9'
branch_labels = None
depends_on = None

# The vocabularies as they stand at this revision (``terms.SECTORS``, ``terms.PRACTICE_AREAS``).
SECTORS = ('mining', 'oil_gas', 'energy', 'agribusiness', 'forestry', 'finance', 'construction', 'security',
           'telecoms', 'state', 'other')
PRACTICE_AREAS = ('defamation', 'criminal_defence', 'detention', 'assembly', 'land', 'indigenous', 'labour',
                  'environment', 'ngo_law', 'digital', 'asylum', 'corporate_accountability', 'international')


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade():
    with op.batch_alter_table('firm_position') as batch_op:
        batch_op.add_column(sa.Column('practice_area', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('company', sa.Text(), nullable=False, server_default=''))
        batch_op.drop_constraint(batch_op.f('ck_firm_position_sector'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_firm_position_sector'), _in('sector', ('', *SECTORS)))
        batch_op.create_check_constraint(batch_op.f('ck_firm_position_practice_area'),
                                         _in('practice_area', ('', *PRACTICE_AREAS)))


def downgrade():
    op.execute("DELETE FROM firm_position WHERE sector = ''")
    with op.batch_alter_table('firm_position') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_firm_position_practice_area'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_firm_position_sector'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_firm_position_sector'), _in('sector', SECTORS))
        batch_op.drop_column('company')
        batch_op.drop_column('practice_area')
