"""Read and write the chain as one Excel workbook (policy staff keep lists in Excel).

Layout (also in ``docs/data-format.md``, section "The Excel workbook"):

- sheet ``region``: header ``region``, ``title``; one row.
- one sheet per kind (``sources``, ``phases``, ``organisations``,
  ``legal_bases``, ``instruments``, ``handoffs``, ``signals``,
  ``observations``): header row =
  the canonical field names, one element per row. Lists are ``"; "``-separated
  cells (``passes``, ``sources``, ``legal_bases``…).
- a hand-off's norm is flattened into ``norm_description``, ``norm_amount``,
  ``norm_unit``, ``norm_kind``, ``norm_sources``, ``norm_status`` on the
  ``handoffs`` sheet (all empty: no norm).
- sheet ``failure_modes``: ``handoff`` (the hand-off id) then the failure-mode
  fields; sheet ``durations``: ``instrument`` then the duration fields. Rows
  keep their order within their hand-off or instrument.

Problems name ``file[sheet]:row`` and the field (``norm.amount`` is column
``norm_amount``).

>>> import tempfile, pathlib
>>> from graph.examples import toy_chain
>>> from loaders.build import build_model
>>> book = pathlib.Path(tempfile.mkdtemp()) / "toy.xlsx"
>>> write_workbook(toy_chain(), book)
>>> build_model(read_workbook(book)) == toy_chain()
True
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from graph.errors import ChainError, Problem
from graph.model import ChainModel
from graph.suggest import did_you_mean
from loaders.build import (
    DURATION_FIELDS,
    FAILURE_MODE_FIELDS,
    NORM_FIELDS,
    SPECS,
    Field,
    model_to_records,
)
from loaders.records import Record, RecordSet

__all__ = ["read_workbook", "write_workbook", "SHEET_COLUMNS", "LIST_SEPARATOR", "MAX_UNPACKED_BYTES",
           "MAX_PART_BYTES", "MAX_SHARED_STRINGS_BYTES", "MAX_ROWS", "MAX_CELLS"]

# Limits checked before openpyxl parses anything (a workbook is a zip: 1 MB can unpack to gigabytes).
# A chain's workbook is a few hundred rows; these leave a hundredfold margin.
MAX_UNPACKED_BYTES = 200 * 2**20  # all parts together, as declared in the zip directory
MAX_PART_BYTES = 100 * 2**20  # one part (a sheet's XML)
MAX_SHARED_STRINGS_BYTES = 20 * 2**20  # xl/sharedStrings.xml: the part the known bombs inflate
MAX_ROWS = 100_000  # rows read from one sheet
MAX_CELLS = 2_000_000  # cells read from the whole workbook

LIST_SEPARATOR = "; "
REGION_SHEET = "region"
FAILURE_MODES_SHEET = "failure_modes"
DURATIONS_SHEET = "durations"
_NORM_PREFIX = "norm_"


def _columns(kind: str) -> list[str]:
    cols: list[str] = []
    for f in SPECS[kind]:
        if f.type == "norm":
            cols += [_NORM_PREFIX + n.name for n in NORM_FIELDS]
        elif f.type in ("failure_modes", "durations"):
            continue
        else:
            cols.append(f.name)
    return cols


# sheet -> header row, in writing order
SHEET_COLUMNS: dict[str, list[str]] = {
    REGION_SHEET: ["region", "title"],
    **{kind: _columns(kind) for kind in SPECS},
    FAILURE_MODES_SHEET: ["handoff", *(f.name for f in FAILURE_MODE_FIELDS)],
    DURATIONS_SHEET: ["instrument", *(f.name for f in DURATION_FIELDS)],
}

_SPEC_BY_COLUMN: dict[str, dict[str, Field]] = {kind: {f.name: f for f in SPECS[kind]} for kind in SPECS}
_SPEC_BY_COLUMN["handoffs"].update({_NORM_PREFIX + n.name: n for n in NORM_FIELDS})
_SPEC_BY_COLUMN[FAILURE_MODES_SHEET] = {f.name: f for f in FAILURE_MODE_FIELDS}
_SPEC_BY_COLUMN[DURATIONS_SHEET] = {f.name: f for f in DURATION_FIELDS}

_TITLE = Field("title", "text")  # free text, kept as typed
_TRUE = {"true", "ja", "waar", "yes", "1"}
_FALSE = {"false", "nee", "onwaar", "no", "0"}


# --- writing -------------------------------------------------------------------

def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dt.date):
        # ISO text, not a date cell: Excel cannot hold dates before 1900.
        return value.isoformat()
    return value


def write_workbook(model: ChainModel, path: Path) -> None:
    """Write ``model`` as one workbook at ``path`` (layout: module docstring).

    Writes in place; callers wanting an atomic write use
    :func:`loaders.writers.write_export`.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils.exceptions import IllegalCharacterError

    records = model_to_records(model)
    book = Workbook()
    for empty in book.worksheets:  # the one empty sheet a new workbook starts with
        book.remove(empty)
    rows: dict[str, list[dict[str, Any]]] = {REGION_SHEET: [{"region": model.region, "title": model.title}]}
    rows[FAILURE_MODES_SHEET] = []
    rows[DURATIONS_SHEET] = []
    for kind, items in records.items():
        rows[kind] = []
        for item in items:
            row = dict(item)
            norm = row.pop("norm", None)
            if norm:
                row.update({_NORM_PREFIX + k: v for k, v in norm.items()})
            for mode in row.pop("failure_modes", []):
                rows[FAILURE_MODES_SHEET].append({"handoff": item["id"], **mode})
            for duration in row.pop("durations", []):
                rows[DURATIONS_SHEET].append({"instrument": item["id"], **duration})
            rows[kind].append(row)
    for sheet, header in SHEET_COLUMNS.items():
        ws = book.create_sheet(sheet)
        ws.append(header)
        for number, row in enumerate(rows[sheet], start=2):
            values = [_cell(row.get(col)) for col in header]
            try:
                ws.append(values)
            except IllegalCharacterError as exc:
                raise ChainError(f"cannot write {row.get('id') or row.get(header[0])!r} to sheet {sheet!r}: "
                                 "a value holds a control character Excel does not allow") from exc
            for col, value in enumerate(values, start=1):
                if isinstance(value, str) and value.startswith("="):
                    ws.cell(number, col).data_type = "s"  # text, not a formula
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    book.save(path)


# --- reading ---------------------------------------------------------------------

def _coerce(spec: Field | None, value: Any) -> Any:
    """Turn a cell into the canonical value for its field; leave junk for the builder.

    Free text is kept exactly as typed; ids, enum values, numbers and dates
    lose surrounding spaces (a stray space in Excel is invisible).
    """
    if isinstance(value, str):
        if not value.strip():
            return None
        if spec is None or spec.type != "text":
            value = value.strip()
    if spec is None:
        return value
    if isinstance(value, dt.datetime) and spec.type in ("date", "isodate"):
        return value.date()
    if spec.is_list:
        if isinstance(value, str):
            return [part.strip() for part in value.split(";") if part.strip()]
        return [value]
    if spec.type == "bool" and isinstance(value, str):
        low = value.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
    if spec.type in ("number", "count", "int") and isinstance(value, str):
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    if spec.type == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    if spec.type in ("text", "isodate", "period") and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class _Unreadable(Exception):
    """A sheet could not be read to its end (damaged part, or a limit reached); ``where`` is file[sheet]:row."""

    def __init__(self, where: str, message: str):
        super().__init__(message)
        self.where = where
        self.message = message


def _unpacked_size_problem(path: Path) -> Problem | None:
    """A problem when the zip's parts would unpack past the limits (read from the zip directory, before parsing).

    Python's zipfile stops at a part's declared size (and fails on a mismatch), so the declared sizes bound
    what openpyxl can unpack.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a zip: load_workbook reports it as not a readable workbook
    total = sum(p.file_size for p in parts)
    if total > MAX_UNPACKED_BYTES:
        return Problem(str(path), "(file)", f"refused: the workbook unpacks to {total // 2**20} MB, more than the "
                                            f"limit of {MAX_UNPACKED_BYTES // 2**20} MB (a zip bomb, or not a chain)")
    for part in parts:
        limit = MAX_SHARED_STRINGS_BYTES if part.filename.lower().endswith("sharedstrings.xml") else MAX_PART_BYTES
        if part.file_size > limit:
            return Problem(str(path), "(file)", f"refused: part {part.filename[:60]!r} unpacks to "
                                                f"{part.file_size // 2**20} MB, more than the limit of "
                                                f"{limit // 2**20} MB (a zip bomb, or not a chain)")
    return None


class _SheetReader:
    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        self.cells = 0

    def at(self, sheet: str, row: int) -> str:
        return f"{self.path}[{sheet}]:{row}"

    def rows(self, ws: Any, sheet: str) -> list[tuple[int, dict[str, Any], dict[str, str]]]:
        """(row number, {column: value}, {column: location}) of each non-empty data row."""
        header: list[str | None] = []
        out: list[tuple[int, dict[str, Any], dict[str, str]]] = []
        # The <dimension> a sheet declares is not trusted: rows past it are read like any other.
        ws.reset_dimensions()
        number = 0
        iterator = ws.iter_rows(values_only=True)
        while True:
            try:
                values = next(iterator, None)
            except Exception as exc:  # noqa: BLE001 - a damaged part fails while streaming: say where, never a value
                raise _Unreadable(self.at(sheet, number + 1),
                                  f"damaged sheet content after row {number} ({type(exc).__name__})") from None
            if values is None:
                break
            number += 1
            self.cells += len(values)
            if number > MAX_ROWS or self.cells > MAX_CELLS:
                what = f"{MAX_ROWS} rows in a sheet" if number > MAX_ROWS else f"{MAX_CELLS} cells in the workbook"
                raise _Unreadable(self.at(sheet, number), f"refused: more than {what} (the limit)")
            if number == 1:
                for cell in values:
                    if cell is None or (isinstance(cell, str) and not cell.strip()):
                        header.append(None)
                    else:
                        header.append(str(cell).strip())
                seen: set[str] = set()
                for name in header:
                    if name is not None and name in seen:
                        self.problems.append(Problem(self.at(sheet, 1), name, f"column {name!r} appears twice"))
                    if name is not None:
                        seen.add(name)
                continue
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            row: dict[str, Any] = {}
            for col, value in enumerate(values):
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                name = header[col] if col < len(header) else None
                if name is None:
                    self.problems.append(Problem(self.at(sheet, number), f"column {col + 1}",
                                                 "a value in a column without a header"))
                    continue
                if name not in row:
                    row[name] = value
            out.append((number, row, {}))
        return out


def read_workbook(path: Path) -> RecordSet:
    """Read a workbook in the layout of this module into a RecordSet.

    Parameters
    ----------
    path : Path
        An ``.xlsx`` file.

    Returns
    -------
    RecordSet
        Records located as ``file[sheet]:row``; what cannot be read is in
        ``problems`` (nothing raises).
    """
    path = Path(path)
    problems: list[Problem] = []
    too_big = _unpacked_size_problem(path)
    if too_big is not None:
        problems.append(too_big)
        return RecordSet(records=[], region="", problems=problems)
    try:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on a corrupt file; report, don't crash
        problems.append(Problem(str(path), "(file)", f"not a readable .xlsx workbook ({type(exc).__name__})"))
        return RecordSet(records=[], region="", problems=problems)
    try:
        return _read_book(path, book, problems)
    except _Unreadable as exc:  # a damaged sheet part, or a limit reached, while streaming rows
        problems.append(Problem(exc.where, "(sheet)", exc.message))
        return RecordSet(records=[], region="", problems=problems)
    except Exception as exc:  # noqa: BLE001 - anything else openpyxl raises on a damaged part: no value shown
        problems.append(Problem(str(path), "(file)", f"damaged workbook content ({type(exc).__name__})"))
        return RecordSet(records=[], region="", problems=problems)
    finally:
        book.close()


def _read_book(path: Path, book: Any, problems: list[Problem]) -> RecordSet:
    reader = _SheetReader(path, problems)
    sheets = set(book.sheetnames)
    problems.extend(Problem(f"{path}[{name}]", "(sheet)",
                            f"unknown sheet {name!r}; known sheets: {', '.join(SHEET_COLUMNS)}")
                    for name in sorted(sheets - set(SHEET_COLUMNS)))
    problems.extend(Problem(f"{path}[{name}]", "(sheet)", "required sheet is missing")
                    for name in (REGION_SHEET, "sources", "organisations", "handoffs") if name not in sheets)

    region: Any = ""
    title: Any = ""
    if REGION_SHEET in sheets:
        rows = reader.rows(book[REGION_SHEET], REGION_SHEET)
        if rows:
            number, row, _ = rows[0]
            region, title = _coerce(None, row.get("region")), _coerce(_TITLE, row.get("title")) or ""
            problems.extend(Problem(reader.at(REGION_SHEET, number), key, f"unknown column {key!r}")
                            for key in row if key not in ("region", "title"))
            if not isinstance(region, str) or not region:
                problems.append(Problem(reader.at(REGION_SHEET, number), "region", "the region must be given as text"))
                region = ""
            if not isinstance(title, str):
                problems.append(Problem(reader.at(REGION_SHEET, number), "title", "the title must be text"))
                title = ""
            for extra, _, _ in rows[1:]:
                problems.append(Problem(reader.at(REGION_SHEET, extra), "region", "the region sheet has one row"))
        else:
            problems.append(Problem(reader.at(REGION_SHEET, 2), "region", "the region row is missing"))

    records: list[Record] = []
    by_id: dict[tuple[str, Any], Record] = {}
    for kind in SPECS:
        if kind not in sheets:
            continue
        specs = _SPEC_BY_COLUMN[kind]
        for number, row, _ in reader.rows(book[kind], kind):
            where = reader.at(kind, number)
            data: dict[str, Any] = {}
            locations: dict[str, str] = {}
            norm: dict[str, Any] = {}
            for column, value in row.items():
                if kind == "handoffs" and column.startswith(_NORM_PREFIX):
                    sub = column[len(_NORM_PREFIX):]
                    norm[sub] = _coerce(specs.get(column), value)
                    locations[f"norm.{sub}"] = where
                    continue
                data[column] = _coerce(specs.get(column), value)
                locations[column] = where
            if norm:
                data["norm"] = norm
                locations["norm"] = where
            record = Record(kind=kind, data=data, location=where, field_locations=locations)
            records.append(record)
            with contextlib.suppress(TypeError):  # an unhashable id is reported by the model build
                by_id.setdefault((kind, data.get("id")), record)

    for sheet, owner_column, owner_kind, field in (
        (FAILURE_MODES_SHEET, "handoff", "handoffs", "failure_modes"),
        (DURATIONS_SHEET, "instrument", "instruments", "durations"),
    ):
        if sheet not in sheets:
            continue
        specs = _SPEC_BY_COLUMN[sheet]
        for number, row, _ in reader.rows(book[sheet], sheet):
            where = reader.at(sheet, number)
            owner_id = _coerce(None, row.pop(owner_column, None))
            try:
                owner = by_id.get((owner_kind, owner_id))
            except TypeError:
                owner = None
            if owner is None:
                known = sorted(str(k[1]) for k in by_id if k[0] == owner_kind)
                hint = did_you_mean(owner_id, known) if isinstance(owner_id, str) else ""
                problems.append(Problem(where, owner_column, f"unknown {owner_column} {owner_id!r}{hint}"))
                continue
            items = owner.data.setdefault(field, [])
            if not isinstance(items, list):
                problems.append(Problem(where, owner_column, f"{field} of {owner_id!r} must be on this sheet only"))
                continue
            path_key = f"{field}[{len(items)}]"
            item = {column: _coerce(specs.get(column), value) for column, value in row.items()}
            items.append(item)
            owner.field_locations[path_key] = where
            for column in item:
                owner.field_locations[f"{path_key}.{column}"] = where
    return RecordSet(records=records, region=region, title=title, problems=problems)
