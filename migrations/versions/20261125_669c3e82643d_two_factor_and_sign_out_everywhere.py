"""two factor and sign out everywhere

The TOTP secret is sealed text (matcher.crypto.EncryptedText stores Text).

Revision ID: 669c3e82643d
Revises: 6c21aaced609
Create Date: 2026-11-25 11:39:40.971758

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '669c3e82643d'
down_revision = '6c21aaced609'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_secret', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('totp_last_step', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('recovery_codes', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('sessions_valid_after', sa.BigInteger(), nullable=False, server_default='0'))



def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('sessions_valid_after')
        batch_op.drop_column('recovery_codes')
        batch_op.drop_column('totp_last_step')
        batch_op.drop_column('totp_secret')

