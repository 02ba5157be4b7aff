"""How long loading and validating takes: YAML folder, workbook, build, validation, exports.

Runs on the built-in Haaglanden chain and on the synthetic national chain of
``generate_national.py`` (25 regions by default), written to a temporary YAML
folder and workbook first, and prints one line per step (best of ``--repeat``).

Usage::

    python benchmarks/bench_loaders.py [--regions 25] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_national import base_model, national_model

from graph.errors import ChainDataError
from graph.model import ChainModel
from loaders.build import build_model
from loaders.readers.xlsx import read_workbook
from loaders.readers.yaml import read_yaml_folder
from loaders.records import Record, RecordSet
from loaders.writers import export_text, write_export, write_yaml_folder


def _best(repeat: int, func):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def _broken(records: RecordSet) -> RecordSet:
    """Every hand-off pointing at a misspelt organisation: one problem per hand-off."""
    out = []
    for r in records.records:
        if r.kind == "handoffs":
            r = Record(r.kind, {**r.data, "to": r.data["to"] + "x"}, r.location, r.field_locations)
        out.append(r)
    return RecordSet(out, records.region, records.title)


def measure(name: str, model: ChainModel, repeat: int) -> None:
    elements = sum(model.counts().values())
    with tempfile.TemporaryDirectory() as tmp:
        folder, book = Path(tmp) / "yaml", Path(tmp) / "keten.xlsx"
        t_write_yaml, _ = _best(repeat, lambda: write_yaml_folder(model, folder))
        t_write_xlsx, _ = _best(repeat, lambda: write_export(model, "xlsx", book))
        t_read_yaml, records = _best(repeat, lambda: read_yaml_folder(folder))
        t_build, built = _best(repeat, lambda: build_model(records))
        assert built == model
        t_read_xlsx, book_records = _best(repeat, lambda: read_workbook(book))
        assert build_model(book_records) == model
        broken = _broken(records)

        def validate_broken() -> int:
            try:
                build_model(broken)
            except ChainDataError as err:
                return len(err.problems)
            raise AssertionError("the broken records built")

        t_invalid, problems = _best(repeat, validate_broken)
        t_json, _ = _best(repeat, lambda: export_text(model, "json"))
        t_graphml, _ = _best(repeat, lambda: export_text(model, "graphml"))
    print(f"{name}: {elements} elements, {len(model.handoffs)} hand-offs")
    for label, seconds in (
        ("write YAML folder", t_write_yaml),
        ("write workbook", t_write_xlsx),
        ("read YAML folder (with lines)", t_read_yaml),
        ("build + validate (valid)", t_build),
        ("read workbook", t_read_xlsx),
        (f"build + validate ({problems} problems)", t_invalid),
        ("export json", t_json),
        ("export graphml", t_graphml),
    ):
        print(f"  {label:<38}{seconds * 1000:>9.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base = base_model()
    measure(f"{base.region}", base, args.repeat)
    measure(f"national ({args.regions} regions)", national_model(args.regions, base=base), args.repeat)


if __name__ == "__main__":
    main()
