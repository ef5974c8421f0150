"""seal every sensitive value for its table, column and row

Values sealed before this revision open anywhere they are copied to; from now on each
is sealed for its place (``matcher.models.sealed``), and plain text is no longer read.
This seals, in place, what is still plain text, sealed without a place, or sealed with
Fernet, a thousand rows at a time. It needs the keys the values were sealed under
(``ENCRYPTION_KEYS``, or the embedded setup's key file), as ``flask db upgrade`` has.

There is no way back short of the backup taken before upgrading: the code before this
revision cannot read values sealed for their place, and writing them out as plain
text is what this revision exists to prevent. Downgrading an empty database works.

Revision ID: e4f1a9c6b2d8
Revises: c8a2e5d1f940
Create Date: 2026-12-01 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'e4f1a9c6b2d8'
down_revision = 'c8a2e5d1f940'
branch_labels = None
depends_on = None

# The sealed columns at this revision.
SEALED = {
    'adverse_party': ('name', 'aliases'),
    'audit_event': ('note',),
    'client_entry': ('name', 'aliases'),
    'conflict_decision': ('note',),
    'conflict_hit': ('party_name', 'client_name', 'reason', 'decision_note'),
    'defender_profile': ('pseudonym', 'contact'),
    'invitation': ('email',),
    'law_firm': ('contact_name', 'contact_email', 'contact_phone'),
    'match': ('response_note', 'outcome'),
    'need': ('summary', 'details'),
    'user_account': ('email', 'display_name', 'totp_secret'),
}
BATCH = 1000


def upgrade():
    from matcher.core import crypto
    from matcher.models.sealed import place

    connection = op.get_bind()
    for table_name, columns in SEALED.items():
        for column_name in columns:
            table = sa.table(table_name, sa.column('id'), sa.column(column_name))
            value = table.c[column_name]
            unplaced = sa.and_(value.is_not(None), value.not_like(crypto.PREFIX + '%'))
            after = 0
            while rows := connection.execute(
                    sa.select(table.c.id, value).where(unplaced, table.c.id > after)
                    .order_by(table.c.id).limit(BATCH)).all():
                connection.execute(
                    table.update().where(table.c.id == sa.bindparam('row_id'))
                    .values({column_name: sa.bindparam('sealed')}),
                    [{'row_id': row_id, 'sealed': crypto.seal(crypto.open_unplaced(stored),
                                                              place(table_name, column_name, row_id))}
                     for row_id, stored in rows])
                after = rows[-1][0]


def downgrade():
    connection = op.get_bind()
    for table_name in SEALED:
        if connection.execute(sa.select(sa.func.count()).select_from(sa.table(table_name))).scalar():
            raise RuntimeError(
                f"{table_name} holds values sealed for their place, which the code before this "
                "revision cannot read: restore the backup taken before upgrading instead")
