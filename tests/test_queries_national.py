"""The synthetic national chain used by the benchmarks is valid, seeded and linked."""

from __future__ import annotations

from benchmarks.generate_national import national_model
from graph.examples import toy_chain
from loaders.load import load_model
from loaders.writers import write_export
from queries.routes import routes


def test_national_model_is_seeded_and_loads_back_valid(tmp_path):
    model = national_model(regions=4, seed=3, base=toy_chain())
    assert model == national_model(regions=4, seed=3, base=toy_chain())
    assert len([o for o in model.organisations if o.id.startswith("r04-")]) == 4  # 5 toy orgs, raad shared
    path = tmp_path / "national.xlsx"
    write_export(model, "xlsx", path)
    assert load_model(path) == model


def test_regions_are_linked_through_national_partners():
    model = national_model(regions=3, seed=1, base=toy_chain())
    found = routes(model, "r01-politie", "r02-kinderrechter", max_handoffs=8, limit=None)
    assert any("raad" in r.organisations for r in found)
