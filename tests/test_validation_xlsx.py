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


# --- hostile workbooks (issue 12, group 5): the probe's reproducers, copied from shared/repro ---------------

REPRO = Path(__file__).parent / "data" / "repro"


@pytest.mark.parametrize(("name", "unpacked"), [("zipbomb_sst_30M_strings.xlsx", "486 MB"),
                                                ("zipbomb_sst_one_1.5GB_string.xlsx", "1500 MB")])
def test_a_zip_bomb_is_refused_before_parsing(name, unpacked):
    import resource
    import time

    start, rss = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    problems = read_workbook(REPRO / name).problems
    # Before the fix: over 290 s and 1.6 GB, or 4.6 GB and a MemoryError traceback.
    assert time.perf_counter() - start < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss < 200 * 1024  # KiB: under 200 MB more
    assert [(p.location, p.field) for p in problems] == [(str(REPRO / name), "(file)")]
    assert f"unpacks to {unpacked}, more than the limit of 200 MB" in problems[0].message


def test_the_validate_command_refuses_a_zip_bomb_with_a_clear_error():
    from click.testing import CliRunner

    from cli.main import cli

    result = CliRunner().invoke(cli, ["validate", "--data", str(REPRO / "zipbomb_sst_one_1.5GB_string.xlsx")])
    assert result.exit_code != 0
    assert "more than the limit of 200 MB" in result.output and "Traceback" not in result.output


def test_rows_past_the_declared_dimension_are_read():
    # The organisations sheet declares A1:O6 but holds rows 7 and 8; row 8 has an invalid id.
    problems = _problems(REPRO / "stale_dimension.xlsx")
    assert any(p.location.endswith("[organisations]:8") and p.field == "id" for p in problems), problems


def test_a_shared_strings_part_past_its_limit_is_refused(tmp_path):
    import zipfile

    from loaders.readers.xlsx import MAX_SHARED_STRINGS_BYTES

    path = tmp_path / "big-strings.xlsx"
    with zipfile.ZipFile(BOOK) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        # 21 MB of one string compresses to a few tens of KB: a small bomb under the whole-book limit.
        out.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                     "<si><t>" + "a" * (MAX_SHARED_STRINGS_BYTES + 2**20) + "</t></si></sst>")
    problems = read_workbook(path).problems
    assert len(problems) == 1 and "xl/sharedStrings.xml" in problems[0].message
    assert "more than the limit of 20 MB" in problems[0].message


def test_a_damaged_sheet_names_its_sheet_and_row(tmp_path):
    import zipfile

    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(BOOK) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        names = {n: src.read(n) for n in src.namelist()}
        sheet = _sheet_part(names, "organisations")
        xml = names[sheet].decode()
        cut = xml.index('<row r="3"')  # rows 1 and 2 intact, then the XML breaks off inside a tag
        names[sheet] = (xml[:cut] + '<row r="3"><c r="A3" t="inlineStr"><is><t>x</t').encode()
        for name, data in names.items():
            out.writestr(name, data)
    problems = read_workbook(path).problems
    assert [(p.location, p.field) for p in problems] == [(f"{path}[organisations]:3", "(sheet)")], problems
    assert "damaged sheet content after row 2" in problems[0].message


def _sheet_part(parts: dict[str, bytes], sheet: str) -> str:
    import re

    workbook = parts["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="(rId\d+)"', workbook)
    assert rid is not None
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert target is not None
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
