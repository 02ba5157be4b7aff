"""`ketenkaart cases`: generate, check and stats on the built-in Haaglanden chain; suppression in text and JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli


@pytest.fixture()
def runner():
    return CliRunner()


def test_every_cases_command_has_help(runner):
    for command in ("generate", "check", "stats"):
        result = runner.invoke(cli, ["cases", command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output


def test_generate_check_stats(runner, tmp_path):
    out = tmp_path / "gen.parquet"
    result = runner.invoke(cli, ["cases", "generate", "--events", "4000", "--out", str(out), "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    result = runner.invoke(cli, ["cases", "check", str(out)])
    assert result.exit_code == 0, result.output
    assert "privacycontrole geslaagd" in result.output and "politie-zorgmelding-vt" in result.output
    result = runner.invoke(cli, ["cases", "stats", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["synthetic"] is True
    assert data["percentile_method"].startswith("linear interpolation")
    ids = {h["handoff_id"] for h in data["handoffs"]}
    assert {"politie-zorgmelding-vt", "vt-overdracht-lokaal-team", "vt-verzoek-onderzoek-rvdk"} <= ids
    assert any(d["from_org"] == "politie" and d["to_org"] == "jeugd-en-wijkteams" for d in data["deviations"])


SMALL = "case_id,timestamp,activity,organisation\n" + "".join(
    # 3 police cases (suppressed), 6 professional cases (hidden too: 9 - 6 would give the 3 away).
    f"P{i},2025-03-03 09:00,Zorgmelding verzonden,politie\nP{i},2025-03-1{i} 09:00,Veiligheidsbeoordeling afgerond,vt\n"
    for i in range(3)
) + "".join(
    f"M{i},2025-03-03 09:00,Melding professional,x\nM{i},2025-03-0{4 + i} 09:00,Veiligheidsbeoordeling afgerond,vt\n"
    for i in range(6)
)


def test_suppression_in_text_and_json(runner, tmp_path):
    path = tmp_path / "small.csv"
    path.write_text(SMALL)
    text = runner.invoke(cli, ["cases", "stats", str(path)])
    assert text.exit_code == 0, text.output
    police = next(line for line in text.output.splitlines() if line.startswith("politie-zorgmelding-vt"))
    assert police.split()[1] == "<5"
    assert " 3 " not in police and "d " not in police  # no count, no waits
    professional = next(line for line in text.output.splitlines() if line.startswith("professional-melding-vt"))
    assert professional.split()[1] == "x"  # secondary suppression: the rest of the 9 cases is 3
    data = json.loads(runner.invoke(cli, ["cases", "stats", str(path), "--json"]).output)
    by_id = {h["handoff_id"]: h for h in data["handoffs"]}
    assert by_id["politie-zorgmelding-vt"]["cases"] == "<5"
    assert by_id["politie-zorgmelding-vt"]["median_wait_days"] is None
    assert by_id["politie-zorgmelding-vt"]["transitions"] == "<5"
    assert by_id["professional-melding-vt"]["cases"] == "x"
    assert data["cases"] == 10  # 9, rounded to a multiple of 5
    assert "2025-03-03" not in text.output and "2025-03" in text.output  # the period in months
    # Raising the threshold suppresses more; lowering it is refused.
    raised = json.loads(runner.invoke(cli, ["cases", "stats", str(path), "--json"],
                                      env={"KETENKAART_SUPPRESSION_THRESHOLD": "10"}).output)
    assert {h["handoff_id"]: h["cases"] for h in raised["handoffs"]}["professional-melding-vt"] == "<10"
    assert raised["cases"] == "<10"
    lowered = runner.invoke(cli, ["cases", "stats", str(path)], env={"KETENKAART_SUPPRESSION_THRESHOLD": "2"})
    assert lowered.exit_code == 1 and isinstance(lowered.exception, SystemExit)  # a clean refusal, not a crash
    assert "KETENKAART_SUPPRESSION_THRESHOLD must be a whole number >= 5" in lowered.output
    assert "politie-zorgmelding-vt" not in lowered.output  # and no figures at all


def test_check_refuses_identifiers_and_shows_no_values(runner, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("case_id,timestamp,activity,notitie\nSYN1,2025-03-03,Melding ontvangen,bel 06-12345678\n"
                    "SYN2,2025-03-03,Melding ontvangen,geen\n")
    result = runner.invoke(cli, ["cases", "check", str(path)])
    assert result.exit_code == 1
    assert "column 'notitie': phone in 1 row" in result.output
    assert "12345678" not in result.output
    stats = runner.invoke(cli, ["cases", "stats", str(path)])
    assert stats.exit_code == 1 and isinstance(stats.exception, SystemExit)  # refused, not crashed
    assert "column 'notitie': phone in 1 row" in stats.output and "12345678" not in stats.output


def test_bad_mapping_reports_file_line_field(runner, tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text("activities:\n  Melding ontvangen: veilig-thuis\n")
    log = tmp_path / "log.csv"
    log.write_text("case_id,timestamp,activity\nSYN1,2025-03-03,Melding ontvangen\n")
    result = runner.invoke(cli, ["cases", "stats", str(log), "--mapping", str(mapping)])
    assert result.exit_code == 1
    assert "m.yaml:2: activities: unknown organisation 'veilig-thuis'" in result.output
