"""Problems in a workbook name the file, sheet and row, and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph.errors import ChainDataError, Problem
from loaders.load import load_model
from loaders.readers.xlsx import SHEET_COLUMNS, read_workbook

BOOK = Path(__file__).parent / "data" / "variants" / "toy.xlsx"


def _copy(tmp_path: Path) -> Path:
    out = tmp_path / "keten.xlsx"
    out.write_bytes(BOOK.read_bytes())
    return out


def _row_of(ws, element_id: str, column: str = "id") -> int:
    col = SHEET_COLUMNS[ws.title].index(column) + 1
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == element_id]
    assert len(rows) == 1
    return rows[0]


def _set(book_path: Path, sheet: str, element_id: str, column: str, value, key: str = "id") -> int:
    book = load_workbook(book_path)
    ws = book[sheet]
    row = _row_of(ws, element_id, key)
    ws.cell(row, SHEET_COLUMNS[sheet].index(column) + 1).value = value
    book.save(book_path)
    return row


def _problems(path: Path) -> list[Problem]:
    with pytest.raises(ChainDataError) as info:
        load_model(path)
    return info.value.problems


@pytest.mark.parametrize(
    "sheet, element_id, column, value, field, message",
    [
        ("handoffs", "ho-politie-vt", "to", "veilig-thuiss", "to", "did you mean: veilig-thuis?"),
        ("handoffs", "ho-politie-vt", "passes", "information; zaak", "passes[1]", "allowed values"),
        ("handoffs", "ho-politie-vt", "norm_amount", -1, "norm.amount", "must be greater than 0"),
        ("handoffs", "ho-politie-vt", "norm_unit", None, "norm.unit", "amount and unit must be given together"),
        ("handoffs", "ho-politie-vt", "feedback_required", "misschien", "feedback_required", "true or false"),
        ("handoffs", "ho-politie-vt", "sources", None, "sources", "required field is missing"),
        ("organisations", "politie", "kind", "dienst", "kind", "allowed values: organisation, post"),
        ("legal_bases", "bw1-255", "bwb_id", "BWB0002656", "bwb_id", "BWBR followed by 7 digits"),
        ("legal_bases", "old-rule", "valid_from", "2020-01-01", "valid_to", "is before valid_from"),
        ("phases", "hulpverlening", "order", "derde", "order", "whole number"),
        ("signals", "signaal-incident", "id", "Signaal 1", "id", "not a slug"),
    ],
)
def test_cell_problem_names_sheet_row_and_field(tmp_path, sheet, element_id, column, value, field, message):
    path = _copy(tmp_path)
    row = _set(path, sheet, element_id, column, value)
    problems = _problems(path)
    shown = "\n".join(map(str, problems))
    assert any(p.location == f"{path}[{sheet}]:{row}" and p.field == field and message in p.message
               for p in problems), shown


def test_failure_mode_row_is_located_on_its_own_sheet(tmp_path):
    path = _copy(tmp_path)
    row = _set(path, "failure_modes", "uit-beeld", "sources", None)
    (problem,) = _problems(path)
    assert (problem.location, problem.field) == (f"{path}[failure_modes]:{row}", "failure_modes[0].sources")


def test_duration_of_unknown_instrument(tmp_path):
    path = _copy(tmp_path)
    book = load_workbook(path)
    ws = book["durations"]
    ws.cell(2, 1).value = "otss"
    book.save(path)
    problems = _problems(path)
    assert any(p.location == f"{path}[durations]:2" and p.field == "instrument" and "did you mean: ots?" in p.message
               for p in problems), problems


def test_unknown_column_and_sheet(tmp_path):
    path = _copy(tmp_path)
    book = load_workbook(path)
    ws = book["signals"]
    ws.cell(1, SHEET_COLUMNS["signals"].index("sources") + 1).value = "sourcs"
    book.create_sheet("notities").append(["vrije tekst"])
    book.save(path)
    problems = _problems(path)
    assert any(p.location == f"{path}[signals]:2" and p.field == "sourcs" and "did you mean: sources?" in p.message
               for p in problems), problems
    assert any(p.location == f"{path}[notities]" and "unknown sheet" in p.message for p in problems)


def test_missing_required_sheet(tmp_path):
    path = _copy(tmp_path)
    book = load_workbook(path)
    del book["handoffs"]
    book.save(path)
    problems = _problems(path)
    assert any(p.location == f"{path}[handoffs]" and p.message == "required sheet is missing" for p in problems)


def test_text_cells_are_read_as_their_types(tmp_path):
    # Policy staff type numbers and booleans as text; they load the same.
    path = _copy(tmp_path)
    _set(path, "handoffs", "ho-politie-vt", "norm_amount", "5")
    _set(path, "handoffs", "ho-politie-vt", "feedback_required", "ja")
    _set(path, "phases", "hulpverlening", "order", "3")
    assert load_model(path) == load_model(BOOK)


def test_not_a_workbook(tmp_path):
    path = tmp_path / "keten.xlsx"
    path.write_bytes(b"PK\x03\x04 this is no workbook")
    problems = read_workbook(path).problems
    assert [(p.location, p.field) for p in problems] == [(str(path), "(file)")]
    with pytest.raises(ChainDataError):
        load_model(path)
