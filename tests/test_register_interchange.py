"""Export and import of casussen on SQLite and PostgreSQL: JSON/CSV/XLSX round trips, and bad files refused
whole with every problem named by file, row and field (nothing half-written)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import cast

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from loaders.load import load_model
from loaders.register.demo import admin, demo_path, seed_demo
from loaders.register.errors import AccessDenied, RegisterImportError
from loaders.register.interchange import FLAT_COLUMNS, export_casussen, import_file
from loaders.register.records import Principal
from loaders.register.repository import Register
from loaders.register.vocab import Role

pytestmark = pytest.mark.register

MODEL = load_model()
LID = Principal("lid1", Role.LID)


@pytest.fixture(scope="module")
def seeded_sqlite(tmp_path_factory) -> Path:
    """The demo register seeded once into a SQLite file (seeding passes every text through the privacy gate)."""
    path = tmp_path_factory.mktemp("demo-template") / "register.sqlite"
    reg = Register.open(f"sqlite:///{path}")
    seed_demo(reg, MODEL)
    reg.close()
    return path


@pytest.fixture
def demo(register_url, seeded_sqlite):
    """A fresh demo register per test: on SQLite a copy of the seeded file, on PostgreSQL seeded anew."""
    if register_url.startswith("sqlite:///"):
        shutil.copyfile(seeded_sqlite, register_url.removeprefix("sqlite:///"))
        reg = Register.open(register_url)
    else:
        reg = Register.open(register_url)
        seed_demo(reg, MODEL)
    yield reg
    reg.close()


def _fresh(tmp_path, name: str) -> Register:
    return Register.open(f"sqlite:///{tmp_path / name}")


def _without_ids(reg: Register) -> list:
    """The casussen as exported (no database ids)."""
    return json.loads(export_casussen(reg, LID, "json"))["casussen"]


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_export_then_import_gives_the_same_casussen(demo, tmp_path, fmt):
    path = tmp_path / f"register.{fmt}"
    path.write_bytes(export_casussen(demo, LID, fmt))
    target = _fresh(tmp_path, f"target-{fmt}.sqlite")
    assert import_file(target, Principal("voorzitter1", Role.VOORZITTER), path, MODEL) == 17
    assert _without_ids(target) == _without_ids(demo)
    if fmt == "json":  # JSON carries the systeemknelpunten too
        assert [s.code for s in target.snapshot().system_issues] == [s.code for s in demo.snapshot().system_issues]
    assert target.verify_audit().ok


def test_the_demo_file_is_marked_fictitious_and_loads(demo):
    data = json.loads(demo_path().read_text(encoding="utf-8"))
    assert data["demo"] is True and "FICTIEF" in data["_note"]
    assert demo.is_demo and demo.snapshot().demo


def test_a_lezer_cannot_export(demo):
    with pytest.raises(AccessDenied):
        export_casussen(demo, Principal("lezer1", Role.LEZER), "csv")


def _csv(tmp_path, rows: list[dict], name: str = "bad.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(FLAT_COLUMNS))
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in FLAT_COLUMNS})
    path = tmp_path / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


GOOD = {"code": "DBT-2026-101", "review_date": "2026-03-02", "region": "den-haag", "violence": "partnergeweld",
        "knelpunt": "1", "elements": "vt-overdracht-lokaal-team", "category": "terugkoppeling",
        "description": "Geen terugkoppeling."}


def test_csv_problems_name_file_line_and_column_and_nothing_is_written(register_url, tmp_path):
    reg = Register.open(register_url)
    path = _csv(tmp_path, [
        GOOD,
        {**GOOD, "code": "DBT-2026-102", "category": "terugkopeling", "elements": "vt-overdracht-lokal-team"},
        {**GOOD, "code": "DBT-2026-103", "review_date": "2026-02-30", "description": "BSN 111222333 van moeder"},
        {**GOOD, "code": "DBT-2026-104", "agreement_what": "Bellen", "agreement_by_organisation": "politie",
         "agreement_status": "klaar"},
    ])
    with pytest.raises(RegisterImportError) as caught:
        import_file(reg, LID, path, MODEL)
    problems = {(p.location, p.field) for p in caught.value.problems}
    assert problems == {(f"{path}:3", "category"), (f"{path}:3", "elements"), (f"{path}:4", "review_date"),
                        (f"{path}:4", "description"), (f"{path}:5", "agreement_status")}
    message = str(caught.value)
    assert "did you mean: terugkoppeling?" in message and "did you mean: vt-overdracht-lokaal-team" in message
    assert "111222333" not in message and "nothing imported" in message
    assert reg.counts()["casus"] == 0 and reg.counts()["audit_entry"] == 0
    reg.close()


def test_duplicate_codes_in_the_file_and_in_the_register_and_inconsistent_rows(demo, tmp_path):
    path = _csv(tmp_path, [
        {**GOOD, "code": "DBT-2026-001"},  # already in the (demo) register
        GOOD, {**GOOD, "knelpunt": "2", "region": "delft"},  # a second row of 101 that contradicts the first
        {**GOOD, "code": "DBT-2026-101 ".lower(), "knelpunt": "1"},  # same code again, other spelling
    ])
    before = demo.counts()
    with pytest.raises(RegisterImportError) as caught:
        import_file(demo, LID, path, MODEL)
    text = str(caught.value)
    assert f"{path}:2: code: casus DBT-2026-001 is already in the register" in text
    assert f"{path}:4: region: differs from the casus's first row ({path}:3)" in text
    assert demo.counts() == before


def test_file_level_problems(register_url, tmp_path):
    reg = Register.open(register_url)
    cases = {
        "empty.csv": ("", "the file is empty"),
        "columns.csv": ("code,review_date,regoin\n", "unknown column 'regoin'; did you mean: region?"),
        "broken.json": ('{"casussen": [', "not valid JSON"),
        "shape.json": ('{"cases": []}', "expected an object with a list 'casussen'"),
        "latin1.csv": (None, "not UTF-8 text"),
        "notes.txt": ("x", "unknown file type '.txt'"),
        "fake.xlsx": ("this is not a zip", "not a readable .xlsx workbook"),
    }
    for name, (content, expected) in cases.items():
        path = tmp_path / name
        if content is None:
            path.write_bytes(
                ",".join(FLAT_COLUMNS).encode() + "\nDBT-2026-001,2026-03-02,den-haag,caf\xe9".encode("latin-1")
            )
        else:
            path.write_text(content, encoding="utf-8")
        with pytest.raises(
            RegisterImportError, match=expected.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")
        ):
            import_file(reg, LID, path, MODEL)
    assert reg.counts()["casus"] == 0
    reg.close()


def test_xlsx_problems_name_sheet_and_row(register_url, tmp_path):
    reg = Register.open(register_url)
    book = Workbook()
    sheet = cast(Worksheet, book.active)  # a new workbook always has one active worksheet
    sheet.title = "casussen"
    sheet.append(list(FLAT_COLUMNS))
    sheet.append([GOOD.get(c) for c in FLAT_COLUMNS])
    sheet.append([{**GOOD, "code": "DBT-2026-102", "region": "den haag"}.get(c) for c in FLAT_COLUMNS])
    path = tmp_path / "register.xlsx"
    book.save(path)
    with pytest.raises(RegisterImportError) as caught:
        import_file(reg, LID, path, MODEL)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}[casussen]:3: region: unknown region 'den haag'; did you mean: den-haag?"]
    assert reg.counts()["casus"] == 0
    reg.close()


def test_a_json_systeemknelpunt_referring_to_a_missing_knelpunt_rolls_everything_back(register_url, tmp_path):
    reg = Register.open(register_url)
    data = json.loads(demo_path().read_text(encoding="utf-8"))
    data["systeemknelpunten"][0]["knelpunten"].append({"casus": "DBT-2026-001", "knelpunt": 9})
    path = tmp_path / "register.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RegisterImportError, match="no knelpunt 9 in casus DBT-2026-001"):
        import_file(reg, admin(), path, MODEL)
    assert reg.counts()["casus"] == 0 and reg.counts()["audit_entry"] == 0
    reg.close()
