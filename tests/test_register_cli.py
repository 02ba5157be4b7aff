"""``ketenkaart users`` and ``ketenkaart register`` on SQLite and PostgreSQL: passwords never as flags,
add/list/show/export/import, all-or-nothing import with a non-zero exit, verify-audit catching a tampered
row, retention, the report, and ``why`` showing the register's evidence."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from cli.main import cli
from loaders.register.repository import Register
from loaders.register.schema import audit_entry

pytestmark = pytest.mark.register

PASSWORD = "een lang wachtwoord"
KNELPUNT = "vt-overdracht-lokaal-team|terugkoppeling|Geen terugkoppeling na de overdracht"
AGREEMENT = "1|Lokaal team koppelt binnen 10 werkdagen terug|jeugd-en-wijkteams|teamleider|2027-04-30|werkproces"


@pytest.fixture
def run(register_url, monkeypatch, tmp_path):
    monkeypatch.setenv("KETENKAART_DATABASE_URL", register_url)
    monkeypatch.delenv("KETENKAART_REGISTER_DEMO", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    runner = CliRunner()

    def invoke(*args: str, password: str | None = PASSWORD, new_password: str | None = None, stdin: str | None = None):
        env = {"KETENKAART_PASSWORD": password or "", "KETENKAART_NEW_PASSWORD": new_password or ""}
        return runner.invoke(cli, list(args), env=env, input=stdin)

    invoke("users", "add", "voorzitter1", "--role", "voorzitter", new_password=PASSWORD)
    invoke("users", "add", "lid1", "--role", "lid", new_password=PASSWORD)
    invoke("users", "add", "lezer1", "--role", "lezer", new_password=PASSWORD)
    return invoke


def test_users_add_takes_the_password_from_a_prompt_or_the_environment_never_a_flag(run):
    result = run("users", "add", "lid2", "--role", "lid", new_password=None, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output.replace("Wachtwoord / password: \n", "")
    assert run("users", "add", "lid3", "--role", "lid", "--password", "x").exit_code == 2  # no such option
    assert "--password" not in run("users", "add", "--help").output
    listing = run("users", "list").output
    assert "lid2" in listing and "wachtwoord" in listing
    assert run("users", "add", "kort", "--role", "lid", new_password="kort").exit_code == 1
    oidc = run("users", "add", "burgemeester", "--role", "voorzitter", "--oidc-email", "b@denhaag.example", "--no-password")
    assert oidc.exit_code == 0 and "oidc b@denhaag.example" in run("users", "list").output


def test_add_list_show_close_and_roles(run):
    added = run("register", "add", "--user", "lid1", "--date", "2026-03-02", "--region", "den-haag",
                "--violence", "partnergeweld", "--org", "veilig-thuis-haaglanden", "--knelpunt", KNELPUNT,
                "--knelpunt", "huisverbod-hulpverlening-vt|weigering-geen-drang|Hulp geweigerd",
                "--agreement", AGREEMENT)
    assert added.exit_code == 0, added.output
    assert "casus DBT-2026-001 recorded with 2 knelpunten" in added.output
    listing = run("register", "list", "--user", "lid1")
    assert "DBT-2026-001" in listing.output and "1 open afspraken" in listing.output
    shown = json.loads(run("register", "show", "DBT-2026-001", "--user", "lid1", "--json").output)
    assert shown["knelpunten"][0]["agreements"][0]["by_role"] == "teamleider"
    refused = run("register", "list", "--user", "lezer1")
    assert refused.exit_code == 1 and "needs the role 'lid'" in refused.output
    assert run("register", "close", "DBT-2026-001", "--user", "lid1").exit_code == 1
    assert run("register", "close", "DBT-2026-001", "--user", "voorzitter1").exit_code == 0
    wrong = run("register", "list", "--user", "lid1", password="fout")
    assert wrong.exit_code == 1 and "wrong user name or password" in wrong.output


def test_add_refuses_a_bsn_in_the_description(run):
    result = run("register", "add", "--user", "lid1", "--region", "den-haag", "--violence", "partnergeweld",
                 "--knelpunt", "vt-overdracht-lokaal-team|terugkoppeling|Moeder BSN 111222333")
    assert result.exit_code == 1
    assert "knelpunten[0].description: refused" in result.output and "111222333" not in result.output


def test_export_import_and_an_all_or_nothing_failure(run, tmp_path, register_url):
    for n in (1, 2):
        assert run("register", "add", "--user", "lid1", "--code", f"DBT-2026-00{n}", "--date", "2026-03-02",
                   "--region", "delft", "--violence", "kindermishandeling", "--knelpunt", KNELPUNT).exit_code == 0
    for fmt in ("json", "csv", "xlsx"):
        out = tmp_path / f"export.{fmt}"
        result = run("register", "export", "--user", "lid1", "--out", str(out))
        assert result.exit_code == 0, result.output
        assert out.exists() and not (tmp_path / f"export.{fmt}.part").exists()
    csv_text = (tmp_path / "export.csv").read_text(encoding="utf-8")
    bad = tmp_path / "import.csv"
    bad.write_text(csv_text.replace("DBT-2026-001", "DBT-2026-011").replace("DBT-2026-002", "DBT-2026-012")
                   .replace("delft,", "delf,", 1), encoding="utf-8")
    result = run("register", "import", "--user", "lid1", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:2: region: unknown region 'delf'; did you mean: delft, midden-delfland?" in result.output
    assert "nothing imported" in result.output
    good = tmp_path / "import-good.csv"
    good.write_text(csv_text.replace("DBT-2026-001", "DBT-2026-011").replace("DBT-2026-002", "DBT-2026-012"),
                    encoding="utf-8")
    result = run("register", "import", "--user", "lid1", str(good))
    assert result.exit_code == 0 and "2 casussen imported" in result.output
    assert run("register", "import", "--user", "lid1", str(good)).exit_code == 1  # the codes exist now
    reg = Register.open(register_url)
    assert reg.counts()["casus"] == 4
    reg.close()


def test_verify_audit_detects_a_tampered_row(run, register_url):
    run("register", "add", "--user", "lid1", "--region", "den-haag", "--violence", "partnergeweld",
        "--knelpunt", KNELPUNT)
    ok = run("register", "verify-audit")
    assert ok.exit_code == 0 and "audit trail intact" in ok.output
    reg = Register.open(register_url)
    with reg.engine.begin() as conn:
        conn.execute(update(audit_entry).where(audit_entry.c.action == "create", audit_entry.c.entity == "casus")
                     .values(actor="iemand-anders"))
    reg.close()
    broken = run("register", "verify-audit")
    assert broken.exit_code == 1 and "tampered" in broken.output and "(edited)" in broken.output


def test_retention_dry_run_and_apply(run):
    run("register", "add", "--user", "lid1", "--date", "2020-01-06", "--region", "den-haag", "--violence",
        "partnergeweld", "--knelpunt", KNELPUNT)
    run("register", "close", "DBT-2020-001", "--user", "voorzitter1")
    assert "0 casussen due" in run("register", "retention", "--dry-run").output  # closed today
    assert "0 casussen reduced" in run("register", "retention", "--months", "24").output


def test_findings_report_and_why(run, tmp_path):
    added = run("register", "add", "--user", "lid1", "--region", "den-haag", "--violence", "partnergeweld",
                "--knelpunt", KNELPUNT, "--agreement", AGREEMENT)
    assert added.exit_code == 0, added.output
    findings = json.loads(run("register", "findings", "--user", "lezer1", "--from", "2020-01-01", "--json").output)
    assert findings["elements"] == [{"element": "vt-overdracht-lokaal-team", "casussen": "<5",
                                     "categories": {"terugkoppeling": "<5"}}]
    for suffix in ("pdf", "docx"):
        out = tmp_path / f"rapport.{suffix}"
        result = run("register", "report", "--user", "lezer1", "--from", "2020-01-01", "--out", str(out))
        assert result.exit_code == 0, result.output
        assert out.read_bytes()[:4] in (b"%PDF", b"PK\x03\x04")
    why = json.loads(run("why", "vt-overdracht-lokaal-team", "--json", password=None).output)
    (evidence,) = [e for e in why["evidence"] if e["kind"] == "register"]
    assert evidence["figures"][0] == {"label_nl": "besproken casussen", "label_en": "reviewed cases", "value": "<5"}
    assert "Lokaal team koppelt binnen 10 werkdagen terug" in evidence["note_nl"]
    assert "register:doorbraakteam" in why["sources"]
    without = json.loads(run("why", "vt-overdracht-lokaal-team", "--json", "--no-register").output)
    assert not [e for e in without["evidence"] if e["kind"] == "register"]
