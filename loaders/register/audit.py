"""The audit trail: every write appended as an entry whose hash covers the one before it.

An entry records who, when, what (action, entity, id) and the state before
and after. Free text (descriptions, evidence, agreements, roles) is kept only
as a digest and its length, so the trail itself never holds case narrative
and the retention period really removes it. Each entry's hash is the SHA-256
of the previous hash and the entry's canonical JSON; the newest ``id:hash``
is kept as the *head* in ``register_meta``. :func:`verify` walks the chain
and reports any entry that was edited, deleted or inserted.

>>> first = entry_hash(GENESIS, 1, "2026-03-02T10:00:00+00:00", "lid1", "create", "casus", "1", None, '{"code":"DBT-2026-014"}')
>>> len(first), first != entry_hash(GENESIS, 1, "2026-03-02T10:00:00+00:00", "lid1", "create", "casus", "1", None, '{"code":"DBT-2026-015"}')
(64, True)
>>> canonical(redact({"description": "Geen terugkoppeling", "category": "terugkoppeling"}))
'{"category":"terugkoppeling","description":{"chars":19,"sha256":"..."}}'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from loaders.register.records import AuditEntry

__all__ = ["FREE_TEXT", "GENESIS", "AuditReport", "canonical", "entry_hash", "redact", "verify"]

GENESIS = "0" * 64
# Fields whose text is kept in the trail as a digest only.
FREE_TEXT = frozenset({"description", "evidence", "what", "by_role", "title", "owner_role"})


def canonical(value: Any) -> str:
    """Compact JSON with sorted keys (dates as ISO text): the bytes that are hashed."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_iso)


def _iso(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def redact(record: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A copy with free text replaced by ``{"sha256": …, "chars": n}`` (recursively in lists and dicts)."""
    if record is None:
        return None
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key in FREE_TEXT and isinstance(value, str):
            out[key] = {"sha256": hashlib.sha256(value.encode("utf-8")).hexdigest()[:16] + "…", "chars": len(value)}
        elif isinstance(value, Mapping):
            out[key] = redact(value)
        elif isinstance(value, (list, tuple)):
            out[key] = [redact(v) if isinstance(v, Mapping) else v for v in value]
        else:
            out[key] = value
    return out


def entry_hash(prev_hash: str, entry_id: int, at: str, actor: str, action: str, entity: str, entity_id: str,
               before: str | None, after: str | None) -> str:
    """The hash of one entry: SHA-256 over the previous hash and the entry's canonical fields."""
    body = canonical([prev_hash, entry_id, at, actor, action, entity, entity_id, before, after])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def timestamp(at: dt.datetime) -> str:
    """The timestamp as hashed: UTC, ISO 8601, microseconds."""
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class AuditReport:
    """The result of :func:`verify`: ``ok``, how many entries were checked, the head, and what is wrong."""

    ok: bool
    entries: int
    head: str
    problems: tuple[str, ...]


def verify(entries: Iterable[AuditEntry], head: str | None) -> AuditReport:
    """Check the chain: consecutive ids from 1, each ``prev_hash`` the hash before it, each hash
    recomputed from the entry, and the last entry equal to the recorded ``head`` (``"id:hash"``).

    Returns
    -------
    AuditReport
        ``problems`` name the entry (by id) and what is wrong with it, never its content.
    """
    problems: list[str] = []
    prev, expected_id, count, last = GENESIS, 1, 0, f"0:{GENESIS}"
    for entry in entries:
        count += 1
        if entry.id != expected_id:
            problems.append(f"entry {expected_id}" + (f"–{entry.id - 1}" if entry.id - 1 > expected_id else "")
                            + " missing (deleted)" if entry.id > expected_id else f"entry {entry.id} out of order")
        if entry.prev_hash != prev:
            problems.append(f"entry {entry.id}: does not follow the entry before it (an entry was deleted or inserted)")
        recomputed = entry_hash(entry.prev_hash, entry.id, timestamp(entry.at), entry.actor, entry.action, entry.entity,
                                entry.entity_id, entry.before, entry.after)
        if recomputed != entry.hash:
            problems.append(f"entry {entry.id}: content does not match its hash (edited)")
        prev, expected_id, last = entry.hash, entry.id + 1, f"{entry.id}:{entry.hash}"
    if head is not None and head != last:
        head_id = head.split(":", 1)[0]
        problems.append(f"the recorded head is entry {head_id} but the trail ends at entry {last.split(':', 1)[0]} "
                        "(entries at the end were deleted, or the head was changed)")
    return AuditReport(ok=not problems, entries=count, head=last, problems=tuple(problems))
