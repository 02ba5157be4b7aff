"""One small chain stored as a YAML folder, a workbook (and Turtle) loads to equal models."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.load import load_model

VARIANTS = Path(__file__).parent / "data" / "variants"


def _variants() -> list[Path]:
    # Both are stored next to the folder; a lost file must fail the test, not drop it.
    return [VARIANTS / "toy.xlsx", VARIANTS / "toy.ttl"]


def _diff(a, b) -> str:
    lines = [f"{kind}: {getattr(a, kind)!r} != {getattr(b, kind)!r}"
             for kind in ("region", "title") if getattr(a, kind) != getattr(b, kind)]
    for kind in a.counts():
        ours = {e.id: e for e in getattr(a, kind)}
        theirs = {e.id: e for e in getattr(b, kind)}
        lines.extend(f"only first: {kind} {i}" for i in sorted(ours.keys() - theirs.keys()))
        lines.extend(f"only second: {kind} {i}" for i in sorted(theirs.keys() - ours.keys()))
        lines.extend(f"differs: {ours[i]!r}\n     vs: {theirs[i]!r}"
                     for i in sorted(ours.keys() & theirs.keys()) if ours[i] != theirs[i])
    return "\n".join(lines)


@pytest.mark.parametrize("path", _variants(), ids=lambda p: p.name)
def test_variant_loads_to_the_yaml_folder(path):
    model = load_model(path)
    expected = load_model(VARIANTS / "toy")
    assert model == expected, _diff(model, expected)


def test_variants_are_not_trivially_equal():
    # The stored chain has the nested parts the formats flatten differently.
    model = load_model(VARIANTS / "toy.xlsx")
    assert any(h.norm is not None for h in model.handoffs)
    assert any(h.failure_modes for h in model.handoffs)
    assert any(h.valid_to is not None for h in model.handoffs)
    assert [d.amount for d in model.instrument("ots").durations] == [12, 0.5]
    assert model.legal_basis("old-rule").url == "https://example.org/regeling"
