"""a closed matter's decimal hours, dates and outcome from a list; a fund's grant; the defender's word

A firm now closes a matter with hours in hundredths (``Numeric(8, 2)``), the dates the work
ran, and an outcome code (``matcher.needs.outcomes.OUTCOMES``) beside a sealed note; a fund's
completion records the amount granted, its currency and the kinds of help it paid for; the
defender may say, privately, whether the help helped.

Every match's free-text outcome becomes its note, sealed again for the note's place, and a
match that had one gets the outcome "other"; its whole hours are kept. This opens and seals
values, so it needs the keys they were sealed under (``ENCRYPTION_KEYS``, or the embedded
setup's key file), as ``flask db upgrade`` has. Nothing to do after upgrading.

Downgrading writes each outcome back as free text (its code, then its note), rounds the hours
to whole hours, and drops the dates, grants and the defenders' words.

Revision ID: d2f4a6c8e0b3
Revises: e8a0c2d4f6b9
Create Date: 2026-12-03 10:00:00.000000

"""
from decimal import ROUND_HALF_UP, Decimal

from alembic import op
import sqlalchemy as sa


revision = 'd2f4a6c8e0b3'
down_revision = 'e8a0c2d4f6b9'
branch_labels = None
depends_on = None

# The codes at this revision (``matcher.needs.outcomes``).
OUTCOMES = ('charges_dropped', 'acquitted', 'convicted', 'released', 'bail_granted', 'slapp_dismissed',
            'costs_awarded', 'settled', 'injunction_lifted', 'ongoing', 'other')
VERDICTS = ('helped_a_lot', 'helped_somewhat', 'did_not_help', 'prefer_not_to_say')
CHECKS = {
    'outcome': f"outcome IN ({', '.join(repr(code) for code in OUTCOMES)})",
    'helped': f"helped IN ({', '.join(repr(code) for code in VERDICTS)})",
    'hours_not_negative': 'hours >= 0',
    'granted_amount_positive': 'granted_amount > 0',
}
NEW_COLUMNS = ('work_started_on', 'work_ended_on', 'outcome_note', 'granted_amount', 'granted_currency',
               'granted_for', 'helped', 'helped_note')
BATCH = 1000


def upgrade():
    with op.batch_alter_table('match') as batch_op:
        batch_op.add_column(sa.Column('work_started_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('work_ended_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('outcome_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('granted_amount', sa.Numeric(precision=14, scale=2), nullable=True))
        batch_op.add_column(sa.Column('granted_currency', sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column('granted_for', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('helped', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('helped_note', sa.Text(), nullable=True))
        batch_op.alter_column('outcome', existing_type=sa.Text(), nullable=True)
        batch_op.alter_column('hours', existing_type=sa.Integer(), type_=sa.Numeric(precision=8, scale=2))
    _rewrite(_outcome_as_note)
    with op.batch_alter_table('match') as batch_op:
        batch_op.alter_column('outcome', existing_type=sa.Text(), type_=sa.String(length=20))
        for column in ('outcome_note', 'granted_for', 'helped_note'):
            batch_op.alter_column(column, existing_type=sa.JSON() if column == 'granted_for' else sa.Text(),
                                  nullable=False)
        for name, condition in CHECKS.items():
            batch_op.create_check_constraint(batch_op.f(f'ck_match_{name}'), condition)


def downgrade():
    with op.batch_alter_table('match') as batch_op:
        for name in CHECKS:
            batch_op.drop_constraint(batch_op.f(f'ck_match_{name}'), type_='check')
        batch_op.alter_column('outcome', existing_type=sa.String(length=20), type_=sa.Text())
    _rewrite(_note_as_outcome)
    with op.batch_alter_table('match') as batch_op:
        for column in NEW_COLUMNS:
            batch_op.drop_column(column)
        batch_op.alter_column('outcome', existing_type=sa.Text(), nullable=False)
        batch_op.alter_column('hours', existing_type=sa.Numeric(precision=8, scale=2), type_=sa.Integer())


def _outcome_as_note(row, opened, sealed) -> dict:
    """The free text becomes the note, sealed for its new place; a match that had one ended in "other"."""
    text = opened(row.outcome, 'outcome')
    return {'outcome': 'other' if text.strip() else None, 'outcome_note': sealed(text, 'outcome_note'),
            'helped_note': sealed('', 'helped_note'), 'granted_for': []}


def _note_as_outcome(row, opened, sealed) -> dict:
    """The code and the note, as the free text the revision before kept, and the hours rounded as
    both databases round them (37.5 to 38)."""
    note = opened(row.outcome_note, 'outcome_note')
    code = '' if row.outcome in (None, 'other') else row.outcome.replace('_', ' ')
    hours = None if row.hours is None else int(Decimal(row.hours).quantize(1, ROUND_HALF_UP))
    return {'outcome': sealed(': '.join(part for part in (code, note) if part), 'outcome'), 'hours': hours}


def _rewrite(change) -> None:
    """Set the values ``change`` makes of each match row, a thousand rows at a time."""
    from matcher.core import crypto
    from matcher.models.sealed import place

    connection = op.get_bind()
    table = sa.table('match', sa.column('id'), sa.column('hours'), sa.column('outcome'), sa.column('outcome_note'),
                     sa.column('helped_note'), sa.column('granted_for', sa.JSON()))
    after = 0
    while rows := connection.execute(sa.select(table.c.id, table.c.hours, table.c.outcome, table.c.outcome_note)
                                     .where(table.c.id > after).order_by(table.c.id).limit(BATCH)).all():
        for row in rows:
            def opened(stored, column, row_id=row.id):
                return '' if stored is None else crypto.open_sealed(stored, place('match', column, row_id))

            def sealed(text, column, row_id=row.id):
                return crypto.seal(text, place('match', column, row_id))

            connection.execute(table.update().where(table.c.id == row.id).values(change(row, opened, sealed)))
        after = rows[-1].id
