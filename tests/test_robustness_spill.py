"""Nothing raw at rest: DuckDB spills case data only into a private folder per connection (0700),
removed when the connection ends, after an error too, and by the next run after a kill
(issue 12, group 4)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from graph.errors import ChainError
from loaders.cases.events import SPILL_PREFIX, close, connect, load_events, private_connection, spill_directory


def _ours(parent: Path) -> set[Path]:
    return set(parent.glob(f"{SPILL_PREFIX}*"))


def test_each_connection_has_its_own_private_folder_removed_on_close(tmp_path):
    a, b = connect(temp_directory=tmp_path), connect(temp_directory=tmp_path)
    folder_a, folder_b = spill_directory(a), spill_directory(b)
    assert folder_a != folder_b and folder_a.parent == folder_b.parent == tmp_path
    for folder in (folder_a, folder_b):
        assert folder.is_dir() and folder.stat().st_mode & 0o777 == 0o700
        assert folder.stat().st_uid == os.getuid()
        assert folder.name.startswith(f"{SPILL_PREFIX}{os.getpid()}-")
    close(a)
    assert not folder_a.exists() and folder_b.exists()
    close(b)
    assert _ours(tmp_path) == set()


def test_spilled_case_data_lands_in_the_private_folder_and_goes_with_it(tmp_path):
    # A sort larger than the memory limit spills; the spill files are inside the private folder only.
    with private_connection(memory_limit="48MB", threads=1, temp_directory=tmp_path) as con:
        folder = spill_directory(con)
        con.execute("CREATE TEMP TABLE big AS SELECT md5(CAST(i AS VARCHAR)) || md5(CAST(i + 7 AS VARCHAR)) AS id "
                    "FROM range(1200000) t(i)")
        con.execute("CREATE TEMP TABLE sorted AS SELECT * FROM big ORDER BY id")
        spilled = [Path(p) for p, _ in con.execute("SELECT path, size FROM duckdb_temporary_files()").fetchall()]
        assert spilled, "the test must make DuckDB spill"
        assert all(p.parent == folder for p in spilled)
        assert folder.stat().st_mode & 0o777 == 0o700
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_left_after_a_refused_or_broken_log(tmp_path):
    spill_parent = tmp_path / "spill"
    spill_parent.mkdir()
    refused = tmp_path / "refused.csv"
    refused.write_text("case_id,timestamp,activity,opmerking\nSYN1,2025-03-03,Melding,bsn 111222333\n")
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"case_id,timestamp,activity\nSYN1,2025-03-03,Caf\xe9\n")
    for path in (refused, broken):
        with pytest.raises(ChainError), private_connection(temp_directory=spill_parent) as con:
            load_events(path, con=con, salt="s")
        assert list(spill_parent.iterdir()) == [], path.name


def test_a_killed_runs_folder_is_removed_by_the_next_run(tmp_path):
    # A child process opens a connection and is killed (SIGKILL: no cleanup of its own can run).
    code = ("import os, signal, sys; from loaders.cases.events import connect, spill_directory; "
            f"con = connect(temp_directory={str(tmp_path)!r}); print(spill_directory(con), flush=True); "
            "os.kill(os.getpid(), signal.SIGKILL)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1], timeout=120)
    left = Path(result.stdout.strip())
    assert result.returncode == -9 and left.is_dir(), result.stderr
    con = connect(temp_directory=tmp_path)  # the next run
    try:
        assert not left.exists()
        assert _ours(tmp_path) == {spill_directory(con)}
    finally:
        close(con)


def test_folders_of_live_processes_and_of_others_are_left_alone(tmp_path):
    alive = Path(tempfile.mkdtemp(prefix=f"{SPILL_PREFIX}{os.getppid()}-", dir=tmp_path))
    unrelated = tmp_path / "ketenkaart-duckdb"  # the old fixed name: not ours to remove
    unrelated.mkdir()
    close(connect(temp_directory=tmp_path))
    assert alive.exists() and unrelated.exists()


def test_the_default_parent_is_the_system_temporary_folder_never_a_fixed_shared_folder():
    con = connect()
    try:
        folder = spill_directory(con)
        assert folder.parent == Path(tempfile.gettempdir())
        assert folder.name != "ketenkaart-duckdb" and folder.stat().st_mode & 0o777 == 0o700
    finally:
        close(con)
    assert not folder.exists()
