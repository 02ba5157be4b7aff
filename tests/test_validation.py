"""One broken file per validation rule: each problem names the exact file, line and field.

Each case copies the valid chain in ``tests/data/variants/toy`` to a temporary
folder, breaks one file with a literal text edit, loads it, and checks that a
problem sits on the line holding ``marker`` (in the edited file) with the
expected field and message.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import ChainDataError, Problem
from loaders.load import load_model

TOY = Path(__file__).parent / "data" / "variants" / "toy"

FM_BLOCK = """  - id: uit-beeld
    category: regie
    period: 2018/2020
    description: Risico's raken uit beeld na overdracht
    description_en: Risks drop out of sight after the hand-off
    sources:
    - toy-source
    status: verified
"""

# id: (file, [(old, new), ...], field, message fragment, marker on the expected line)
CASES: dict[str, tuple[str, list[tuple[str, str]], str, str, str | None]] = {  # marker None: any line
    "required-field-missing": (
        "organisations.yaml", [("  name: Kinderrechter\n", "")],
        "name", "required field is missing", "- id: kinderrechter"),
    "required-field-null": (
        "handoffs.yaml", [("trigger: Incident met kinderen", "trigger:   # leeg")],
        "trigger", "required field is missing", "# leeg"),
    "unknown-field-typo": (
        "organisations.yaml", [("  kind: post\n  domain: jeugdbescherming\n  region: toy\n  sources:\n",
                                "  kind: post\n  domain: jeugdbescherming\n  region: toy\n  sourcs:\n")],
        "sourcs", "unknown field 'sourcs'; did you mean: sources?", "sourcs:"),
    "wrong-type-int": (
        "phases.yaml", [("order: 3", "order: drie")],
        "order", "must be a whole number", "order: drie"),
    "list-where-text-expected": (
        "signals.yaml", [("name: Politie bij huiselijk-geweldincident", "name: [Politie, Incident]")],
        "name", "must be text, got a list", "name: [Politie"),
    "wrong-type-bool": (
        "handoffs.yaml", [("  feedback_required: false\n", "  feedback_required: misschien\n")],
        "feedback_required", "must be true or false", "misschien"),
    "enum-value": (
        "organisations.yaml", [("kind: post", "kind: instelling")],
        "kind", "allowed values: organisation, post, collaboration", "kind: instelling"),
    "enum-in-list": (
        "handoffs.yaml", [("  trigger: Incident met kinderen\n  passes:\n  - information\n",
                           "  trigger: Incident met kinderen\n  passes:\n  - informatie\n")],
        "passes[0]", "allowed values: information, case, responsibility", "- informatie"),
    "status-value": (
        "signals.yaml", [("status: verified", "status: geverifieerd")],
        "status", "allowed values: verified, unverified", "geverifieerd"),
    "status-missing": (
        "signals.yaml", [("  status: verified\n", "")],
        "status", "required field is missing: status", "- id: signaal-incident"),
    "id-not-a-slug": (
        "signals.yaml", [("id: signaal-incident", "id: Signaal_Incident")],
        "id", "is not a slug", "Signaal_Incident"),
    "number-as-id": (
        "signals.yaml", [("id: signaal-incident", "id: 42")],
        "id", "id must be text, got a number", "id: 42"),
    "duplicate-id-across-kinds": (
        "instruments.yaml", [("- id: ots", "- id: politie")],
        "id", "duplicate id 'politie': also used by the organisation at", "- id: politie"),
    "unknown-from": (
        "handoffs.yaml", [("from: politie", "from: polite")],
        "from", "unknown organisation 'polite'; did you mean: politie?", "from: polite"),
    "unknown-to": (
        "handoffs.yaml", [("to: veilig-thuis\n  trigger: Incident", "to: veilig-thuiss\n  trigger: Incident")],
        "to", "unknown organisation 'veilig-thuiss'; did you mean: veilig-thuis?", "veilig-thuiss"),
    "to-names-a-legal-basis": (
        "handoffs.yaml", [("to: kinderrechter\n  trigger: Verzoek OTS", "to: bw1-255\n  trigger: Verzoek OTS")],
        "to", "unknown organisation 'bw1-255' (it is a legal basis)", "to: bw1-255"),
    "unknown-regie-after": (
        "handoffs.yaml", [("regie_after: kinderrechter", "regie_after: kinderrechters")],
        "regie_after", "unknown organisation 'kinderrechters'", "kinderrechters"),
    "unknown-escalation-to": (
        "handoffs.yaml", [("escalation_to: raad\n", "escalation_to: rad\n")],
        "escalation_to", "unknown organisation 'rad'; did you mean: raad?", "escalation_to: rad"),
    "unknown-instrument": (
        "handoffs.yaml", [("instrument: ots", "instrument: ots-x")],
        "instrument", "unknown instrument 'ots-x'; did you mean: ots?", "ots-x"),
    "unknown-legal-basis": (
        "handoffs.yaml", [("  legal_bases:\n  - bw1-255\n", "  legal_bases:\n  - bw1-256\n")],
        "legal_bases[0]", "unknown legal basis 'bw1-256'; did you mean: bw1-255?", "- bw1-256"),
    "unknown-phase": (
        "handoffs.yaml", [("phase: signalering", "phase: signalerin")],
        "phase", "unknown phase 'signalerin'; did you mean: signalering?", "phase: signalerin"),
    "unknown-source": (
        "signals.yaml", [("- toy-source", "- toy-sorce")],
        "sources[0]", "unknown source 'toy-sorce'; did you mean: toy-source?", "toy-sorce"),
    "unknown-part-of": (
        "organisations.yaml", [("  name: Kinderrechter\n", "  name: Kinderrechter\n  part_of: rechtbank\n")],
        "part_of", "unknown organisation 'rechtbank'", "part_of: rechtbank"),
    "unknown-organisation-phase": (
        "organisations.yaml", [("  - jeugdbescherming\n  status: verified\n- id: lokaal-team",
                                "  - jeugdbeschermin  # fout\n  status: verified\n- id: lokaal-team")],
        "phases[0]", "unknown phase 'jeugdbeschermin'", "# fout"),
    "unknown-applied-by": (
        "instruments.yaml", [("applied_by: [kinderrechter]", "applied_by: [kinderrechter, rechter]")],
        "applied_by[1]", "unknown organisation 'rechter'", "applied_by:"),
    "unknown-enters-at": (
        "signals.yaml", [("enters_at: politie", "enters_at: police")],
        "enters_at", "unknown organisation 'police'; did you mean: politie?", "enters_at: police"),
    "element-without-source": (
        "handoffs.yaml", [("  sources:\n  - toy-source\n  instrument: ots", "  sources: []\n  instrument: ots")],
        "sources", "needs at least one source", "sources: []"),
    "norm-without-source": (
        "handoffs.yaml", [("  norm:\n    description: binnen 5 werkdagen\n",
                           "  norm:  # hier\n    description: binnen 5 werkdagen\n"),
                          ("    sources:\n    - toy-law\n    status: verified\n  regie_after: veilig-thuis",
                           "    status: verified\n  regie_after: veilig-thuis")],
        "norm.sources", "required field is missing", "norm:  # hier"),
    "failure-mode-without-source": (
        "handoffs.yaml", [(FM_BLOCK, FM_BLOCK.replace("    sources:\n    - toy-source\n", ""))],
        "failure_modes[0].sources", "required field is missing", "- id: uit-beeld"),
    "duration-without-source": (
        "instruments.yaml", [("    unit: months\n    sources: [toy-law]\n", "    unit: months\n")],
        "durations[0].sources", "required field is missing", "- label: duur"),
    "failure-mode-status-missing": (
        "handoffs.yaml", [(FM_BLOCK, FM_BLOCK.replace("    status: verified\n", ""))],
        "failure_modes[0].status", "required field is missing: status", "- id: uit-beeld"),
    "bwb-id-pattern": (
        "legal_bases.yaml", [("bwb_id: BWBR0002656", "bwb_id: BWBR002656")],
        "bwb_id", "must match BWBR followed by 7 digits", "BWBR002656"),
    "date-not-iso": (
        "legal_bases.yaml", [("valid_to: 2015-01-01", "valid_to: 1 januari 2015")],
        "valid_to", "must be an ISO date", "1 januari 2015"),
    "date-impossible": (
        "legal_bases.yaml", [("valid_to: 2015-01-01", "valid_to: 2015-13-01")],
        "valid_to", "unreadable value", "2015-13-01"),
    "source-date": (
        "sources.yaml", [("date: '2018-04'", "date: april 2018")],
        "date", "must be an ISO date (2018, 2018-04 or 2018-04-25)", "april 2018"),
    "valid-from-after-valid-to": (
        "legal_bases.yaml", [("valid_from: 2009-01-01", "valid_from: 2016-01-01")],
        "valid_to", "valid_to 2015-01-01 is before valid_from 2016-01-01", "valid_to: 2015-01-01"),
    "failure-mode-id-twice": (
        "handoffs.yaml",
        [(FM_BLOCK, FM_BLOCK + FM_BLOCK.replace("  - id: uit-beeld", "  - id: uit-beeld  # nog eens"))],
        "failure_modes[1].id", "failure mode id 'uit-beeld' is used twice in this hand-off", "# nog eens"),
    "amount-not-positive": (
        "handoffs.yaml", [("    amount: 5\n", "    amount: 0\n")],
        "norm.amount", "must be greater than 0", "amount: 0"),
    "amount-without-unit": (
        "handoffs.yaml", [("  norm:\n    description: binnen 5 werkdagen\n",
                           "  norm:  # hier\n    description: binnen 5 werkdagen\n"),
                          ("    unit: working-days\n", "")],
        "norm.unit", "amount and unit must be given together", "norm:  # hier"),
    "duration-amount-negative": (
        "instruments.yaml", [("amount: 12", "amount: -12")],
        "durations[0].amount", "must be greater than 0", "amount: -12"),
    "non-mapping-entry": (
        "signals.yaml", [("signals:\n", "signals:\n- zomaar een regel\n")],
        "signals", "each entry must be a mapping", "zomaar een regel"),
    "kind-not-a-list": (
        "signals.yaml", [("signals:\n- id", "signals: geen lijst\nzooi:\n- id")],
        "signals", "'signals' must be a list", "signals: geen lijst"),
    "unexpected-top-level-key": (
        "signals.yaml", [("signals:\n", "signal:\n")],
        "signal", "unexpected top-level key 'signal'; did you mean: signals?", "signal:"),
    "kind-key-given-twice": (
        "signals.yaml", [("  status: verified\n", "  status: verified\nsignals:  # nog eens\n- id: tweede\n")],
        "signals", "the key 'signals:' appears twice", "# nog eens"),
    "field-given-twice": (
        "organisations.yaml", [("  name: Kinderrechter\n", "  name: Kinderrechter\n  name: Rechter\n")],
        "name", "given twice", "name: Rechter"),
    "yaml-syntax-error": (
        "handoffs.yaml", [("  trigger: Incident met kinderen\n", "  trigger: [Incident met kinderen\n")],
        "(syntax)", "YAML syntax error", None),
    "python-tag-refused": (
        "signals.yaml", [("name: Politie bij huiselijk-geweldincident", "name: !!python/object:os.system ls")],
        "name", "unreadable value", "!!python"),
}


def _break(tmp_path: Path, file: str, edits: list[tuple[str, str]]) -> tuple[Path, Path]:
    folder = tmp_path / "keten"
    shutil.copytree(TOY, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"edit anchor not unique in {file}: {old!r}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return folder, path


def _problems(folder: Path) -> list[Problem]:
    with pytest.raises(ChainDataError) as info:
        load_model(folder)
    return info.value.problems


def _line_of(path: Path, marker: str) -> int:
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in line]
    assert len(lines) == 1, f"marker {marker!r} not unique in {path}"
    return lines[0]


@pytest.mark.parametrize("case", list(CASES))
def test_broken_file_names_file_line_and_field(tmp_path, case):
    file, edits, field, message, marker = CASES[case]
    folder, path = _break(tmp_path, file, edits)
    problems = _problems(folder)
    if marker is None:
        matching = [p for p in problems if p.location.startswith(f"{path}:") and p.field == field]
    else:
        where = f"{path}:{_line_of(path, marker)}"
        matching = [p for p in problems if p.location == where and p.field == field]
    shown = "\n".join(map(str, problems))
    assert matching, f"no problem at the expected place for {case}; got:\n{shown}"
    assert any(message in p.message for p in matching), shown


def test_duplicate_id_names_both_locations(tmp_path):
    folder, _path = _break(tmp_path, "instruments.yaml", [("- id: ots", "- id: politie")])
    (problem,) = [p for p in _problems(folder) if "duplicate" in p.message]
    organisations = folder / "organisations.yaml"
    assert problem.message.endswith(f"{organisations}:{_line_of(organisations, '- id: politie')}")


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    folder, _ = _break(tmp_path, "signals.yaml", [("enters_at: politie", "enters_at: police"),
                                                   ("status: verified", "status: maybe")])
    text = (folder / "phases.yaml").read_text().replace("order: 3", "order: drie")
    (folder / "phases.yaml").write_text(text)
    fields = sorted(p.field for p in _problems(folder))
    assert fields == ["enters_at", "order", "status"]


def test_syntax_error_line(tmp_path):
    folder, path = _break(tmp_path, "handoffs.yaml",
                          [("  trigger: Incident met kinderen\n", "  trigger: Incident: met: kinderen\n")])
    (problem,) = _problems(folder)
    assert problem.location == f"{path}:{_line_of(path, 'Incident: met')}"
    assert problem.field == "(syntax)"


def test_not_utf8_names_the_line(tmp_path):
    folder, path = _break(tmp_path, "signals.yaml", [])
    data = path.read_bytes().replace(b"Politie bij", b"Politie \xff bij")
    path.write_bytes(data)
    (problem,) = _problems(folder)
    line = data[: data.index(b"\xff")].count(b"\n") + 1
    assert line == 3
    assert problem.location == f"{path}:{line}"
    assert "not UTF-8" in problem.message


@pytest.mark.parametrize("missing", ["region.yaml", "sources.yaml", "organisations.yaml", "handoffs.yaml"])
def test_missing_required_file(tmp_path, missing):
    folder, _ = _break(tmp_path, missing, [])
    (folder / missing).unlink()
    problems = _problems(folder)
    assert [(p.location, p.field, p.message) for p in problems if p.field == "(file)"] == [
        (str(folder / missing), "(file)", "required file is missing")]


def test_optional_files_may_be_left_out(tmp_path):
    folder, _ = _break(tmp_path, "signals.yaml", [])
    (folder / "signals.yaml").unlink()
    assert load_model(folder).signals == ()


def test_unknown_file_is_reported_with_a_suggestion(tmp_path):
    folder, _ = _break(tmp_path, "signals.yaml", [])
    (folder / "signals.yaml").rename(folder / "signal.yaml")
    (problem,) = _problems(folder)
    assert problem.location == str(folder / "signal.yaml")
    assert "did you mean: signals.yaml?" in problem.message


def test_problems_come_in_reading_order(tmp_path):
    folder, _path = _break(tmp_path, "handoffs.yaml", [("from: politie", "from: polite"),
                                                       ("    amount: 5\n", "    amount: -5\n")])
    text = (folder / "signals.yaml").read_text().replace("enters_at: politie", "enters_at: police")
    (folder / "signals.yaml").write_text(text)
    places = [(p.location.rsplit(":", 1)[0], int(p.location.rsplit(":", 1)[1])) for p in _problems(folder)]
    assert places == sorted(places)
    assert [Path(f).name for f, _ in places] == ["handoffs.yaml", "handoffs.yaml", "signals.yaml"]


def test_editor_backup_files_are_ignored(tmp_path):
    folder, _ = _break(tmp_path, "signals.yaml", [])
    (folder / ".signals.yaml").write_text("kapot: [")
    assert load_model(folder) == load_model(TOY)
