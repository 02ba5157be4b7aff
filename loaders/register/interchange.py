"""Export and import casussen as JSON, CSV or XLSX: validated like the chain loaders, all or nothing.

JSON keeps the nesting (casus → knelpunten → agreements) and may carry
systeemknelpunten. CSV and XLSX are flat: one row per agreement (or per
knelpunt without one), the casus and knelpunt columns repeated; rows of one
casus share its ``code``, rows of one knelpunt its ``knelpunt`` number.

Import reads the whole file, checks every field (closed lists, dates, chain
element ids with "did you mean", free text through the privacy gate,
duplicate codes in the file and in the register) and reports every problem
as ``file:line`` (CSV), ``file[sheet]:row`` (XLSX) or ``file: casussen[i]``
(JSON) with the field. Only a file without problems is written, in one
transaction.

Reduced casussen (after the retention period) have no code and are not exported.

>>> FLAT_COLUMNS[:4]
('code', 'review_date', 'region', 'violence')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.errors import Problem
from graph.model import ChainModel
from graph.suggest import did_you_mean
from loaders.register.errors import RegisterImportError
from loaders.register.records import (
    Casus,
    CasusInput,
    Principal,
    Snapshot,
    SystemIssueInput,
)
from loaders.register.repository import Register, require
from loaders.register.validate import (
    FieldProblem,
    parse_agreement,
    parse_casus,
    parse_system_issue,
)
from loaders.register.vocab import Role

__all__ = [
    "FLAT_COLUMNS",
    "FORMATS",
    "casus_to_dict",
    "export_casussen",
    "import_file",
    "load_json_register",
    "read_casussen",
    "snapshot_to_json",
]

FORMATS = ("json", "csv", "xlsx")
FORMAT_NAME = "ketenkaart-register"
CASUS_COLUMNS = ("code", "review_date", "region", "violence", "organisations", "status", "closed_on")
KNELPUNT_COLUMNS = ("knelpunt", "elements", "category", "description", "evidence")
AGREEMENT_FIELDS = ("what", "by_organisation", "by_role", "deadline", "follow_up", "status", "level", "agreed_on")
FLAT_COLUMNS = CASUS_COLUMNS + KNELPUNT_COLUMNS + tuple(f"agreement_{f}" for f in AGREEMENT_FIELDS)
REQUIRED_COLUMNS = ("code", "review_date", "region", "violence", "knelpunt", "elements", "category", "description")
MAX_ROWS = 20_000
MAX_BYTES = 20 * 1024 * 1024  # a register file is small; refuse anything that unpacks larger


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def casus_to_dict(c: Casus) -> dict[str, Any]:
    """The JSON shape of one casus (see docs/register.md)."""
    return {
        "code": c.code, "review_date": _date(c.review_date), "region": c.region,
        "violence": [v.value for v in c.violence], "organisations": list(c.organisations),
        "status": c.status.value, "closed_on": _date(c.closed_on),
        "knelpunten": [{
            "knelpunt": k.number, "elements": list(k.elements), "category": k.category.value,
            "description": k.description, "evidence": k.evidence,
            "agreements": [{"what": a.what, "by_organisation": a.by_organisation, "by_role": a.by_role,
                            "deadline": _date(a.deadline), "follow_up": _date(a.follow_up), "status": a.status.value,
                            "level": a.level.value, "agreed_on": _date(a.agreed_on)} for a in k.agreements],
        } for k in c.knelpunten],
    }


def snapshot_to_json(snapshot: Snapshot) -> dict[str, Any]:
    """The whole register (casussen with a code, and systeemknelpunten) in the JSON exchange shape."""
    numbers = {k.id: (c.code, k.number) for c in snapshot.casussen for k in c.knelpunten}
    return {
        "format": FORMAT_NAME, "version": 1, "demo": snapshot.demo,
        "casussen": [casus_to_dict(c) for c in snapshot.casussen if c.code],
        "systeemknelpunten": [{
            "code": s.code, "title": s.title, "description": s.description, "category": s.category.value,
            "level": s.level.value, "status": s.status.value, "owner_organisation": s.owner_organisation,
            "owner_role": s.owner_role,
            "knelpunten": [{"casus": numbers[k][0], "knelpunt": numbers[k][1]} for k in s.knelpunt_ids
                           if k in numbers and numbers[k][0]],
            "agreements": [{"what": a.what, "by_organisation": a.by_organisation, "by_role": a.by_role,
                            "deadline": _date(a.deadline), "follow_up": _date(a.follow_up), "status": a.status.value,
                            "level": a.level.value, "agreed_on": _date(a.agreed_on)} for a in s.agreements],
        } for s in snapshot.system_issues],
    }


def _flat_rows(casussen: Iterable[Casus]) -> list[dict[str, Any]]:
    rows = []
    for c in casussen:
        if not c.code:
            continue
        base = {"code": c.code, "review_date": _date(c.review_date), "region": c.region,
                "violence": "; ".join(v.value for v in c.violence), "organisations": "; ".join(c.organisations),
                "status": c.status.value, "closed_on": _date(c.closed_on)}
        for k in c.knelpunten:
            kp = {"knelpunt": k.number, "elements": "; ".join(k.elements), "category": k.category.value,
                  "description": k.description, "evidence": k.evidence}
            for a in k.agreements or [None]:
                ag = {f"agreement_{f}": None for f in AGREEMENT_FIELDS}
                if a is not None:
                    ag = {"agreement_what": a.what, "agreement_by_organisation": a.by_organisation,
                          "agreement_by_role": a.by_role, "agreement_deadline": _date(a.deadline),
                          "agreement_follow_up": _date(a.follow_up), "agreement_status": a.status.value,
                          "agreement_level": a.level.value, "agreement_agreed_on": _date(a.agreed_on)}
                rows.append({**base, **kp, **ag})
    return rows


def export_casussen(register: Register, actor: Principal, fmt: str) -> bytes:
    """Every casus (with a code) as ``json``, ``csv`` or ``xlsx`` bytes (a *lid*)."""
    require(actor, Role.LID)
    if fmt not in FORMATS:
        raise RegisterImportError("export", [Problem("export", "format", f"unknown format {fmt!r}{did_you_mean(fmt, FORMATS)}")])
    snapshot = register.snapshot()
    if fmt == "json":
        return (json.dumps(snapshot_to_json(snapshot), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    rows = _flat_rows(snapshot.casussen)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(FLAT_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "casussen"
    sheet.append(list(FLAT_COLUMNS))
    for row in rows:
        sheet.append([row.get(c) for c in FLAT_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- reading ------------------------------------------------------------------------------------


class _Located:
    """Raw casus dicts with where each field came from, so a problem points at its line and column."""

    def __init__(self) -> None:
        self.casussen: list[dict[str, Any]] = []
        self.where: list[dict[str, str]] = []  # per casus: field path prefix -> location
        self.columns: dict[str, str] = {}  # field name (last part of a path) -> column name

    def locate(self, index: int, field: str) -> tuple[str, str]:
        places = self.where[index]
        key = field
        while key and key not in places:
            key = key.rsplit(".", 1)[0] if "." in key else ""
        location = places.get(key, places.get("", ""))
        leaf = field.rsplit(".", 1)[-1]
        column = self.columns.get(f"agreement:{leaf}" if ".agreements[" in field else leaf, leaf)
        return location, column


def _flat(path: Path, rows: list[tuple[str, dict[str, Any]]], problems: list[Problem]) -> _Located:
    """Group flat rows (location, {column: value}) into nested casus dicts."""
    located = _Located()
    located.columns = {c: c for c in CASUS_COLUMNS + KNELPUNT_COLUMNS}
    located.columns.update({f"agreement:{f}": f"agreement_{f}" for f in AGREEMENT_FIELDS})
    located.columns["number"] = "knelpunt"
    by_code: dict[str, int] = {}
    for where, row in rows:
        code = str(row.get("code") or "").strip().upper()
        if not code:
            problems.append(Problem(where, "code", "required"))
            continue
        if code not in by_code:
            by_code[code] = len(located.casussen)
            located.casussen.append({c: row.get(c) for c in CASUS_COLUMNS} | {"knelpunten": [], "_numbers": {}})
            located.where.append({"": where})
        index = by_code[code]
        casus = located.casussen[index]
        for column in CASUS_COLUMNS[1:]:
            if _norm(row.get(column)) != _norm(casus.get(column)):
                problems.append(Problem(where, column, f"differs from the casus's first row ({located.where[index]['']})"))
        number_raw = row.get("knelpunt")
        try:
            number = int(str(number_raw).strip())
        except (TypeError, ValueError):
            problems.append(Problem(where, "knelpunt", "the knelpunt number within the casus (1, 2, …) is required"))
            continue
        numbers = casus["_numbers"]
        if number not in numbers:
            numbers[number] = len(casus["knelpunten"])
            casus["knelpunten"].append({c: row.get(c) for c in KNELPUNT_COLUMNS[1:]} | {"agreements": []})
            located.where[index][f"knelpunten[{numbers[number]}]"] = where
        kp_index = numbers[number]
        kp = casus["knelpunten"][kp_index]
        for column in KNELPUNT_COLUMNS[1:]:
            if _norm(row.get(column)) != _norm(kp.get(column)):
                problems.append(Problem(where, column, "differs from the knelpunt's first row"))
        if any(_norm(row.get(f"agreement_{f}")) for f in AGREEMENT_FIELDS):
            located.where[index][f"knelpunten[{kp_index}].agreements[{len(kp['agreements'])}]"] = where
            kp["agreements"].append({f: row.get(f"agreement_{f}") for f in AGREEMENT_FIELDS})
    for casus in located.casussen:
        casus.pop("_numbers", None)
    return located


def _norm(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    return str(value).strip()


def _check_header(path: str, header: list[str], problems: list[Problem]) -> bool:
    known = set(FLAT_COLUMNS)
    for name in header:
        if name and name not in known:
            problems.append(Problem(path, name, f"unknown column {name!r}{did_you_mean(name, FLAT_COLUMNS)}"))
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    for name in missing:
        problems.append(Problem(path, name, "required column is missing"))
    return not missing


def _read_csv(path: Path, problems: list[Problem]) -> _Located | None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), "(file)", f"not UTF-8 text (byte {exc.start})"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        problems.append(Problem(str(path), "(file)", "the file is empty"))
        return None
    except csv.Error as exc:
        problems.append(Problem(f"{path}:1", "(file)", f"not readable as CSV ({exc})"))
        return None
    if not _check_header(f"{path}:1", header, problems):
        return None
    rows = []
    try:
        for values in reader:
            if reader.line_num > MAX_ROWS:
                problems.append(Problem(f"{path}:{reader.line_num}", "(file)", f"more than {MAX_ROWS} rows"))
                return None
            if not any(v.strip() for v in values):
                continue
            where = f"{path}:{reader.line_num}"
            if len(values) > len(header):
                problems.append(Problem(where, f"column {len(header) + 1}", "a value in a column without a header"))
            rows.append((where, {h: (v if v.strip() else None) for h, v in zip(header, values) if h}))
    except csv.Error as exc:
        problems.append(Problem(f"{path}:{reader.line_num}", "(file)", f"not readable as CSV ({exc})"))
        return None
    return _flat(path, rows, problems)


def _read_xlsx(path: Path, problems: list[Problem]) -> _Located | None:
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_BYTES:
                problems.append(Problem(str(path), "(file)", f"unpacks to more than {MAX_BYTES // 2**20} MB"))
                return None
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zipfile and openpyxl raise many types on a damaged file; report it
        problems.append(Problem(str(path), "(file)", f"not a readable .xlsx workbook ({type(exc).__name__})"))
        return None
    try:
        if "casussen" not in book.sheetnames:
            hint = did_you_mean("casussen", book.sheetnames)
            problems.append(Problem(f"{path}[casussen]", "(sheet)", f"required sheet is missing{hint}"))
            return None
        rows = []
        header: list[str] = []
        for number, values in enumerate(book["casussen"].iter_rows(values_only=True), start=1):
            if number == 1:
                header = [str(v).strip() if v is not None else "" for v in values]
                if not _check_header(f"{path}[casussen]:1", header, problems):
                    return None
                continue
            if number > MAX_ROWS:
                problems.append(Problem(f"{path}[casussen]:{number}", "(file)", f"more than {MAX_ROWS} rows"))
                return None
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            row = {h: v for h, v in zip(header, values) if h and v is not None and not (isinstance(v, str) and not v.strip())}
            rows.append((f"{path}[casussen]:{number}", row))
        return _flat(path, rows, problems)
    except Exception as exc:  # noqa: BLE001 - a damaged sheet fails while streaming rows
        problems.append(Problem(str(path), "(file)", f"damaged workbook content ({type(exc).__name__})"))
        return None
    finally:
        book.close()


def _read_json(path: Path, problems: list[Problem]) -> tuple[_Located | None, list[dict[str, Any]]]:
    if path.stat().st_size > MAX_BYTES:
        problems.append(Problem(str(path), "(file)", f"larger than {MAX_BYTES // 2**20} MB"))
        return None, []
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), "(file)", f"not UTF-8 text (byte {exc.start})"))
        return None, []
    except json.JSONDecodeError as exc:
        problems.append(Problem(f"{path}:{exc.lineno}", "(file)", f"not valid JSON: {exc.msg}"))
        return None, []
    if not isinstance(data, dict) or not isinstance(data.get("casussen"), list):
        problems.append(Problem(str(path), "casussen", "expected an object with a list 'casussen'"))
        return None, []
    located = _Located()
    for i, item in enumerate(data["casussen"]):
        if not isinstance(item, dict):
            problems.append(Problem(f"{path}: casussen[{i}]", "(record)", "expected an object"))
            continue
        located.casussen.append(item)
        located.where.append({"": f"{path}: casussen[{i}]"})
    issues = data.get("systeemknelpunten") or []
    if not isinstance(issues, list):
        problems.append(Problem(str(path), "systeemknelpunten", "expected a list"))
        issues = []
    return located, issues


def read_casussen(path: Path, model: ChainModel, *, existing_codes: set[str] = frozenset()) -> list[CasusInput]:
    """Read and check every casus in ``path`` (.json, .csv or .xlsx); raise with every problem found.

    Raises
    ------
    RegisterImportError
        One or more problems, each with file, row and field; nothing was read into the register.
    """
    inputs, _ = _read_checked(Path(path), model, existing_codes)
    return inputs


def _read_checked(path: Path, model: ChainModel, existing_codes: set[str]):
    problems: list[Problem] = []
    suffix = path.suffix.lower().lstrip(".")
    if not path.is_file():
        raise RegisterImportError(str(path), [Problem(str(path), "(file)", "no such file")])
    issues: list[dict[str, Any]] = []
    if suffix == "json":
        located, issues = _read_json(path, problems)
    elif suffix == "csv":
        located = _read_csv(path, problems)
    elif suffix == "xlsx":
        located = _read_xlsx(path, problems)
    else:
        raise RegisterImportError(str(path), [Problem(str(path), "(file)",
                                                      f"unknown file type {path.suffix!r}; use .json, .csv or .xlsx")])
    inputs: list[CasusInput] = []
    if located is not None:
        seen: dict[str, str] = {}
        for index, raw in enumerate(located.casussen):
            parsed, field_problems = parse_casus(raw, model)
            for fp in field_problems:
                where, column = located.locate(index, fp.field)
                problems.append(Problem(where, column if suffix != "json" else fp.field, fp.en))
            if parsed is None:
                continue
            where = located.where[index][""]
            if parsed.code in existing_codes:
                problems.append(Problem(where, "code", f"casus {parsed.code} is already in the register"))
            elif parsed.code in seen:
                problems.append(Problem(where, "code", f"casus {parsed.code} also at {seen[parsed.code]}"))
            seen[parsed.code] = where
            inputs.append(parsed)
    if problems:
        raise RegisterImportError(str(path), problems)
    return inputs, issues


def _issue_inputs(path: Path, issues: list[dict[str, Any]], model: ChainModel,
                  number_to_id: dict[tuple[str, int], int]) -> list[tuple[SystemIssueInput, list]]:
    problems: list[Problem] = []
    out = []
    for i, raw in enumerate(issues):
        where = f"{path}: systeemknelpunten[{i}]"
        ids = []
        for j, ref in enumerate(raw.get("knelpunten") or []):
            key = (str(ref.get("casus", "")).upper(), int(ref.get("knelpunt", 0) or 0))
            if key not in number_to_id:
                problems.append(Problem(where, f"knelpunten[{j}]", f"no knelpunt {key[1]} in casus {key[0]}"))
            else:
                ids.append(number_to_id[key])
        parsed, field_problems = parse_system_issue({**raw, "knelpunt_ids": ids}, model)
        problems += [Problem(where, fp.field, fp.en) for fp in field_problems]
        agreements = []
        for j, ag in enumerate(raw.get("agreements") or []):
            parsed_ag, ag_problems = parse_agreement(ag, model, field=f"agreements[{j}]")
            problems += [Problem(where, fp.field, fp.en) for fp in ag_problems]
            if parsed_ag:
                agreements.append(parsed_ag)
        if parsed:
            out.append((parsed, agreements))
    if problems:
        raise RegisterImportError(str(path), problems)
    return out


def import_file(register: Register, actor: Principal, path: Path, model: ChainModel) -> int:
    """Import the casussen (and, from JSON, the systeemknelpunten) of ``path``: all or nothing.

    Returns the number of casussen added.
    """
    require(actor, Role.LID)
    path = Path(path)
    inputs, issues = _read_checked(path, model, register.codes())
    if not issues:
        return register.import_casussen(actor, inputs)
    return register.import_with_system_issues(actor, inputs, lambda ids: _issue_inputs(path, issues, model, ids))


def load_json_register(register: Register, actor: Principal, path: Path, model: ChainModel) -> int:
    """Load a whole register file (the demo): casussen and systeemknelpunten; marks a demo register as such."""
    count = import_file(register, actor, path, model)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("demo"):
        register.set_meta(actor, "demo", "1")
    return count


def problems_as_fields(problems: list[FieldProblem]) -> list[str]:
    """Messages of field problems, one per line (for forms)."""
    return [str(p) for p in problems]
