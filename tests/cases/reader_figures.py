"""The hostile-log corpus through the real reader (:func:`loaders.cases.events.load_events`).

Every log is written to a real file and loaded the way ``ketenkaart cases check`` loads it: read
as text, gated, parsed. A hostile log counts as *detected* when the reader refuses it with a
finding of the planted kind in the planted place, and as *refused* when it is refused at all
(any finding, or an error); a clean log must load.

    python -m tests.cases.reader_figures
"""

from __future__ import annotations

import collections
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ChainError
from loaders.cases.events import load_events, private_connection
from loaders.cases.guard import Finding, IdentifiersFound, NameLists
from tests.cases.hostile_corpus import CleanLog, HostileLog, clean_logs, hostile_logs

__all__ = ["ReaderFigures", "load_through_reader", "reader_figures"]


@dataclass
class ReaderFigures:
    tried: collections.Counter[str] = field(default_factory=collections.Counter)
    detected: collections.Counter[str] = field(default_factory=collections.Counter)
    refused: collections.Counter[str] = field(default_factory=collections.Counter)
    clean: int = 0
    clean_refused: list[str] = field(default_factory=list)
    messages: list[tuple[HostileLog, str]] = field(default_factory=list)


def load_through_reader(log: HostileLog | CleanLog, folder: Path,
                        names: NameLists | None = None) -> tuple[list[Finding], str | None]:
    """Write the log to ``folder`` and load it; (findings, message of any refusal)."""
    path = folder / f"{log.id}.{log.fmt}"
    path.write_text(log.text, encoding="utf-8")
    with private_connection(memory_limit="256MB", threads=1) as con:
        try:
            load_events(path, con=con, salt="s", names=names)
        except IdentifiersFound as exc:
            return list(exc.findings), str(exc) + repr(exc)
        except ChainError as exc:
            return [], str(exc) + repr(exc)
    return [], None


def _in_place(log: HostileLog, findings: list[Finding]) -> bool:
    return any(f.kind == log.kind and any(f.column == label or f.column.startswith(label) for label in log.labels)
               for f in findings)


def reader_figures(names: NameLists | None = None) -> ReaderFigures:
    out = ReaderFigures()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for log in hostile_logs():
            findings, message = load_through_reader(log, folder, names)
            out.tried[log.kind] += 1
            out.detected[log.kind] += _in_place(log, findings)
            out.refused[log.kind] += message is not None
            if message is not None:
                out.messages.append((log, message))
        for clean in clean_logs():
            out.clean += 1
            _, message = load_through_reader(clean, folder, names)
            if message is not None:
                out.clean_refused.append(f"{clean.id}: {message.splitlines()[-1][:200]}")
    return out


def main() -> None:
    figures = reader_figures()
    print("the hostile-log corpus through load_events (built-in name lists):")
    print(f"  {'kind':20} {'tried':>5} {'detected':>8} {'refused':>7}")
    for kind in figures.tried:
        print(f"  {kind:20} {figures.tried[kind]:5d} {figures.detected[kind]:8d} {figures.refused[kind]:7d}")
    total = sum(figures.tried.values())
    print(f"  {'all':20} {total:5d} {sum(figures.detected.values()):8d} {sum(figures.refused.values()):7d}")
    print(f"clean logs loaded: {figures.clean - len(figures.clean_refused)} / {figures.clean}")
    for line in figures.clean_refused:
        print("  refused:", line)


if __name__ == "__main__":
    main()
