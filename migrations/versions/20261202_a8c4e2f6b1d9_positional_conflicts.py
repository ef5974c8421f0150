"""positional conflicts: an adverse party's sector, firms' declarations, the positional rule

Revision ID: a8c4e2f6b1d9
Revises: 87762f57aafa
Create Date: 2026-12-02 02:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'a8c4e2f6b1d9'
down_revision = '87762f57aafa'
branch_labels = None
depends_on = None

# The vocabularies as they stand at this revision (``terms.SECTORS``, ``engine.RULES``).
SECTORS = ('mining', 'oil_gas', 'energy', 'agribusiness', 'forestry', 'finance', 'construction', 'security',
           'telecoms', 'state', 'other')
RULES = ('identifier', 'equal', 'joined', 'typo', 'extra_words', 'similar', 'acronym', 'related', 'unrecorded')


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade():
    with op.batch_alter_table('adverse_party') as batch_op:
        batch_op.add_column(sa.Column('sector', sa.String(length=20), nullable=False, server_default=''))
        batch_op.create_check_constraint(batch_op.f('ck_adverse_party_sector'), _in('sector', ('', *SECTORS)))
    op.create_table('firm_position',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint(_in('sector', SECTORS), name=op.f('ck_firm_position_sector')),
    sa.ForeignKeyConstraint(['firm_id'], ['law_firm.id'], name=op.f('fk_firm_position_firm_id_law_firm')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'],
                            name=op.f('fk_firm_position_created_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_firm_position'))
    )
    with op.batch_alter_table('firm_position') as batch_op:
        batch_op.create_index(batch_op.f('ix_firm_position_firm_id'), ['firm_id'], unique=False)
    with op.batch_alter_table('conflict_hit') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_conflict_hit_rule'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_conflict_hit_rule'), _in('rule', (*RULES, 'positional')))


def downgrade():
    op.execute("DELETE FROM conflict_hit WHERE rule = 'positional'")
    with op.batch_alter_table('conflict_hit') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_conflict_hit_rule'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_conflict_hit_rule'), _in('rule', RULES))
    with op.batch_alter_table('firm_position') as batch_op:
        batch_op.drop_index(batch_op.f('ix_firm_position_firm_id'))
    op.drop_table('firm_position')
    with op.batch_alter_table('adverse_party') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_adverse_party_sector'), type_='check')
        batch_op.drop_column('sector')
