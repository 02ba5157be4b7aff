"""Hypothesis strategies for random, valid chain models.

``chain_models()`` draws a :class:`graph.model.ChainModel` whose references
all resolve (sources, phases, organisations, legal bases, instruments), with
random optional fields, nested norms, failure modes and durations, and
multi-valued fields in random order. Every model it draws is one that
``loaders.build.build_model`` accepts, so any reader/writer pair can be
round-trip tested with it::

    from hypothesis import given
    from strategies import chain_models  # tests/ is on sys.path under pytest

    @given(chain_models())
    def test_round_trip(model):
        assert read(write(model)) == model
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from graph.model import (
    WAIT_METRICS,
    Assessment,
    ChainModel,
    Domain,
    Duration,
    FailureMode,
    HandOff,
    Instrument,
    LegalBasis,
    LegalBasisKind,
    Metric,
    Norm,
    NormKind,
    NormUnit,
    Observation,
    Organisation,
    OrganisationKind,
    Passes,
    Phase,
    RegieHolder,
    Signal,
    Source,
    SourceAuthority,
    SourceKind,
    Status,
)
from graph.vocab import Category

__all__ = ["chain_models", "slugs", "texts"]

_SLUG_PART = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)

slugs = st.lists(_SLUG_PART, min_size=1, max_size=3).map("-".join)
"""Ids in the data format's slug form: ``[a-z0-9]+(-[a-z0-9]+)*``."""

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0x2FFF) | st.sampled_from("\n\t"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")
"""Non-blank text, with accents, quotes, backslashes, newlines and tabs."""

_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
_statuses = st.sampled_from(list(Status))
_amounts = st.one_of(
    st.integers(min_value=1, max_value=10_000),
    st.floats(min_value=0.001, max_value=1e6, allow_nan=False, allow_infinity=False),
)
_urls = _SLUG_PART.map(lambda s: f"https://example.org/{s}?q=1&r=2")
# Aliases: one line, no ';', no surrounding spaces (the builder's rule for names).
_names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=";",
                           max_codepoint=0x2FFF),
    min_size=1, max_size=12,
).map(str.strip).filter(bool)
_articles = st.text(alphabet="0123456789.:abc", min_size=1, max_size=6)


def _optional(strategy):
    return st.none() | strategy


def _subset(draw, ids: list[str], min_size: int = 0, max_size: int | None = None) -> tuple[str, ...]:
    """A random selection of ``ids`` in random order (order must survive a round trip)."""
    if not ids:
        return ()
    chosen = draw(st.lists(st.sampled_from(ids), min_size=min_size, max_size=max_size or len(ids), unique=True))
    return tuple(draw(st.permutations(chosen)))


@st.composite
def _validity(draw) -> tuple[dt.date | None, dt.date | None]:
    first, second = draw(_optional(_dates)), draw(_optional(_dates))
    if first is not None and second is not None and first > second:
        first, second = second, first
    return first, second


@st.composite
def _source_date(draw) -> str:
    day = draw(_dates)
    form = draw(st.sampled_from(["%Y", "%Y-%m", "%Y-%m-%d"]))
    return day.strftime(form)


@st.composite
def _period(draw) -> str:
    """2023, 2019-01, 2019-01-31 or two of those joined by /, in order."""
    first, second = sorted(draw(st.lists(_dates, min_size=2, max_size=2)))
    one = first.strftime(draw(st.sampled_from(["%Y", "%Y-%m", "%Y-%m-%d"])))
    if draw(st.booleans()):
        return one
    return f"{one}/{second.strftime(draw(st.sampled_from(['%Y', '%Y-%m', '%Y-%m-%d'])))}"


_counts = st.one_of(st.integers(min_value=0, max_value=100_000),
                    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False))


@st.composite
def chain_models(draw, max_handoffs: int = 6) -> ChainModel:
    """A random valid chain model.

    Ids carry a per-kind prefix so they are unique across kinds.
    """
    def ids(prefix: str, min_size: int, max_size: int) -> list[str]:
        return [f"{prefix}-{s}" for s in draw(st.lists(slugs, min_size=min_size, max_size=max_size, unique=True))]

    region = draw(slugs)
    source_ids = ids("src", 1, 4)
    phase_ids = ids("fase", 1, 4)
    org_ids = ids("org", 2, 5)
    lb_ids = ids("lb", 0, 3)
    instrument_ids = ids("instr", 0, 3)
    handoff_ids = ids("ho", 1, max_handoffs)
    signal_ids = ids("sig", 0, 2)

    def sources() -> tuple[str, ...]:
        return _subset(draw, source_ids, min_size=1)

    src = tuple(
        Source(
            id=i,
            kind=draw(st.sampled_from(list(SourceKind))),
            title=draw(texts),
            url=draw(_optional(_urls)),
            file=draw(_optional(texts)),
            date=draw(_optional(_source_date())),
            publisher=draw(_optional(texts)),
            note=draw(_optional(texts)),
            status=draw(_statuses),
            authority=draw(_optional(st.sampled_from(list(SourceAuthority)))),
            last_checked=draw(_optional(_dates)),
        )
        for i in source_ids
    )
    verifying = {source.id for source in src if source.verifies}

    def sourced() -> tuple[tuple[str, ...], Status]:
        """Sources and a status the builder accepts: verified needs a source that can verify."""
        chosen, status = sources(), draw(_statuses)
        if status is Status.VERIFIED and not verifying & set(chosen):
            status = Status.UNVERIFIED
        return chosen, status

    def checked():
        return draw(_optional(_dates))

    phases = []
    for i in phase_ids:
        srcs, status = sourced()
        phases.append(Phase(id=i, name=draw(texts), order=draw(st.integers(-5, 50)), name_en=draw(_optional(texts)),
                            description=draw(_optional(texts)), sources=srcs, status=status, last_checked=checked()))
    organisations = []
    for i in org_ids:
        valid_from, valid_to = draw(_validity())
        others = [o for o in org_ids if o != i]
        srcs, status = sourced()
        organisations.append(Organisation(
            id=i, name=draw(texts), kind=draw(st.sampled_from(list(OrganisationKind))),
            domain=draw(st.sampled_from(list(Domain))), region=draw(texts), sources=srcs,
            name_en=draw(_optional(texts)), abbreviation=draw(_optional(texts)),
            official_id=draw(_optional(texts)), part_of=draw(_optional(st.sampled_from(others))),
            phases=_subset(draw, phase_ids), description=draw(_optional(texts)),
            valid_from=valid_from, valid_to=valid_to, status=status,
            aliases=tuple(draw(st.lists(_names, max_size=3, unique=True))), last_checked=checked(),
        ))
    legal_bases = []
    for i in lb_ids:
        valid_from, valid_to = draw(_validity())
        bwb = draw(_optional(st.integers(0, 9_999_999).map(lambda n: f"BWBR{n:07d}")))
        article = draw(_optional(_articles))
        srcs, status = sourced()
        legal_bases.append(LegalBasis(
            id=i, law_name=draw(texts), sources=srcs, kind=draw(st.sampled_from(list(LegalBasisKind))),
            bwb_id=bwb, article=article, paragraph=draw(_optional(_articles)) if article else None,
            title=draw(_optional(texts)), celex=draw(_optional(texts)), url_override=draw(_optional(_urls)),
            valid_from=valid_from, valid_to=valid_to, status=status, last_checked=checked(),
        ))
    instruments = []
    for i in instrument_ids:
        valid_from, valid_to = draw(_validity())
        durations = []
        for _ in range(draw(st.integers(0, 2))):
            srcs, status = sourced()
            durations.append(Duration(label=draw(texts), amount=draw(_amounts),
                                      unit=draw(st.sampled_from(list(NormUnit))), sources=srcs, status=status))
        srcs, status = sourced()
        instruments.append(Instrument(
            id=i, name=draw(texts), sources=srcs, applied_by=_subset(draw, org_ids),
            legal_bases=_subset(draw, lb_ids), phase=draw(_optional(st.sampled_from(phase_ids))),
            durations=tuple(durations), name_en=draw(_optional(texts)), abbreviation=draw(_optional(texts)),
            description=draw(_optional(texts)), valid_from=valid_from, valid_to=valid_to, status=status,
            last_checked=checked(),
        ))
    handoffs = []
    for i in handoff_ids:
        valid_from, valid_to = draw(_validity())
        norm = None
        if draw(st.booleans()):
            with_number = draw(st.booleans())
            srcs, status = sourced()
            norm = Norm(
                description=draw(texts), sources=srcs,
                amount=draw(_amounts) if with_number else None,
                unit=draw(st.sampled_from(list(NormUnit))) if with_number else None,
                kind=draw(st.sampled_from(list(NormKind))), status=status,
            )
        mode_ids = draw(st.lists(slugs, max_size=3, unique=True))
        modes = []
        for m in mode_ids:
            srcs, status = sourced()
            modes.append(FailureMode(id=m, description=draw(texts), sources=srcs,
                                     category=draw(st.sampled_from(list(Category))), period=draw(_optional(_period())),
                                     description_en=draw(_optional(texts)), status=status))
        passes = draw(st.lists(st.sampled_from(list(Passes)), min_size=1, unique=True))
        waiting = draw(_optional(st.sampled_from(list(RegieHolder))))
        srcs, status = sourced()
        handoffs.append(HandOff(
            id=i, from_org=draw(st.sampled_from(org_ids)), to_org=draw(st.sampled_from(org_ids)),
            trigger=draw(texts), passes=tuple(passes), phase=draw(st.sampled_from(phase_ids)), sources=srcs,
            name=draw(_optional(texts)), name_en=draw(_optional(texts)),
            instrument=draw(_optional(st.sampled_from(instrument_ids))) if instrument_ids else None,
            legal_bases=_subset(draw, lb_ids), norm=norm,
            regie_after=draw(_optional(st.sampled_from(org_ids))),
            regie_while_waiting=waiting, regie_while_waiting_sources=sources() if waiting else (),
            main_route=draw(st.booleans()),
            feedback_required=draw(_optional(st.booleans())), acceptance_required=draw(_optional(st.booleans())),
            escalation_to=draw(_optional(st.sampled_from(org_ids))), failure_modes=tuple(modes),
            description=draw(_optional(texts)), valid_from=valid_from, valid_to=valid_to, status=status,
            last_checked=checked(),
        ))
    signals = []
    for i in signal_ids:
        srcs, status = sourced()
        signals.append(Signal(id=i, name=draw(texts), enters_at=draw(st.sampled_from(org_ids)),
                              phase=draw(st.sampled_from(phase_ids)), sources=srcs, name_en=draw(_optional(texts)),
                              description=draw(_optional(texts)), status=status, last_checked=checked()))
    observations = []
    for i in ids("obs", 0, 3):
        metric = draw(st.sampled_from(list(Metric)))
        value = draw(_optional(_counts))
        high = value + draw(_counts) if value is not None and draw(st.booleans()) else None
        if metric in WAIT_METRICS:
            unit = draw(st.sampled_from(list(NormUnit))).value if value is not None else None
        else:
            unit = draw(texts) if value is not None else draw(_optional(texts))
        srcs, status = sourced()
        observations.append(Observation(
            id=i, about=_subset(draw, org_ids + list(handoff_ids), min_size=1), metric=metric,
            description=draw(texts), period=draw(_period()), region=draw(texts),
            assessment=draw(st.sampled_from(list(Assessment))), sources=srcs, value=value, value_max=high,
            lower_bound=draw(st.booleans()),
            unit=unit, categories=tuple(Category(c) for c in _subset(draw, list(Category))),
            description_en=draw(_optional(texts)),
            note=draw(_optional(texts)), status=status, last_checked=checked(),
        ))
    return ChainModel(
        region=region, title=draw(texts), sources=src, phases=tuple(phases), organisations=tuple(organisations),
        legal_bases=tuple(legal_bases), instruments=tuple(instruments), handoffs=tuple(handoffs),
        signals=tuple(signals), observations=tuple(observations),
    )
