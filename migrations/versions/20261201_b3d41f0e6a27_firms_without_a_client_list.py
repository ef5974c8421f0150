"""firms without a client list are not screened, unless they attest they have no clients

A firm that never uploaded a client list used to be screened against nothing and so
came out clear on every need. Its checks now say 'unscreened' (never clear), until it
uploads its list or a member attests, on the client-list page, that the firm has no
clients to declare (who and when are kept here; it holds NO_CLIENTS_ATTESTATION_DAYS).

After upgrading, run `flask --app wsgi conflicts rescreen`: it screens every open need
again, so firms without a list turn 'unscreened' and lose any open proposal at once.
A downgrade drops the attestation and turns 'unscreened' checks back into 'potential'.

Revision ID: b3d41f0e6a27
Revises: 72e5294c454f
Create Date: 2026-12-01 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'b3d41f0e6a27'
down_revision = '72e5294c454f'
branch_labels = None
depends_on = None

RESULTS_BEFORE = ('clear', 'potential', 'conflict')
RESULTS = RESULTS_BEFORE + ('unscreened',)


def _results(values) -> str:
    return f"result IN ({', '.join(repr(value) for value in values)})"


def upgrade():
    with op.batch_alter_table('law_firm', schema=None) as batch_op:
        batch_op.add_column(sa.Column('no_clients_attested_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('no_clients_attested_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_law_firm_no_clients_attested_by_id_user_account'),
                                    'user_account', ['no_clients_attested_by_id'], ['id'])
    with op.batch_alter_table('conflict_check', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_conflict_check_result'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_conflict_check_result'), _results(RESULTS))


def downgrade():
    op.execute("UPDATE conflict_check SET result = 'potential' WHERE result = 'unscreened'")
    with op.batch_alter_table('conflict_check', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_conflict_check_result'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_conflict_check_result'), _results(RESULTS_BEFORE))
    with op.batch_alter_table('law_firm', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_law_firm_no_clients_attested_by_id_user_account'),
                                 type_='foreignkey')
        batch_op.drop_column('no_clients_attested_by_id')
        batch_op.drop_column('no_clients_attested_at')
