"""What the chain map shows: filtering, focus, a stable lane layout and the visual encoding.

Pure functions over a :class:`~graph.model.ChainModel`; the UI only renders
what :func:`map_view` returns. Organisations and signals are nodes,
hand-offs are edges between organisations.

Layout: one horizontal lane per :class:`~graph.model.Domain`, phases left to
right. Positions are computed on the *whole* model and never on a filtered
subset, so a node keeps its place whatever is filtered or focused.

Encoding never rests on colour alone: a hand-off without a known legal basis
is drawn **dashed**, one without a norm carries the **⚠** marker in its
label; organisation kinds differ in **shape**.

>>> from graph.examples import toy_chain
>>> view = map_view(toy_chain())
>>> [n.id for n in view.nodes]
['kinderrechter', 'lokaal-team', 'politie', 'raad', 'veilig-thuis', 'signaal-incident']
>>> edge = view.edge("ho-vt-lokaal-team")
>>> edge.dashed, edge.no_norm
(True, True)
>>> view.edge("ho-politie-vt").dashed
False
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

from graph.errors import UnknownElement
from graph.model import (
    ChainModel,
    Domain,
    HandOff,
    Organisation,
    OrganisationKind,
    Status,
)
from graph.text import element_name

__all__ = [
    "LANE_ORDER",
    "MapFilter",
    "MapNode",
    "MapEdge",
    "Lane",
    "PhaseColumn",
    "LegendEntry",
    "MapView",
    "layout_positions",
    "map_view",
    "focus_set",
    "legend",
    "filter_options",
    "handoffs_of",
    "short_label",
    "figure_texts",
    "resting_on",
]

# Lanes top to bottom.
LANE_ORDER: tuple[Domain, ...] = (
    Domain.BESTUUR,
    Domain.VEILIGHEID_STRAF,
    Domain.ZORG,
    Domain.JEUGDBESCHERMING,
)

LANE_NAMES: dict[Domain, tuple[str, str]] = {
    Domain.BESTUUR: ("Bestuur", "Administration"),
    Domain.VEILIGHEID_STRAF: ("Veiligheid en straf", "Safety and criminal law"),
    Domain.ZORG: ("Zorg", "Care"),
    Domain.JEUGDBESCHERMING: ("Jeugdbescherming", "Child protection"),
}

# Colour per domain; the lane (position) carries the same information.
DOMAIN_COLOURS: dict[Domain, str] = {
    Domain.BESTUUR: "#c9d7ec",
    Domain.VEILIGHEID_STRAF: "#f3d1c4",
    Domain.ZORG: "#cfe8cf",
    Domain.JEUGDBESCHERMING: "#efe0b5",
}

SHAPES: dict[OrganisationKind, str] = {
    OrganisationKind.ORGANISATION: "box",
    OrganisationKind.POST: "ellipse",
    OrganisationKind.COLLABORATION: "box",  # with a dashed border
    OrganisationKind.PERSON: "dot",  # a member of the family
}
SIGNAL_SHAPE = "triangle"

COLUMN_WIDTH = 210
# Room for a node label of three lines at the map's font size (22 canvas units).
ROW_HEIGHT = 88
SHORT_LABEL = 24
# Above this many hand-offs in view, edge labels shrink to the marker only
# (the full text stays in the tooltip and the details); highlighted edges keep theirs.
LABEL_LIMIT = 20
LANE_GAP = 40
NO_NORM_MARK = "⚠"


@dataclass(frozen=True)
class MapFilter:
    """Which part of the chain to show. Empty tuples mean "everything".

    ``focus`` is an element id (organisation, hand-off, signal or instrument);
    with ``steps`` hand-offs around it. ``highlight`` hand-off ids are drawn
    prominent (a route), the rest faded.
    """

    domains: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    focus: str | None = None
    steps: int = 1
    highlight: tuple[str, ...] = ()


@dataclass(frozen=True)
class MapNode:
    id: str
    label: str
    kind: str  # "organisations" or "signals"
    shape: str
    domain: str | None
    x: int
    y: int
    colour: str
    dashed_border: bool
    title: str
    faded: bool = False
    focused: bool = False


@dataclass(frozen=True)
class MapEdge:
    id: str
    source: str
    target: str
    label: str
    dashed: bool  # no legal basis known
    no_norm: bool  # no norm known (marked with NO_NORM_MARK)
    title: str
    highlighted: bool = False
    faded: bool = False
    figures: str | None = None  # practice figures, already suppressed and labelled
    width: float = 1.6  # line width; grows with the measured volume when figures are shown
    name: str = ""  # the full label (marker, name, figures), shown on hover when ``label`` is shortened


@dataclass(frozen=True)
class Lane:
    domain: str
    label: str
    y_min: int
    y_max: int
    colour: str


@dataclass(frozen=True)
class PhaseColumn:
    id: str
    label: str
    x: int


@dataclass(frozen=True)
class LegendEntry:
    key: str  # stable id for tests and the UI
    label: str
    symbol: str  # "box", "ellipse", "hexagon", "triangle", "dashed", "solid", "mark"
    colour: str | None = None


@dataclass(frozen=True)
class MapView:
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    lanes: tuple[Lane, ...]
    columns: tuple[PhaseColumn, ...]
    legend: tuple[LegendEntry, ...] = field(default=())

    def node(self, node_id: str) -> MapNode:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise UnknownElement(node_id, kind="node")

    def edge(self, edge_id: str) -> MapEdge:
        for edge in self.edges:
            if edge.id == edge_id:
                return edge
        raise UnknownElement(edge_id, kind="hand-off")

    def to_data(self) -> dict:
        """A JSON-serialisable dict for the vis-network component."""
        from dataclasses import asdict

        return {
            "nodes": [asdict(n) for n in self.nodes],
            "edges": [asdict(e) for e in self.edges],
            "lanes": [asdict(lane) for lane in self.lanes],
            "columns": [asdict(c) for c in self.columns],
        }


_name = element_name


def short_label(name: str, abbreviation: str | None = None, limit: int = SHORT_LABEL) -> str:
    """A node label that fits the map: the name, else without its bracketed part, else the abbreviation.

    >>> short_label("Kinderrechter (Rechtbank Den Haag)")
    'Kinderrechter'
    >>> short_label("Dienst Onderwijs, Cultuur en Welzijn (OCW)", "OCW")
    'OCW'
    >>> short_label("Veilig Thuis Haaglanden", "VT")
    'Veilig Thuis Haaglanden'
    """
    if len(name) <= limit:
        return name
    bare = name.split(" (")[0].strip()
    if len(bare) <= limit and bare:
        return bare
    return abbreviation or bare


def _org_column(model: ChainModel, org: Organisation) -> int:
    order = model.phase_order
    own = [order[p] for p in org.phases if p in order]
    if own:
        return min(own)
    touching = [order[h.phase] for h in model.handoffs
                if org.id in (h.from_org, h.to_org) and h.phase in order]
    if touching:
        return min(touching)
    if org.part_of:
        parent = model.index.get(org.part_of)
        if isinstance(parent, Organisation) and parent.id != org.id:
            return _org_column(model, parent)
    return 0


def layout_positions(model: ChainModel) -> tuple[dict[str, tuple[int, int]], tuple[Lane, ...], tuple[PhaseColumn, ...]]:
    """Deterministic positions of every organisation and signal, with lanes and phase columns.

    Each organisation goes to the lane of its domain and the column of its
    earliest phase; organisations sharing a cell are stacked in id order.
    Signals sit half a column left of the organisation they enter at, a
    little lower (the lane name is drawn at the top left of each lane).

    Parameters
    ----------
    model : ChainModel

    Returns
    -------
    positions : dict
        ``{id: (x, y)}`` for organisations and signals.
    lanes : tuple of Lane
    columns : tuple of PhaseColumn

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> pos, lanes, columns = layout_positions(toy_chain())
    >>> pos["politie"][0] < pos["veilig-thuis"][0] < pos["lokaal-team"][0] < pos["raad"][0]
    True
    >>> pos["raad"][1] == pos["kinderrechter"][1]
    False
    >>> [lane.domain for lane in lanes]
    ['veiligheid-straf', 'zorg', 'jeugdbescherming']
    >>> pos == layout_positions(toy_chain())[0]
    True
    """
    cells: dict[tuple[Domain, int], list[str]] = {}
    for org in model.organisations:
        cells.setdefault((org.domain, _org_column(model, org)), []).append(org.id)
    for members in cells.values():
        members.sort()
    # Signals stack with the organisations they enter at (one row each).
    lanes: list[Lane] = []
    positions: dict[str, tuple[int, int]] = {}
    y = 0
    for domain in LANE_ORDER:
        rows = max((len(m) for (d, _), m in cells.items() if d is domain), default=0)
        if rows == 0:
            continue
        top = y
        for (d, column), members in sorted(cells.items(), key=lambda kv: kv[0][1]):
            if d is not domain:
                continue
            for i, org_id in enumerate(members):
                positions[org_id] = (column * COLUMN_WIDTH, top + ROW_HEIGHT // 2 + i * ROW_HEIGHT)
        y = top + rows * ROW_HEIGHT
        lanes.append(Lane(domain=domain.value, label=LANE_NAMES[domain][0], y_min=top, y_max=y,
                          colour=DOMAIN_COLOURS[domain]))
        y += LANE_GAP
    for i, sig in enumerate(model.signals):
        x, y0 = positions.get(sig.enters_at, (0, 0))
        positions[sig.id] = (x - round(COLUMN_WIDTH * 0.55), y0 + ROW_HEIGHT // 4)  # clear of the lane name
    columns = tuple(PhaseColumn(id=p.id, label=p.name, x=p.order * COLUMN_WIDTH)
                    for p in sorted(model.phases, key=lambda p: p.order))
    return positions, tuple(lanes), columns


def focus_set(model: ChainModel, element_id: str, steps: int = 1) -> tuple[set[str], set[str]]:
    """Organisations and hand-offs within ``steps`` hand-offs of an element.

    The element may be an organisation, a hand-off (both ends count as
    step 0), a signal (its entry organisation) or an instrument (the
    organisations that apply it and the hand-offs that use it). Direction is
    ignored: the neighbourhood shows who sends to and who receives from.

    Parameters
    ----------
    model : ChainModel
    element_id : str
    steps : int, default 1

    Returns
    -------
    organisations, handoffs : set of str, set of str

    Raises
    ------
    UnknownElement
        When ``element_id`` is not in the model.

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> orgs, hos = focus_set(toy_chain(), "politie", steps=1)
    >>> sorted(orgs)
    ['politie', 'veilig-thuis']
    >>> sorted(hos)
    ['ho-politie-vt']
    >>> sorted(focus_set(toy_chain(), "ho-raad-kinderrechter", steps=0)[0])
    ['kinderrechter', 'raad']
    >>> focus_set(toy_chain(), "politi")
    Traceback (most recent call last):
    ...
    graph.errors.UnknownElement: unknown element 'politi'; did you mean: politie, ho-politie-vt?
    """
    element = model.get(element_id)
    kind = model.kind_of(element_id)
    start: set[str] = set()
    handoffs: set[str] = set()
    if kind == "organisations":
        start = {element_id}
    elif kind == "handoffs":
        start = {element.from_org, element.to_org}
        handoffs.add(element_id)
    elif kind == "signals":
        start = {element.enters_at}
    elif kind == "instruments":
        start = set(element.applied_by)
        for ho in model.handoffs:
            if ho.instrument == element_id:
                start |= {ho.from_org, ho.to_org}
                handoffs.add(ho.id)
    elif kind == "legal_bases":
        for ho in model.handoffs:
            if element_id in ho.legal_bases:
                start |= {ho.from_org, ho.to_org}
                handoffs.add(ho.id)
    else:
        return set(), set()
    adjacency: dict[str, list[HandOff]] = {}
    for ho in model.handoffs:
        adjacency.setdefault(ho.from_org, []).append(ho)
        adjacency.setdefault(ho.to_org, []).append(ho)
    seen = set(start)
    queue = deque((org, 0) for org in sorted(start))
    while queue:
        org, depth = queue.popleft()
        if depth >= steps:
            continue
        for ho in adjacency.get(org, []):
            handoffs.add(ho.id)
            other = ho.to_org if ho.from_org == org else ho.from_org
            if other not in seen:
                seen.add(other)
                queue.append((other, depth + 1))
    # Hand-offs between two organisations already in view are shown too.
    for ho in model.handoffs:
        if ho.from_org in seen and ho.to_org in seen:
            handoffs.add(ho.id)
    return seen, handoffs


def _handoff_title(model: ChainModel, ho: HandOff, lang: str) -> str:
    en = lang == "en"
    lines = [_name(ho, lang), f"{_name(model.index[ho.from_org], lang)} → {_name(model.index[ho.to_org], lang)}"]
    if ho.legal_bases:
        names = [model.index[lb].name for lb in ho.legal_bases if lb in model.index]
        lines.append(("Legal basis: " if en else "Grondslag: ") + "; ".join(names))
    else:
        lines.append("No legal basis known (dashed)" if en else "Geen grondslag bekend (gestippeld)")
    if ho.norm is not None:
        lines.append(("Norm: " if en else "Norm: ") + ho.norm.description)
    else:
        lines.append(f"{NO_NORM_MARK} " + ("No norm known" if en else "Geen norm bekend"))
    if ho.status is Status.UNVERIFIED:
        lines.append("Not verified against its source" if en else "Niet geverifieerd aan de bron")
    return "\n".join(lines)


def _org_title(org: Organisation, lang: str) -> str:
    en = lang == "en"
    kind = {
        OrganisationKind.ORGANISATION: ("organisatie", "organisation"),
        OrganisationKind.POST: ("functie", "post"),
        OrganisationKind.COLLABORATION: ("samenwerkingsverband", "collaboration"),
        OrganisationKind.PERSON: ("gezinslid", "family member"),
    }[org.kind][1 if en else 0]
    lane = LANE_NAMES[org.domain][1 if en else 0]
    return f"{_name(org, lang)}\n{kind} · {lane}"


def map_view(
    model: ChainModel,
    flt: MapFilter | None = None,
    *,
    lang: str = "nl",
    figures: Mapping[str, str] | None = None,
    label_limit: int = LABEL_LIMIT,
    volumes: Mapping[str, int | None] | None = None,
    layout_of: ChainModel | None = None,
) -> MapView:
    """The nodes, edges, lanes and legend of the map for a filter.

    A hand-off is shown when it passes every filter: its phase is among
    ``phases``, its instrument among ``instruments``, at least one end is in
    ``domains`` and ``regions``, and it lies within the focus. An
    organisation is shown when it passes the domain and region filters and
    either touches a shown hand-off or no hand-off filter is active.

    Parameters
    ----------
    model : ChainModel
    flt : MapFilter, optional
    lang : {"nl", "en"}
    figures : mapping, optional
        Hand-off id to a short, already suppressed figure text (practice
        statistics); added to the edge label.
    layout_of : ChainModel, optional
        Take positions, lanes and columns from this (larger) model, e.g. the
        whole chain when ``model`` is the chain as it stood on a date, so
        nodes keep their place.
    volumes : mapping, optional
        Hand-off id to a (suppressed) case count; the line width grows with
        the square root of the count (None or missing: normal width).
    label_limit : int
        With more hand-offs than this in view, an edge label is only its
        :data:`NO_NORM_MARK` and figures (or empty), except on highlighted
        edges; the name stays in ``title``.

    Returns
    -------
    MapView

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> view = map_view(toy_chain(), MapFilter(instruments=("ots",)))
    >>> [e.id for e in view.edges]
    ['ho-raad-kinderrechter']
    >>> sorted(n.id for n in view.nodes)
    ['kinderrechter', 'raad']
    >>> view = map_view(toy_chain(), MapFilter(focus="politie", steps=1))
    >>> sorted(n.id for n in view.nodes)
    ['politie', 'signaal-incident', 'veilig-thuis']
    >>> all_pos = {n.id: (n.x, n.y) for n in map_view(toy_chain()).nodes}
    >>> all(all_pos[n.id] == (n.x, n.y) for n in view.nodes)
    True
    >>> map_view(toy_chain(), MapFilter(focus="ho-vt-raad")).edge("ho-vt-raad").highlighted
    True
    >>> import datetime as dt
    >>> from queries.asof import as_of
    >>> then = map_view(as_of(toy_chain(), dt.date(2020, 1, 1)), layout_of=toy_chain())
    >>> "ho-vt-raad-oud" in {e.id for e in then.edges}, then.node("raad") == map_view(toy_chain()).node("raad")
    (False, True)
    >>> wide = map_view(toy_chain(), volumes={"ho-politie-vt": 400, "ho-vt-raad": 100})
    >>> wide.edge("ho-politie-vt").width, wide.edge("ho-vt-raad").width, wide.edge("ho-raad-kinderrechter").width
    (7.6, 4.6, 1.6)
    >>> crowded = map_view(toy_chain(), label_limit=3).edge("ho-vt-lokaal-team")
    >>> crowded.label, crowded.name
    ('⚠', '⚠ Vrijwillige hulp mogelijk')
    >>> hi = map_view(toy_chain(), MapFilter(highlight=("ho-politie-vt",)))
    >>> hi.edge("ho-politie-vt").highlighted, hi.edge("ho-vt-raad").faded
    (True, True)
    """
    flt = flt or MapFilter()
    figures = figures or {}
    volumes = {k: v for k, v in (volumes or {}).items() if v}
    top_volume = max(volumes.values(), default=0)
    positions, lanes, columns = layout_positions(layout_of or model)
    if lang == "en":
        lanes = tuple(replace(lane, label=LANE_NAMES[Domain(lane.domain)][1]) for lane in lanes)
        names = (layout_of or model).index
        columns = tuple(replace(c, label=_name(names[c.id], lang)) for c in columns)
    orgs = {o.id: o for o in model.organisations}

    def org_ok(org_id: str) -> bool:
        org = orgs.get(org_id)
        if org is None:
            return False
        if flt.domains and org.domain.value not in flt.domains:
            return False
        if flt.regions and org.region not in flt.regions:
            return False
        return True

    focus_orgs: set[str] | None = None
    focus_hos: set[str] | None = None
    if flt.focus:
        focus_orgs, focus_hos = focus_set(model, flt.focus, flt.steps)

    shown_edges: list[MapEdge] = []
    touched: set[str] = set()
    highlight = set(flt.highlight)
    if not highlight and flt.focus and model.kind_of(flt.focus) == "handoffs":
        highlight = {flt.focus}  # a focused hand-off stands out from its neighbourhood
    for ho in model.handoffs:
        if flt.phases and ho.phase not in flt.phases:
            continue
        if flt.instruments and ho.instrument not in flt.instruments:
            continue
        if not (org_ok(ho.from_org) or org_ok(ho.to_org)) or ho.from_org not in orgs or ho.to_org not in orgs:
            continue
        if focus_hos is not None and ho.id not in focus_hos:
            continue
        no_norm = ho.norm is None
        label = _name(ho, lang)
        if no_norm:
            label = f"{NO_NORM_MARK} {label}"
        fig = figures.get(ho.id)
        if fig:
            label = f"{label}\n{fig}"
        shown_edges.append(MapEdge(
            id=ho.id, source=ho.from_org, target=ho.to_org, label=label,
            dashed=not ho.legal_bases, no_norm=no_norm, title=_handoff_title(model, ho, lang),
            highlighted=ho.id in highlight, faded=bool(highlight) and ho.id not in highlight, figures=fig,
            name=label,
            width=round(1.6 + 6 * (volumes[ho.id] / top_volume) ** 0.5, 2) if ho.id in volumes else 1.6,
        ))
        touched |= {ho.from_org, ho.to_org}

    handoff_filter = bool(flt.phases or flt.instruments or flt.focus)
    nodes: list[MapNode] = []
    highlighted_orgs = {e.source for e in shown_edges if e.highlighted} | {e.target for e in shown_edges if e.highlighted}
    for org in model.organisations:
        if org.id in touched or (not handoff_filter and org_ok(org.id)) or (focus_orgs and org.id in focus_orgs):
            x, y = positions[org.id]
            nodes.append(MapNode(
                id=org.id, label=short_label(_name(org, lang), org.abbreviation),
                kind="organisations", shape=SHAPES[org.kind], domain=org.domain.value, x=x, y=y,
                colour=DOMAIN_COLOURS[org.domain], dashed_border=org.kind is OrganisationKind.COLLABORATION,
                title=_org_title(org, lang), faded=bool(highlight) and org.id not in highlighted_orgs,
                focused=org.id == flt.focus,
            ))
    shown_orgs = {n.id for n in nodes}
    for sig in model.signals:
        if sig.enters_at in shown_orgs and (not flt.phases or sig.phase in flt.phases):
            x, y = positions[sig.id]
            nodes.append(MapNode(
                id=sig.id, label=_name(sig, lang), kind="signals", shape=SIGNAL_SHAPE, domain=None, x=x, y=y,
                colour="#ffffff", dashed_border=False, title=_name(sig, lang), faded=bool(highlight),
                focused=sig.id == flt.focus,
            ))
    if len(shown_edges) > label_limit:
        shown_edges = [e if e.highlighted else replace(e, label=_crowded_label(e)) for e in shown_edges]
    return MapView(nodes=tuple(nodes), edges=tuple(shown_edges), lanes=lanes, columns=columns,
                   legend=legend(lang, volumes=bool(volumes)))


def _crowded_label(edge: MapEdge) -> str:
    parts = [NO_NORM_MARK] if edge.no_norm else []
    if edge.figures:
        parts.append(edge.figures)
    return " ".join(parts)


def legend(lang: str = "nl", volumes: bool = False) -> tuple[LegendEntry, ...]:
    """The legend entries, in display order.

    >>> [e.key for e in legend()][:4]
    ['organisation', 'post', 'collaboration', 'signal']
    >>> next(e.label for e in legend("en") if e.key == "no-legal-basis")
    'Hand-off without a known legal basis (dashed)'
    """
    en = lang == "en"
    entries = [
        LegendEntry("organisation", "Organisation (box)" if en else "Organisatie (rechthoek)", "box"),
        LegendEntry("post", "Post, e.g. burgemeester (ellipse)" if en else "Functie, bv. burgemeester (ellips)", "ellipse"),
        LegendEntry("collaboration", "Collaboration (box with dashed border)" if en
                    else "Samenwerkingsverband (rechthoek met stippelrand)", "dashed-box"),
        LegendEntry("signal", "Way a case enters (triangle)" if en else "Binnenkomst van een zaak (driehoek)", "triangle"),
        LegendEntry("legal-basis", "Hand-off with a legal basis (solid)" if en else "Overdracht met grondslag (doorgetrokken)", "solid"),
        LegendEntry("no-legal-basis", "Hand-off without a known legal basis (dashed)" if en
                    else "Overdracht zonder bekende grondslag (gestippeld)", "dashed"),
        LegendEntry("no-norm", f"{NO_NORM_MARK} no norm (time limit) known" if en
                    else f"{NO_NORM_MARK} geen norm (termijn) bekend", "mark"),
    ]
    if volumes:
        entries.append(LegendEntry("volume", "Thicker line = more cases (synthetic sample log)" if en
                                   else "Dikkere lijn = meer zaken (synthetische voorbeeldlog)", "thick"))
    for domain in LANE_ORDER:
        entries.append(LegendEntry(f"lane-{domain.value}", ("Lane: " if en else "Baan: ") + LANE_NAMES[domain][1 if en else 0],
                                   "lane", DOMAIN_COLOURS[domain]))
    return tuple(entries)


@dataclass(frozen=True)
class FilterOptions:
    domains: tuple[tuple[str, str], ...]
    phases: tuple[tuple[str, str], ...]
    instruments: tuple[tuple[str, str], ...]
    regions: tuple[str, ...]
    focusable: tuple[tuple[str, str], ...]


def filter_options(model: ChainModel, lang: str = "nl") -> FilterOptions:
    """The choices for the map filters: ``(id, label)`` pairs in display order.

    >>> from graph.examples import toy_chain
    >>> opts = filter_options(toy_chain())
    >>> opts.phases[0]
    ('signalering', 'Signalering')
    >>> opts.instruments
    (('ots', 'Ondertoezichtstelling'),)
    >>> opts.regions
    ('toy',)
    """
    i = 1 if lang == "en" else 0
    present = {o.domain for o in model.organisations}
    domains = tuple((d.value, LANE_NAMES[d][i]) for d in LANE_ORDER if d in present)
    phases = tuple((p.id, _name(p, lang)) for p in sorted(model.phases, key=lambda p: p.order))
    instruments = tuple((ins.id, _name(ins, lang)) for ins in model.instruments)
    regions = tuple(sorted({o.region for o in model.organisations}))
    focusable = tuple((e.id, _name(e, lang)) for kind in ("organisations", "handoffs", "instruments", "signals")
                      for e in getattr(model, kind))
    return FilterOptions(domains, phases, instruments, regions, focusable)


def handoffs_of(model: ChainModel, org_id: str) -> tuple[tuple[HandOff, ...], tuple[HandOff, ...]]:
    """The outgoing and incoming hand-offs of an organisation, by id.

    >>> from graph.examples import toy_chain
    >>> out, inc = handoffs_of(toy_chain(), "raad")
    >>> [h.id for h in out], [h.id for h in inc]
    (['ho-raad-kinderrechter'], ['ho-vt-raad', 'ho-vt-raad-oud'])
    """
    out = tuple(h for h in model.handoffs if h.from_org == org_id)
    inc = tuple(h for h in model.handoffs if h.to_org == org_id)
    return out, inc


def resting_on(model: ChainModel, ref_id: str) -> tuple[str, ...]:
    """Ids of the elements that cite a source or rest on a legal basis.

    >>> from graph.examples import toy_chain
    >>> resting_on(toy_chain(), "bw1-255")
    ('ots', 'ho-raad-kinderrechter')
    >>> resting_on(toy_chain(), "toy-law")[:2]
    ('bw1-255', 'wmo-4-1-1')
    """
    found: list[str] = []
    for element in model.elements():
        if element.id == ref_id:
            continue
        cites = set(getattr(element, "sources", ()) or ()) | set(getattr(element, "legal_bases", ()) or ())
        if isinstance(element, HandOff):
            if element.norm is not None:
                cites |= set(element.norm.sources)
            for mode in element.failure_modes:
                cites |= set(mode.sources)
        if ref_id in cites:
            found.append(element.id)
    return tuple(found)


def figure_texts(figures: Iterable, lang: str = "nl") -> dict[str, str]:
    """Short edge texts from per-hand-off practice figures (already suppressed).

    ``figures`` are objects with ``handoff_id``, ``volume_label``,
    ``share_over_norm`` and ``synthetic`` (:class:`queries.cases.stats.HandOffFigure`).
    Synthetic figures are marked as such on the map itself.

    >>> from types import SimpleNamespace as F
    >>> figure_texts([F(handoff_id="a", volume_label="262", share_over_norm=0.221, synthetic=True),
    ...               F(handoff_id="b", volume_label="<5", share_over_norm=None, synthetic=True)])
    {'a': 'n=262 · 22% boven norm (synth.)', 'b': 'n=<5 (synth.)'}
    """
    en = lang == "en"
    out: dict[str, str] = {}
    for fig in figures:
        text = f"n={fig.volume_label}"
        if fig.share_over_norm is not None:
            text += f" · {round(fig.share_over_norm * 100)}% " + ("over norm" if en else "boven norm")
        if getattr(fig, "synthetic", False):
            text += " (synth.)"
        out[fig.handoff_id] = text
    return out
