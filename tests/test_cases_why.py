"""`ketenkaart why HANDOFF --log FILE`: measured waits vs the norm next to the legal picture, suppressed."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.cases_report import fmt_days
from cli.main import cli
from loaders.load import load_model


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A small generated (synthetic) log on disk, written by the CLI itself."""
    path = tmp_path_factory.mktemp("why") / "gen.parquet"
    result = CliRunner().invoke(cli, ["cases", "generate", "--events", "6000", "--out", str(path), "--seed", "11"])
    assert result.exit_code == 0, result.output
    return path


def _evidence(data):
    found = [e for e in data["evidence"] if e["kind"] == "case-log"]
    assert len(found) == 1, data["evidence"]
    return {f["label_en"]: f["value"] for f in found[0]["figures"]}, found[0]


def test_why_json_carries_the_same_figures_as_cases_stats(runner, generated):
    stats = json.loads(runner.invoke(cli, ["cases", "stats", str(generated), "--json"]).output)
    measured = {h["handoff_id"]: h for h in stats["handoffs"]}
    shown = [hid for hid, h in measured.items() if isinstance(h["cases"], int)]
    assert len(shown) >= 3  # the generated log is big enough to show several hand-offs unsuppressed
    model = load_model()
    assert any(model.handoff(hid).legal_bases for hid in shown[:3])  # so the legal picture below is not empty
    for hid in shown[:3]:
        result = runner.invoke(cli, ["why", hid, "--log", str(generated), "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["handoff"]["id"] == hid
        # the legal picture is still there: the hand-off's own legal bases, in the data's order
        assert [b["id"] for b in data["handoff"]["legal_bases"]] == list(model.handoff(hid).legal_bases)
        figures, item = _evidence(data)
        h = measured[hid]
        assert figures["cases"] == str(h["cases"])
        assert figures["median wait"] == fmt_days(h["median_wait_days"])
        assert figures["p90 wait"] == fmt_days(h["p90_wait_days"])
        assert "SYNTHETIC" in item["note_en"] and "linear interpolation" in item["note_en"]


def test_why_text_shows_measured_practice_next_to_the_norm(runner, generated):
    stats = json.loads(runner.invoke(cli, ["cases", "stats", str(generated), "--json"]).output)
    h = next(h for h in stats["handoffs"] if h["handoff_id"] == "politie-zorgmelding-vt")
    assert isinstance(h["cases"], int) and h["median_wait_days"] is not None
    result = runner.invoke(cli, ["why", "politie-zorgmelding-vt", "--log", str(generated)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("Gemeten praktijk (zaaklog):")
    block = "\n".join(lines[start:start + 10])
    shown = {line.split(":")[0].strip(): line.split(":", 1)[1].strip() for line in lines[start + 1:start + 9]}
    assert shown["zaken"] == str(h["cases"])
    assert shown["mediane wachttijd"] == fmt_days(h["median_wait_days"])
    assert "5 werkdagen" in block  # the norm, next to the measured wait
    assert "SYNTHETISCHE" in result.output
    # Without --log the same command has no measured practice.
    plain = runner.invoke(cli, ["why", "politie-zorgmelding-vt"])
    assert plain.exit_code == 0 and "Gemeten praktijk" not in plain.output


SMALL = "case_id,timestamp,activity,organisation\n" + "".join(
    # 3 police cases (a small cell), 7 professional cases (shown).
    f"P{i},2025-03-03 09:00,Zorgmelding verzonden,politie\nP{i},2025-03-1{i} 09:00,Veiligheidsbeoordeling afgerond,vt\n"
    for i in range(3)
) + "".join(
    f"M{i},2025-03-03 09:00,Melding professional,x\nM{i},2025-03-0{3 + i} 15:00,Veiligheidsbeoordeling afgerond,vt\n"
    for i in range(7)
)


def test_small_cells_show_as_below_threshold(runner, tmp_path):
    log = tmp_path / "small.csv"
    log.write_text(SMALL)
    text = runner.invoke(cli, ["why", "politie-zorgmelding-vt", "--log", str(log)])
    assert text.exit_code == 0, text.output
    block = text.output[text.output.index("Gemeten praktijk (zaaklog):"):]
    assert "zaken:" in block and "<5" in block
    figures = {line.split(":")[0].strip(): line.split(":", 1)[1].strip() for line in block.splitlines()[1:9]}
    assert figures["zaken"] == "<5"
    assert figures["mediane wachttijd"] == figures["p90 wachttijd"] == figures["gemiddelde wachttijd"] == "–"
    assert " 3 " not in block and "SYNTHETISCHE" not in block  # no count, and a real-looking log is not synthetic
    data = json.loads(runner.invoke(cli, ["why", "politie-zorgmelding-vt", "--log", str(log), "--json"]).output)
    figures, _ = _evidence(data)
    assert figures["cases"] == "<5" and figures["median wait"] == "–" and figures["over the norm"].startswith("<5")
    # Seven professional cases: hidden as well (10 cases in all, so 10 - 7 would give the police's 3
    # away), and no waits below 10 cases.
    data = json.loads(runner.invoke(cli, ["why", "professional-melding-vt", "--log", str(log), "--json"]).output)
    figures, _ = _evidence(data)
    assert figures["cases"] == "x" and figures["median wait"] == "–" and figures["p90 wait"] == "–"
    # A higher threshold suppresses those too.
    raised = runner.invoke(cli, ["why", "professional-melding-vt", "--log", str(log), "--json"],
                           env={"KETENKAART_SUPPRESSION_THRESHOLD": "10"})
    figures, _ = _evidence(json.loads(raised.output))
    assert figures["cases"] == "<10" and figures["median wait"] == "–"


def test_mapping_needs_a_log_and_is_validated(runner, tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text("activities:\n  Melding ontvangen: veilig-thuis\n")
    result = runner.invoke(cli, ["why", "politie-zorgmelding-vt", "--mapping", str(mapping)])
    assert result.exit_code != 0 and "--mapping needs --log" in result.output
    log = tmp_path / "small.csv"
    log.write_text(SMALL)
    result = runner.invoke(cli, ["why", "politie-zorgmelding-vt", "--log", str(log), "--mapping", str(mapping)])
    assert result.exit_code == 1
    assert "m.yaml:2: activities: unknown organisation 'veilig-thuis'" in result.output
