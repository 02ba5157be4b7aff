"""What the chain map shows: filtering, focus, the layered layout and the visual encoding.

Pure functions over a :class:`~graph.model.ChainModel`; the app, the SVG,
PNG and PDF exports all draw what :func:`map_view` returns. Organisations
and ways in (signals) are nodes, hand-offs are edges between organisations.

Layout: :func:`ui.layout.layered_layout`, computed once per model on the
*whole* chain and never on a filtered subset, so a node keeps its place
whatever is filtered or focused. A *part* of the chain (the overview of the
main case flow, a case story) has a layout of its own, equally stable.

Encoding never rests on colour alone: a hand-off without a known legal basis
is drawn **dashed**; organisation kinds differ in **shape** (a post is a
pill, a collaboration has a dashed border, a way in is an arrow tag).
Hand-offs that only pass information are left out unless asked for
(``MapFilter(information=True)``), and the ⚠ of a missing norm is drawn
only on request (``MapFilter(mark_no_norm=True)``): on nearly every arrow it
said nothing.

>>> from graph.examples import toy_chain
>>> view = map_view(toy_chain())
>>> [n.id for n in view.nodes]
['kinderrechter', 'lokaal-team', 'politie', 'raad', 'veilig-thuis', 'signaal-incident']
>>> edge = view.edge("ho-vt-lokaal-team")
>>> edge.dashed, edge.no_norm, edge.label
(True, True, '')
>>> view.edge("ho-politie-vt").dashed
False
>>> "ho-vt-raad-oud" in {e.id for e in view.edges}  # passes information only
False
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from graph.errors import UnknownElement
from graph.model import (
    ChainModel,
    Domain,
    HandOff,
    Instrument,
    Organisation,
    OrganisationKind,
    Passes,
    Signal,
    Status,
)
from graph.text import Phrase, element_name
from ui.i18n import text
from ui.layout import LANE_ORDER, Layout, layered_layout

__all__ = [
    "DOMAIN_COLOURS",
    "HIGHLIGHT",
    "LANE_NAMES",
    "LANE_ORDER",
    "NO_NORM_MARK",
    "Lane",
    "LegendEntry",
    "MapEdge",
    "MapFilter",
    "MapNode",
    "MapPart",
    "MapView",
    "PhaseColumn",
    "abbreviations",
    "chain_layout",
    "figure_texts",
    "filter_options",
    "focus_set",
    "handoffs_of",
    "information_only",
    "legend",
    "main_flow",
    "map_view",
    "resting_on",
    "short_label",
]

LANE_NAMES: dict[Domain, Phrase] = {
    Domain.BESTUUR: Phrase("Bestuur", "Administration"),
    Domain.VEILIGHEID_STRAF: Phrase("Veiligheid en straf", "Safety and criminal law"),
    Domain.ZORG: Phrase("Zorg", "Care"),
    Domain.JEUGDBESCHERMING: Phrase("Jeugdbescherming", "Child protection"),
}

# Colour per domain; the lane (position) carries the same information.
DOMAIN_COLOURS: dict[Domain, str] = {
    Domain.BESTUUR: "#dbe4f3",
    Domain.VEILIGHEID_STRAF: "#f6e0d7",
    Domain.ZORG: "#ddefdd",
    Domain.JEUGDBESCHERMING: "#f4ead0",
}
NODE_FILL = "#ffffff"
HIGHLIGHT = "#b3261e"  # the one highlight colour (a route, a focused element, the story step)
NO_NORM_MARK = "⚠"
# Above this many hand-offs in view, practice figures are shown on hover only.
LABEL_LIMIT = 20


@dataclass(frozen=True)
class MapFilter:
    """Which part of the chain to show. Empty tuples mean "everything".

    ``focus`` is an element id (organisation, hand-off, signal, instrument or
    legal basis) with ``steps`` hand-offs around it; the map shows that
    neighbourhood and zooms to it. ``highlight`` hand-off ids are drawn
    prominent (a route), the rest faded. ``information`` shows the
    hand-offs that only pass information; ``mark_no_norm`` marks hand-offs
    without a norm with ⚠.
    """

    domains: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    focus: str | None = None
    steps: int = 1
    highlight: tuple[str, ...] = ()
    information: bool = False
    mark_no_norm: bool = False


@dataclass(frozen=True)
class MapPart:
    """A part of the chain drawn on its own (the overview, a story): its own compact, stable layout.

    ``handoffs`` are numbered on the map in this order when ``numbered``.
    """

    key: str
    organisations: tuple[str, ...]
    handoffs: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class MapNode:
    id: str
    label: str  # the wrapped label, lines joined by "\n"
    kind: str  # "organisations" or "signals"
    shape: str  # "box", "pill", "dashed", "person", "tag"
    domain: str | None
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str
    faded: bool = False
    focused: bool = False
    highlight: str | None = None  # a colour for the border

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.label.split("\n"))

    @property
    def dashed_border(self) -> bool:
        return self.shape == "dashed"


@dataclass(frozen=True)
class MapEdge:
    id: str
    source: str
    target: str
    label: str  # what stands on the line at rest: a step number, ⚠, figures (often empty)
    dashed: bool  # no legal basis known
    no_norm: bool  # no norm known
    title: str  # the tooltip
    path: str = ""  # SVG path data in map units
    mid: tuple[float, float] = (0.0, 0.0)
    end_direction: tuple[float, float] = (1.0, 0.0)
    highlighted: bool = False
    faded: bool = False
    figures: str | None = None  # practice figures, already suppressed and labelled
    width: float = 1.8  # line width; grows with the measured volume when figures are shown
    name: str = ""  # the hand-off's name
    information: bool = False  # passes information only
    kind: str = "handoff"  # or "entry" (a way in to its organisation)
    highlight: str | None = None  # a colour

    @property
    def end(self) -> tuple[float, float]:
        parts = self.path.replace("M", " ").replace("L", " ").replace("C", " ").split()
        return float(parts[-2]), float(parts[-1])


@dataclass(frozen=True)
class Lane:
    domain: str
    label: str
    y_min: float
    y_max: float
    colour: str


@dataclass(frozen=True)
class PhaseColumn:
    id: str
    label: str
    x: float
    x_min: float = 0.0
    x_max: float = 0.0
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegendEntry:
    key: str  # stable id for tests and the UI
    label: str
    symbol: str  # "box", "pill", "dashed-box", "person", "tag", "solid", "dashed", "mark", "thick", "highlight", "lane"
    colour: str | None = None


@dataclass(frozen=True)
class MapView:
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    lanes: tuple[Lane, ...]
    columns: tuple[PhaseColumn, ...]
    legend: tuple[LegendEntry, ...] = field(default=())
    width: float = 0.0
    height: float = 0.0
    header: float = 0.0
    focus: tuple[float, float, float, float] | None = None  # the box to zoom to first
    abbreviations: tuple[tuple[str, str], ...] = ()  # (abbreviation, what it stands for)
    steps: tuple[tuple[str, str, str], ...] = ()  # numbered hand-offs: (number, edge id, name)
    lang: str = "nl"

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
        """A JSON-serialisable dict of the view (nodes, edges, lanes, columns)."""
        return {
            "nodes": [asdict(n) for n in self.nodes],
            "edges": [asdict(e) for e in self.edges],
            "lanes": [asdict(lane) for lane in self.lanes],
            "columns": [asdict(c) for c in self.columns],
        }


_name = element_name


def information_only(handoff: HandOff) -> bool:
    """Whether a hand-off passes nothing but information.

    >>> from graph.examples import toy_chain
    >>> information_only(toy_chain().handoff("ho-vt-raad-oud")), information_only(toy_chain().handoff("ho-vt-raad"))
    (True, False)
    """
    return set(handoff.passes) <= {Passes.INFORMATION}


def short_label(name: str, abbreviation: str | None = None, limit: int = 24) -> str:
    """A short name: the name, else without its bracketed part, else the abbreviation.

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


def chain_layout(model: ChainModel, part: MapPart | None = None) -> Layout:
    """The layout of the whole chain, or of a part of it, computed once per model.

    A part takes the lane order of the whole chain, so lanes never swap
    between the overview, a story and the full map.

    >>> from graph.examples import toy_chain
    >>> chain = toy_chain()
    >>> chain_layout(chain) is chain_layout(chain)
    True
    """
    if part is None:
        return model.view.memo("ui.layout:all", lambda: layered_layout(model))
    # The whole chain's lane order, so lanes never swap between views; a large chain keeps the
    # default order rather than lay out the whole chain for an overview.
    small = len(model.handoffs) <= 300
    lanes = tuple(lane.id for lane in chain_layout(model).lanes) if small else tuple(d.value for d in LANE_ORDER)
    key = f"ui.layout:{part.key}:{hash((part.organisations, part.handoffs))}"
    return model.view.memo(key, lambda: layered_layout(model, part.organisations, part.handoffs, lane_order=lanes))


def main_flow(model: ChainModel, size: int = 12) -> tuple[str, ...]:
    """About ``size`` hand-offs that carry the main case flow, for the overview map; any chain.

    From the organisation where most routes start (of those where cases
    enter, the signals), the flow grows one hand-off at a time, always from
    an organisation already reached (another entry joins when the flow is stuck),
    taking the hand-off (case or responsibility, not information alone) that
    the most shortest routes from the entries pass (edge betweenness),
    preferring one that reaches a new organisation. Parallel hand-offs
    between two organisations count once. Returned in flow order (by
    distance from the entries, then phase).

    >>> from graph.examples import toy_chain
    >>> main_flow(toy_chain(), 3)
    ('ho-politie-vt', 'ho-vt-raad', 'ho-raad-kinderrechter')
    """
    pairs: dict[tuple[str, str], list[HandOff]] = {}
    for h in model.handoffs:
        if not information_only(h) and h.from_org != h.to_org:
            pairs.setdefault((h.from_org, h.to_org), []).append(h)
    out: dict[str, list[str]] = {}
    for a, b in sorted(pairs):
        out.setdefault(a, []).append(b)
    entries = sorted({s.enters_at for s in model.signals if s.enters_at in {o.id for o in model.organisations}})
    if not entries:
        targets = {b for _, b in pairs}
        entries = sorted({a for a, _ in pairs} - targets) or sorted({a for a, _ in pairs})[:1]
    score = {p: 0.0 for p in pairs}
    for s in entries:
        sigma = {s: 1.0}
        dist = {s: 0}
        order: list[str] = []
        preds: dict[str, list[str]] = {}
        queue = deque([s])
        while queue:
            v = queue.popleft()
            order.append(v)
            for w in out.get(v, ()):
                if w not in dist:
                    dist[w] = dist[v] + 1
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] = sigma.get(w, 0.0) + sigma[v]
                    preds.setdefault(w, []).append(v)
        delta = dict.fromkeys(order, 0.0)
        for w in reversed(order):
            for v in preds.get(w, ()):
                share = sigma[v] / sigma[w] * (1 + delta[w])
                score[(v, w)] += share
                delta[v] += share
    # One flow: from the entry the most routes start at; another entry joins only when it is reached
    # or the flow is stuck.
    outgoing = {e: sum(v for p, v in score.items() if p[0] == e) for e in entries}
    waiting = sorted(entries, key=lambda e: (-outgoing[e], e))
    reached = {waiting.pop(0)}
    chosen: list[tuple[str, str]] = []
    while len(chosen) < size:
        candidates = [p for p in pairs if p[0] in reached and p not in chosen]
        if not candidates and waiting:
            reached.add(waiting.pop(0))
            continue
        if not candidates:
            break
        pick = min(candidates, key=lambda p: (p[1] in reached, -score[p], p))
        chosen.append(pick)
        reached.add(pick[1])
    depth = {e: 0 for e in entries}
    for a, b in chosen:
        depth.setdefault(b, depth.get(a, 0) + 1)
    order_of = model.phase_order

    def representative(p: tuple[str, str]) -> HandOff:
        return min(pairs[p], key=lambda h: (Passes.RESPONSIBILITY not in h.passes, h.id))

    picked = [representative(p) for p in chosen]
    picked.sort(key=lambda h: (depth.get(h.from_org, 0), order_of.get(h.phase, 0), h.id))
    return tuple(h.id for h in picked)


def focus_set(model: ChainModel, element_id: str, steps: int = 1) -> tuple[set[str], set[str]]:
    """Organisations and hand-offs within ``steps`` hand-offs of an element.

    The element may be an organisation, a hand-off (both ends count as
    step 0), a signal (its entry organisation), an instrument (the
    organisations that apply it and the hand-offs that use it) or a legal
    basis (the hand-offs resting on it). Direction is ignored: the
    neighbourhood shows who sends to and who receives from.

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
    start: set[str] = set()
    handoffs: set[str] = set()
    if isinstance(element, Organisation):
        start = {element_id}
    elif isinstance(element, HandOff):
        start = {element.from_org, element.to_org}
        handoffs.add(element_id)
    elif isinstance(element, Signal):
        start = {element.enters_at}
    elif isinstance(element, Instrument):
        start = set(element.applied_by)
        for ho in model.handoffs:
            if ho.instrument == element_id:
                start |= {ho.from_org, ho.to_org}
                handoffs.add(ho.id)
    elif model.kind_of(element_id) == "legal_bases":
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
    lines = [_name(ho, lang), f"{_name(model.index[ho.from_org], lang)} → {_name(model.index[ho.to_org], lang)}"]
    if ho.legal_bases:
        names = [model.index[lb].name for lb in ho.legal_bases if lb in model.index]
        lines.append(text("map.t.legal", lang, names="; ".join(names)))
    else:
        lines.append(text("map.t.no_legal", lang))
    if ho.norm is not None:
        lines.append(text("map.t.norm", lang, norm=ho.norm.description))
    else:
        lines.append(text("map.t.no_norm", lang))
    if information_only(ho):
        lines.append(text("map.t.information", lang))
    if ho.status is Status.UNVERIFIED:
        lines.append(text("map.t.unverified", lang))
    return "\n".join(lines)


_KIND_PHRASES = {
    OrganisationKind.ORGANISATION: "kind.organisation",
    OrganisationKind.POST: "kind.post",
    OrganisationKind.COLLABORATION: "kind.collaboration",
    OrganisationKind.PERSON: "kind.person",
}


def _org_title(org: Organisation, lang: str) -> str:
    name = _name(org, lang) + (f" ({org.abbreviation})" if org.abbreviation and org.abbreviation not in _name(org, lang)
                               else "")
    return f"{name}\n{text(_KIND_PHRASES[org.kind], lang)} · {LANE_NAMES[org.domain].in_(lang)}"


def map_view(
    model: ChainModel,
    flt: MapFilter | None = None,
    *,
    lang: str = "nl",
    figures: Mapping[str, str] | None = None,
    label_limit: int = LABEL_LIMIT,
    volumes: Mapping[str, int | None] | None = None,
    layout_of: ChainModel | None = None,
    part: MapPart | None = None,
    highlight: Mapping[str, str] | None = None,
    terms: Mapping[str, str] | None = None,
) -> MapView:
    """The nodes, edges, lanes and legend of the map for a filter.

    A hand-off is shown when it passes every filter: its phase is among
    ``phases``, its instrument among ``instruments``, at least one end is in
    ``domains`` and ``regions``, it lies within the focus, and it passes
    more than information (unless ``information``). An organisation is
    shown when it passes the domain and region filters and either touches a
    shown hand-off or no hand-off filter is active.

    Parameters
    ----------
    model : ChainModel
    flt : MapFilter, optional
    lang : {"nl", "en"}
    figures : mapping, optional
        Hand-off id to a short, already suppressed figure text (practice
        statistics); on the line when few hand-offs are in view, in the
        tooltip always.
    label_limit : int
        With more hand-offs than this in view, figures show on hover only.
    volumes : mapping, optional
        Hand-off id to a (suppressed) case count; the line width grows with
        the square root of the count (None or missing: normal width).
    layout_of : ChainModel, optional
        Take the layout from this (larger) model, e.g. the whole chain when
        ``model`` is the chain as it stood on a date, so nodes keep their
        place.
    part : MapPart, optional
        Draw only this part of the chain (overview, story) in its own layout.
    highlight : mapping, optional
        Element id to a colour: those nodes and hand-offs are drawn in it
        (e.g. where cases stalled), the rest as usual.
    terms : mapping, optional
        Glossary abbreviations (to what they stand for) that the legend
        spells out when they stand on the map.

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
    >>> view.focus is not None
    True
    >>> all_pos = {n.id: (n.x, n.y) for n in map_view(toy_chain()).nodes}
    >>> all(all_pos[n.id] == (n.x, n.y) for n in view.nodes)
    True
    >>> map_view(toy_chain(), MapFilter(focus="ho-vt-raad")).edge("ho-vt-raad").highlighted
    True
    >>> import datetime as dt
    >>> from queries.asof import as_of
    >>> then = map_view(as_of(toy_chain(), dt.date(2020, 1, 1)), layout_of=toy_chain())
    >>> then.node("raad") == map_view(toy_chain()).node("raad")
    True
    >>> wide = map_view(toy_chain(), volumes={"ho-politie-vt": 400, "ho-vt-raad": 100})
    >>> wide.edge("ho-politie-vt").width, wide.edge("ho-vt-raad").width, wide.edge("ho-raad-kinderrechter").width
    (7.8, 4.8, 1.8)
    >>> hi = map_view(toy_chain(), MapFilter(highlight=("ho-politie-vt",)))
    >>> hi.edge("ho-politie-vt").highlighted, hi.edge("ho-vt-raad").faded
    (True, True)
    >>> map_view(toy_chain(), MapFilter(mark_no_norm=True)).edge("ho-vt-lokaal-team").label
    '⚠'
    >>> map_view(toy_chain(), MapFilter(information=True)).edge("ho-vt-raad-oud").information
    True
    >>> part = MapPart("demo", ("politie", "veilig-thuis", "raad"), ("ho-politie-vt", "ho-vt-raad"), numbered=True)
    >>> [(n, e) for n, e, _ in map_view(toy_chain(), part=part).steps]
    [('1', 'ho-politie-vt'), ('2', 'ho-vt-raad')]
    """
    flt = flt or MapFilter()
    figures = figures or {}
    colours = dict(highlight or {})
    volumes = {k: v for k, v in (volumes or {}).items() if v}
    top_volume = max(volumes.values(), default=0)
    base = layout_of or model
    layout = chain_layout(base, part)
    orgs = {o.id: o for o in model.organisations}
    part_orgs = set(part.organisations) if part else None
    part_handoffs = set(part.handoffs) if part else None

    def org_ok(org_id: str) -> bool:
        org = orgs.get(org_id)
        if org is None or not layout.has_box(org_id):
            return False
        if part_orgs is not None and org_id not in part_orgs:
            return False
        if flt.domains and org.domain.value not in flt.domains:
            return False
        return not (flt.regions and org.region not in flt.regions)

    focus_orgs: set[str] | None = None
    focus_hos: set[str] | None = None
    if flt.focus:
        focus_orgs, focus_hos = focus_set(model, flt.focus, flt.steps)

    highlight_ids = set(flt.highlight)
    if not highlight_ids and flt.focus and model.kind_of(flt.focus) == "handoffs":
        highlight_ids = {flt.focus}  # a focused hand-off stands out from its neighbourhood
    numbers = {h: str(i) for i, h in enumerate(part.handoffs, start=1)} if part and part.numbered else {}
    candidates: list[HandOff] = []
    for ho in model.handoffs:
        if not layout.has_route(ho.id) or ho.from_org not in orgs or ho.to_org not in orgs:
            continue
        if part_handoffs is not None and ho.id not in part_handoffs:
            continue
        forced = ho.id in highlight_ids or ho.id == flt.focus or ho.id in colours
        if information_only(ho) and not flt.information and not forced and part is None:
            continue
        if flt.phases and ho.phase not in flt.phases:
            continue
        if flt.instruments and ho.instrument not in flt.instruments:
            continue
        if not (org_ok(ho.from_org) or org_ok(ho.to_org)):
            continue
        if focus_hos is not None and ho.id not in focus_hos:
            continue
        candidates.append(ho)
    crowded = len(candidates) > label_limit
    shown_edges: list[MapEdge] = []
    touched: set[str] = set()
    for ho in candidates:
        route = layout.route(ho.id)
        fig = figures.get(ho.id)
        name = _name(ho, lang)
        label_parts = []
        if ho.id in numbers:
            label_parts.append(numbers[ho.id])
        if flt.mark_no_norm and ho.norm is None:
            label_parts.append(NO_NORM_MARK)
        if fig and not crowded:
            label_parts.append(fig)
        title = _handoff_title(model, ho, lang) + (f"\n{fig}" if fig else "")
        highlighted = ho.id in highlight_ids
        shown_edges.append(MapEdge(
            id=ho.id, source=ho.from_org, target=ho.to_org, label=" ".join(label_parts),
            dashed=not ho.legal_bases, no_norm=ho.norm is None, title=title, path=route.svg_path(),
            mid=route.mid, end_direction=route.end_direction, highlighted=highlighted,
            faded=bool(highlight_ids) and not highlighted, figures=fig, name=name,
            width=round(1.8 + 6 * (volumes[ho.id] / top_volume) ** 0.5, 2) if ho.id in volumes else 1.8,
            information=information_only(ho), highlight=colours.get(ho.id) or (HIGHLIGHT if highlighted else None),
        ))
        touched |= {ho.from_org, ho.to_org}

    handoff_filter = bool(flt.phases or flt.instruments or flt.focus)
    nodes: list[MapNode] = []
    highlighted_orgs = {e.source for e in shown_edges if e.highlighted} | {e.target for e in shown_edges if e.highlighted}
    for org in model.organisations:
        if not layout.has_box(org.id):
            continue
        if part_orgs is not None and org.id not in part_orgs:
            continue
        if org.id in touched or (not handoff_filter and org_ok(org.id)) or (focus_orgs and org.id in focus_orgs):
            box = layout.box(org.id)
            nodes.append(MapNode(
                id=org.id, label="\n".join(box.lines(lang)), kind="organisations", shape=box.shape,
                domain=org.domain.value, x=box.x, y=box.y, width=box.width, height=box.height,
                colour=NODE_FILL, title=_org_title(org, lang),
                faded=bool(highlight_ids) and org.id not in highlighted_orgs, focused=org.id == flt.focus,
                highlight=colours.get(org.id) or (HIGHLIGHT if org.id == flt.focus else None),
            ))
    shown_orgs = {n.id for n in nodes}
    for sig in model.signals:
        if sig.enters_at in shown_orgs and layout.has_box(sig.id) and (not flt.phases or sig.phase in flt.phases):
            box = layout.box(sig.id)
            nodes.append(MapNode(
                id=sig.id, label="\n".join(box.lines(lang)), kind="signals", shape="tag", domain=None,
                x=box.x, y=box.y, width=box.width, height=box.height, colour="#fff8e1",
                title=_name(sig, lang) + "\n" + text("kind.signal", lang), faded=bool(highlight_ids),
                focused=sig.id == flt.focus,
                highlight=colours.get(sig.id) or (HIGHLIGHT if sig.id == flt.focus else None),
            ))
            route = layout.route("entry:" + sig.id)
            shown_edges.append(MapEdge(
                id="entry:" + sig.id, source=sig.id, target=sig.enters_at, label="", dashed=False, no_norm=False,
                title=_name(sig, lang), path=route.svg_path(), mid=route.mid, end_direction=route.end_direction,
                faded=bool(highlight_ids), kind="entry", width=1.4,
            ))

    lanes = tuple(Lane(lane.id, LANE_NAMES[Domain(lane.id)].in_(lang) if lane.id in Domain._value2member_map_
                       else lane.id, lane.y_min, lane.y_max, DOMAIN_COLOURS.get(Domain(lane.id), "#eeeeee")
                       if lane.id in Domain._value2member_map_ else "#eeeeee")
                  for lane in layout.lanes)
    phase_names = {p.id: p for p in base.phases}
    columns = tuple(PhaseColumn(band.id, _name(phase_names[band.id], lang) if band.id in phase_names else band.id,
                                band.x, band.x_min, band.x_max, band.lines(lang)) for band in layout.phases)
    focus_box = None
    if flt.focus and focus_orgs is not None:
        focus_box = layout.bounds(sorted(focus_orgs | (focus_hos or set())), margin=30.0)
    steps = tuple((numbers[e.id], e.id, e.name) for e in sorted(shown_edges, key=lambda e: int(numbers.get(e.id, 0)))
                  if e.id in numbers)
    shown_signal = any(n.kind == "signals" for n in nodes)
    return MapView(nodes=tuple(nodes), edges=tuple(shown_edges), lanes=lanes, columns=columns,
                   legend=legend(lang, volumes=bool(volumes), no_norm=flt.mark_no_norm,
                                 highlight=bool(highlight_ids) or bool(colours), signals=shown_signal),
                   width=layout.width, height=layout.height, header=layout.header, focus=focus_box,
                   abbreviations=abbreviations(model, nodes, lang, terms), steps=steps, lang=lang)


def abbreviations(model: ChainModel, nodes: Iterable[MapNode], lang: str = "nl",
                  terms: Mapping[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """Every abbreviation that stands on the map, with the name it stands for (for the legend).

    Abbreviations of organisations and instruments, their aliases, and the
    given glossary ``terms`` (abbreviation to what it stands for).

    >>> from graph.examples import toy_chain
    >>> abbreviations(toy_chain(), map_view(toy_chain()).nodes)
    ()
    >>> nodes = map_view(toy_chain()).nodes
    >>> abbreviations(toy_chain(), nodes, terms={"VT": "Veilig Thuis", "Raad": "Raad voor de Kinderbescherming"})
    ()
    >>> abbreviations(toy_chain(), nodes, terms={"TJ": "x"}) == ()
    True
    """
    # a glossary term is spelled out when it is an abbreviation (HOvJ, MDA++), not a word (Doorbraakteam)
    known: dict[str, str] = {k: v for k, v in (terms or {}).items()
                             if sum(c.isupper() for c in k) >= 2 or not k.replace(" ", "").isalpha()}
    for element in list(model.organisations) + list(model.instruments):
        abbreviation = getattr(element, "abbreviation", None)
        if abbreviation:
            full = _name(element, lang).split(" (")[0]
            if abbreviation != full:
                known[abbreviation] = full
    for org in model.organisations:
        for alias in getattr(org, "aliases", ()) or ():
            if alias.isupper() and len(alias) <= 6 and alias not in known:
                known[alias] = _name(org, lang).split(" (")[0]
    found: dict[str, str] = {}
    for node in nodes:
        words = node.label.replace("\n", " ").replace("(", " ").replace(")", " ").replace(",", " ").split()
        for word in words:
            if word in known:
                found[word] = known[word]
    return tuple(sorted(found.items(), key=lambda kv: kv[0].lower()))


def legend(lang: str = "nl", volumes: bool = False, no_norm: bool = False, highlight: bool = False,
           signals: bool = True, lanes: bool = False) -> tuple[LegendEntry, ...]:
    """The legend entries, in display order.

    >>> [e.key for e in legend()][:4]
    ['organisation', 'post', 'collaboration', 'person']
    >>> next(e.label for e in legend("en") if e.key == "no-legal-basis")
    'Hand-off without a known legal basis (dashed)'
    """
    t = lambda key: text(key, lang)
    entries = [
        LegendEntry("organisation", t("legend.organisation"), "box"),
        LegendEntry("post", t("legend.post"), "pill"),
        LegendEntry("collaboration", t("legend.collaboration"), "dashed-box"),
        LegendEntry("person", t("legend.person"), "person"),
    ]
    if signals:
        entries.append(LegendEntry("signal", t("legend.signal"), "tag"))
    entries += [
        LegendEntry("legal-basis", t("legend.legal_basis"), "solid"),
        LegendEntry("no-legal-basis", t("legend.no_legal_basis"), "dashed"),
    ]
    if no_norm:
        entries.append(LegendEntry("no-norm", t("legend.no_norm"), "mark"))
    if highlight:
        entries.append(LegendEntry("highlight", t("legend.highlight"), "highlight", HIGHLIGHT))
    if volumes:
        entries.append(LegendEntry("volume", t("legend.volume"), "thick"))
    if lanes:  # the map names its lanes itself; a legend of them only where the lanes are not drawn
        for domain in LANE_ORDER:
            entries.append(LegendEntry(f"lane-{domain.value}", t("legend.lane").format(lane=LANE_NAMES[domain].in_(lang)),
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
    present = {o.domain for o in model.organisations}
    domains = tuple((d.value, LANE_NAMES[d].in_(lang)) for d in LANE_ORDER if d in present)
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
    out: dict[str, str] = {}
    for fig in figures:
        figure = f"n={fig.volume_label}"
        if fig.share_over_norm is not None:
            figure += " · " + text("map.over_norm", lang, share=round(fig.share_over_norm * 100))
        if getattr(fig, "synthetic", False):
            figure += " (synth.)"
        out[fig.handoff_id] = figure
    return out
