"""Tables people download: CSV that a spreadsheet cannot run, and JSON.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after spaces, a
tab or a line break), or with a tab or carriage return, is a formula to
Excel and LibreOffice; such text cells get a leading apostrophe, which the
spreadsheet shows as plain text (OWASP "CSV injection"). Numbers stay
numbers.

>>> neutralise("@SUM(1+1)*cmd|' /C calc'!A0")
"'@SUM(1+1)*cmd|' /C calc'!A0"
>>> neutralise("  =1+1"), neutralise("\\t-2"), neutralise("Politie"), neutralise(-3)
("'  =1+1", "'\\t-2", 'Politie', -3)
>>> csv_bytes([{"Naam": "=HYPERLINK(\\"http://x\\")", "n": 5}]).decode("utf-8-sig").splitlines()
['Naam,n', '"\\'=HYPERLINK(""http://x"")",5']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from graph.encode import plain

__all__ = ["FORMULA_STARTS", "csv_bytes", "json_bytes", "neutralise"]

FORMULA_STARTS = ("=", "+", "-", "@")


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made plain text; other values as they are."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in "\t\r\n" or value.lstrip(" \t\r\n")[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def csv_bytes(rows: Sequence[dict[str, Any]]) -> bytes:
    """Rows (flat dicts with the same keys) as CSV, UTF-8 with a byte order mark (so Excel reads the accents)."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()))  # RFC 4180: CRLF, quotes fields with CR or LF
        writer.writerow({k: neutralise(k) for k in rows[0]})
        for row in rows:
            writer.writerow({k: neutralise(v) for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def json_bytes(rows: Any) -> bytes:
    """Model values and query results as indented UTF-8 JSON (through the one encoder, :func:`graph.encode.plain`)."""
    return json.dumps(plain(rows), ensure_ascii=False, indent=2).encode("utf-8")
