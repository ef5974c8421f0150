"""Reading the CSV files people export from spreadsheets: encodings, delimiters, refusals.

Spreadsheet programs write UTF-8 with or without a byte-order mark, UTF-16 ("Unicode
text"), and commas, semicolons or tabs depending on the locale; binary files and
other encodings are refused with a message that says how to export instead. Every
file the platform reads (client lists, the relations registry, the command line's
parties) is read here, so a file one of them accepts, the others accept too.
"""

import csv
import io
import re

from flask_babel import gettext as _

# A field of a name list never spans lines; one that does usually hides an unclosed quote.
LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]")
# A refusal lists this many problems at most: enough to fix a file, not a wall of text.
MAX_ERRORS = 50


class FileRefused(ValueError):
    """The file was refused; ``errors`` lists what to fix, with line numbers."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def decode(data: bytes) -> str:
    """The file's text, or ``FileRefused`` saying what to do."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise FileRefused([_("the file is not valid UTF-16 text")]) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused([_("the file is not UTF-8 text: export it as 'CSV UTF-8'")]) from exc
    if "\x00" in text:
        raise FileRefused([_("the file holds binary data, not CSV text")])
    return text


def reader(text: str):
    """A strict ``csv.reader`` of ``text`` with the separator its header line uses most."""
    return csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)


def dict_reader(data: bytes, columns: tuple[str, ...], required: tuple[str, ...]) -> csv.DictReader:
    """A strict ``csv.DictReader`` of the file, its header folded to lower case, or ``FileRefused``
    (on line 1) when a ``required`` column is missing."""
    text = decode(data)
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        header = [(name or "").strip().lower() for name in rows.fieldnames or []]
    except csv.Error as exc:
        raise _not_csv(1, exc) from exc
    missing = [column for column in required if column not in header]
    if missing:
        raise FileRefused([_("line 1: the header must name the columns %(columns)s (missing: %(missing)s)",
                             columns=", ".join(columns), missing=", ".join(missing))])
    rows.fieldnames = header
    return rows


class Numbered:
    """Records given other than in a file (the API's JSON), read as a file's lines are: each
    numbered, from the first, as a ``DictReader`` numbers the lines after its header."""

    def __init__(self, records):
        self._records = iter(records)
        self.line_num = 0

    def __iter__(self):
        return self

    def __next__(self) -> dict:
        record = next(self._records)
        self.line_num += 1
        return record


def header(rows) -> list[str]:
    """The first line of a ``reader``, its cells folded to lower case, or ``FileRefused``."""
    try:
        return [cell.strip().lower() for cell in next(rows, [])]
    except csv.Error as exc:
        raise _not_csv(1, exc) from exc


def collect(rows, read_row) -> list:
    """``read_row(record, line)`` for every row, gathering (value, problems) pairs, or ``FileRefused``
    with every problem when there is one: one bad line refuses the whole file."""
    values, errors = [], []
    try:
        for record in rows:
            value, problems = read_row(record, rows.line_num)
            errors.extend(problems)
            if value is not None:
                values.append(value)
            if len(errors) >= MAX_ERRORS:
                errors.append(_("too many errors: stopped reading"))
                break
    except csv.Error as exc:
        errors.extend(_not_csv(rows.line_num, exc).errors)
    if errors:
        raise FileRefused(errors)
    return values


def _not_csv(line: int, error: csv.Error) -> FileRefused:
    return FileRefused([_("line %(line)s: the file is not valid CSV (%(error)s)", line=line, error=error)])


def other_names(cell: str) -> tuple[str, ...]:
    """A cell of other names (aliases), written one after the other with ``|`` between them."""
    return tuple(name.strip() for name in cell.split("|") if name.strip())


def _delimiter(text: str) -> str:
    """The separator the header line uses most."""
    first_line = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first_line.count)
