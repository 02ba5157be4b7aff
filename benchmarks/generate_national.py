"""A seeded synthetic national chain: 25 regions like Haaglanden, linked by national partners.

Each region is a copy of the Haaglanden chain with region-prefixed ids
(``r07-veilig-thuis-haaglanden``); organisations that are national in
reality (the Raad voor de Kinderbescherming, the OM, the reclassering,
Slachtofferhulp, De Waag) are shared by every region, so the regions are
linked through them. Phases, sources, legal bases and instruments are
national and shared. A seeded random part makes the regions differ: each
region drops a few of its hand-offs, and Veilig Thuis organisations hand
cases to a neighbouring region (a family moving). Synthetic: no real
regional data.

Falls back to the toy chain (graph.examples) when the Haaglanden data cannot
be loaded.

Usage::

    python benchmarks/generate_national.py [--regions 25] [--seed 1] [--out national.xlsx]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import replace
from pathlib import Path

from graph.errors import ChainError
from graph.examples import toy_chain
from graph.model import ChainModel, HandOff, Organisation, Passes, Signal

NATIONAL = {
    "raad-voor-de-kinderbescherming",
    "openbaar-ministerie",
    "reclassering",
    "slachtofferhulp-nederland",
    "de-waag",
    "raad",  # toy chain
}
DROP_SHARE = 0.05


def base_model() -> ChainModel:
    """The Haaglanden chain, or the toy chain when the data is not there."""
    try:
        from loaders.load import load_model

        return load_model()
    except (ChainError, ImportError, OSError):
        return toy_chain()


def national_model(regions: int = 25, seed: int = 1, base: ChainModel | None = None) -> ChainModel:
    """Build the national model (deterministic for a given seed and base)."""
    base = base or base_model()
    rng = random.Random(seed)
    orgs: list[Organisation] = []
    handoffs: list[HandOff] = []
    signals: list[Signal] = []
    national = {o.id for o in base.organisations if o.id in NATIONAL}
    orgs += [o for o in base.organisations if o.id in national]
    applied: dict[str, set[str]] = {i.id: set() for i in base.instruments}
    vt_ids: list[str] = []

    for r in range(1, regions + 1):
        prefix = f"r{r:02d}-"

        def m(org_id: str, prefix: str = prefix) -> str:
            return org_id if org_id in national else prefix + org_id

        def m_opt(org_id: str | None, prefix: str = prefix) -> str | None:
            return None if org_id is None else m(org_id, prefix)

        for o in base.organisations:
            if o.id not in national:
                orgs.append(replace(o, id=m(o.id), region=f"regio-{r:02d}", part_of=m_opt(o.part_of)))
        for ins in base.instruments:
            applied[ins.id] |= {m(a) for a in ins.applied_by}
        for ho in base.handoffs:
            if rng.random() < DROP_SHARE:
                continue
            handoffs.append(replace(
                ho, id=prefix + ho.id, from_org=m(ho.from_org), to_org=m(ho.to_org),
                regie_after=m_opt(ho.regie_after), escalation_to=m_opt(ho.escalation_to),
                failure_modes=tuple(replace(f, id=prefix + f.id) for f in ho.failure_modes),
            ))
        signals.extend(replace(sig, id=prefix + sig.id, enters_at=m(sig.enters_at)) for sig in base.signals)
        vt = next((o.id for o in base.organisations if o.id.startswith("veilig-thuis")), None)
        if vt:
            vt_ids.append(m(vt))

    template = next((h for h in base.handoffs if h.from_org.startswith("veilig-thuis")), None)
    if template is not None:
        for i, vt in enumerate(vt_ids):
            other = vt_ids[(i + 1 + rng.randrange(3)) % len(vt_ids)]
            if other == vt:
                continue
            handoffs.append(HandOff(
                id=f"verhuizing-{vt}-{other}", from_org=vt, to_org=other,
                trigger="Gezin verhuist naar een andere regio", passes=(Passes.CASE, Passes.INFORMATION),
                phase=template.phase, sources=template.sources, legal_bases=template.legal_bases,
                regie_after=other, feedback_required=True,
            ))
    instruments = tuple(replace(i, applied_by=tuple(sorted(applied[i.id]))) for i in base.instruments)
    return ChainModel(
        region="nederland-synthetisch",
        title=f"Synthetische landelijke keten ({regions} regio's, seed {seed})",
        sources=base.sources, phases=base.phases, organisations=tuple(orgs), legal_bases=base.legal_bases,
        instruments=instruments, handoffs=tuple(handoffs), signals=tuple(signals),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write the model (json, ttl, xlsx, … by suffix)")
    args = parser.parse_args()
    model = national_model(args.regions, args.seed)
    for kind, count in model.counts().items():
        print(f"{kind:<14}{count:>7}")
    if args.out:
        from loaders.writers import write_export

        write_export(model, args.out.suffix.lstrip("."), args.out)
        print(f"written to {args.out}")


if __name__ == "__main__":
    main()
