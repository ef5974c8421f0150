"""Reading the CSV files people export from spreadsheets: encodings and delimiters.

Spreadsheet programs write UTF-8 with or without a byte-order mark, UTF-16 ("Unicode
text"), and commas, semicolons or tabs depending on the locale; binary files and
other encodings are refused with a message that says how to export instead.
"""

import re

# A field of a name list never spans lines; one that does usually hides an unclosed quote.
LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]")


def decode(data: bytes, error: type[Exception]) -> str:
    """The file's text, or ``error([message])`` saying what to do."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise error(["the file is not valid UTF-16 text"]) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(["the file is not UTF-8 text: export it as 'CSV UTF-8'"]) from exc
    if "\x00" in text:
        raise error(["the file holds binary data, not CSV text"])
    return text


def delimiter(text: str) -> str:
    """The separator the header line uses most."""
    first_line = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first_line.count)
