"""The privacy guard for case event logs: refuse direct identifiers, hash case ids.

Event logs of the chain are special-category personal data. Only
pseudonymised logs may be read. Before anything else is computed the guard
scans every column (inside DuckDB, no Python row loop) for:

- ``bsn``: a 9-digit number (8 digits with a dropped leading zero in numeric
  columns) passing the *11-proef* of the Burgerservicenummer;
- ``email``: an e-mail address;
- ``phone``: a Dutch phone number (``06…``, ``0 70…``, ``+31…``, ``0031…``);
- ``postcode``: a Dutch postcode (``2511 AB``);
- ``name-or-address-column``: a column whose *name* says it holds names,
  addresses, birth dates or contact data (``naam``, ``adres``, ``straat``…).

A finding reports the column, the kind and the number of rows affected,
never a value. The 11-proef:

>>> passes_elfproef("111222333"), passes_elfproef("123456789")
(True, False)

Case ids are replaced at load by a salted SHA-256 (:func:`case_salt`); the
salt comes from ``KETENKAART_CASE_SALT`` or is generated per run and not
stored, so the keys cannot be linked across runs unless the salt is set.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb

from graph.errors import ChainError

__all__ = [
    "Finding",
    "IdentifiersFound",
    "passes_elfproef",
    "scan_relation",
    "guard",
    "case_salt",
    "SALT_ENV",
    "IDENTIFYING_COLUMN_NAMES",
]

SALT_ENV = "KETENKAART_CASE_SALT"

# Column names that say the column holds direct identifiers (matched as whole
# words of the lower-cased name split on non-letters).
IDENTIFYING_COLUMN_NAMES = frozenset(
    {
        "naam", "namen", "name", "names", "voornaam", "achternaam", "tussenvoegsel", "voorletters",
        "firstname", "lastname", "surname", "fullname", "initials",
        "adres", "address", "straat", "straatnaam", "street", "huisnummer", "housenumber",
        "postcode", "zipcode", "zip", "postal", "woonplaats", "city", "plaats",
        "geboortedatum", "birthdate", "dob", "birth", "geboren",
        "bsn", "burgerservicenummer", "ssn",
        "email", "mail", "telefoon", "telefoonnummer", "tel", "phone", "mobiel", "mobile",
    }
)
_COMPOUND = ("naam", "name", "adres", "address", "straat", "street", "telefoon", "phone", "geboorte", "birth", "email")

# RE2 patterns (DuckDB); a token must not be glued to other digits.
_EMAIL_RE = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
_PHONE_RE = r"(^|[^0-9])(\+31|0031|0)[ \-]?(\(0\))?[ \-]?[1-9]([ \-]?[0-9]){8}([^0-9]|$)"
_POSTCODE_RE = r"(^|[^0-9A-Za-z])[1-9][0-9]{3} ?[A-Z]{2}([^A-Za-z]|$)"
_NINE_DIGITS_RE = r"(?:^|[^0-9])([0-9]{9})(?:[^0-9]|$)"

_NUMERIC_TYPES = ("BIGINT", "INTEGER", "HUGEINT", "UBIGINT", "UINTEGER", "DECIMAL", "DOUBLE")


@dataclass(frozen=True)
class Finding:
    """A column that holds direct identifiers; never carries a value."""

    column: str
    kind: str  # bsn | email | phone | postcode | name-or-address-column
    rows: int

    def __str__(self) -> str:
        noun = "row" if self.rows == 1 else "rows"
        return f"column {self.column!r}: {self.kind} in {self.rows} {noun}"


class IdentifiersFound(ChainError):
    """The log holds direct identifiers; it is refused. Values are never shown."""

    def __init__(self, source: str, findings: list[Finding] | tuple[Finding, ...]):
        self.source = source
        self.findings = tuple(findings)
        lines = [f"{source}: refused, the log contains direct identifiers (values not shown):"]
        lines += [f"  {finding}" for finding in self.findings]
        lines.append("Pseudonymise the log (drop these columns, hash case ids) before loading it.")
        super().__init__("\n".join(lines))


def passes_elfproef(digits: str) -> bool:
    """Whether a 9-digit string passes the BSN 11-proef (weights 9..2, then -1).

    >>> passes_elfproef("000000000")
    False
    """
    if not re.fullmatch(r"[0-9]{9}", digits) or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _elfproef_sql(x: str) -> str:
    """SQL boolean: the 9-character digit string ``x`` passes the 11-proef."""
    terms = " + ".join(f"{9 - i} * CAST(substr({x}, {i + 1}, 1) AS INTEGER)" for i in range(8))
    return f"({x} <> '000000000' AND (({terms}) - CAST(substr({x}, 9, 1) AS INTEGER)) % 11 = 0)"


def _identifying_name(column: str) -> bool:
    words = [w for w in re.split(r"[^a-z]+", column.lower()) if w]
    if any(w in IDENTIFYING_COLUMN_NAMES for w in words):
        return True
    return any(w.endswith(part) or w.startswith(part) for w in words for part in _COMPOUND)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def scan_relation(
    con: duckdb.DuckDBPyConnection,
    table: str,
    *,
    skip: tuple[str, ...] = (),
    distinct: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Scan a DuckDB table or view for direct identifiers.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
    table : str
        Name of a table or view in ``con``.
    skip : tuple of str
        Columns not to scan for values (their names are still checked).
    distinct : mapping of str to str, optional
        Column name -> a table with that column's distinct values ``v`` and
        their row counts ``n``, already computed by the caller (the loader
        groups case ids once for the guard and the hashing); the column is
        then scanned from there instead of being grouped again.

    Returns
    -------
    list of Finding
        One per (column, kind) with at least one affected row; empty when clean.

    Examples
    --------
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 'mail: x@y.nl'), ('b', 'ok')) v(case_id, note)")
    >>> [str(f) for f in scan_relation(con, "t")]
    ["column 'note': email in 1 row"]
    >>> _ = con.execute("CREATE TABLE ids AS SELECT * FROM (VALUES ('111222333', 4), ('a', 2)) v(v, n)")
    >>> [str(f) for f in scan_relation(con, "t", distinct={"case_id": "ids"})]
    ["column 'case_id': bsn in 4 rows", "column 'note': email in 1 row"]
    """
    distinct = dict(distinct or {})
    columns = con.execute(f"DESCRIBE {_quote(table)}").fetchall()
    findings: list[Finding] = []
    for name, col_type, *_ in columns:
        col_type = str(col_type).upper()
        checks: list[tuple[str, str]] = []  # (kind, sql boolean over the distinct value v)
        if _identifying_name(name):
            checks.append(("name-or-address-column", "v IS NOT NULL"))
        if name not in skip:
            if col_type.startswith("VARCHAR"):
                nine = f"regexp_extract_all(v, '{_NINE_DIGITS_RE}', 1)"
                checks.append(("bsn", f"len(list_filter({nine}, lambda x: {_elfproef_sql('x')})) > 0"))
                checks.append(("email", f"regexp_matches(v, '{_EMAIL_RE}')"))
                checks.append(("phone", f"regexp_matches(v, '{_PHONE_RE}')"))
                checks.append(("postcode", f"regexp_matches(v, '{_POSTCODE_RE}')"))
            elif col_type.startswith(_NUMERIC_TYPES):
                # A BSN stored as a number loses a leading zero: pad to 9 digits.
                padded = "lpad(CAST(CAST(v AS HUGEINT) AS VARCHAR), 9, '0')"
                whole = "(v >= 1000000 AND v < 1000000000)"
                if col_type.startswith(("DECIMAL", "DOUBLE")):
                    whole = f"(v = floor(v) AND {whole})"
                checks.append(("bsn", f"({whole} AND {_elfproef_sql(padded)})"))
        if not checks:
            continue
        # Each distinct value is checked once and weighted by how many rows hold it.
        select = ", ".join(f"coalesce(sum(n) FILTER (WHERE {sql}), 0)" for _, sql in checks)
        grouped = (f"SELECT v, n FROM {_quote(distinct[name])}" if name in distinct
                   else f"SELECT {_quote(name)} AS v, count(*) AS n FROM {_quote(table)} GROUP BY ALL")
        counts = con.execute(f"SELECT {select} FROM ({grouped})").fetchone()
        assert counts is not None  # an aggregate without GROUP BY returns one row
        for (kind, _), rows in zip(checks, counts, strict=False):
            if rows:
                findings.append(Finding(column=name, kind=kind, rows=int(rows)))
    return findings


def guard(
    con: duckdb.DuckDBPyConnection,
    table: str,
    source: str,
    *,
    skip: tuple[str, ...] = (),
    distinct: Mapping[str, str] | None = None,
) -> None:
    """Raise :class:`IdentifiersFound` when :func:`scan_relation` finds anything.

    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TABLE t AS SELECT 'c1' AS case_id, 'melding' AS activity")
    >>> guard(con, "t", "log.csv") is None
    True
    """
    findings = scan_relation(con, table, skip=skip, distinct=distinct)
    if findings:
        raise IdentifiersFound(source, findings)


def case_salt(environ: Mapping[str, str] | None = None) -> str:
    """The salt for case-id hashing: ``KETENKAART_CASE_SALT`` or a fresh random one.

    A generated salt is returned to the caller only and never written anywhere.

    >>> case_salt({"KETENKAART_CASE_SALT": "s3cret"})
    's3cret'
    >>> len(case_salt({}))
    32
    """
    environ = os.environ if environ is None else environ
    salt = environ.get(SALT_ENV)
    return salt if salt else secrets.token_hex(16)
