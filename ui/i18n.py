"""Dutch (default) and English UI strings: a table of :class:`graph.text.Phrase`.

>>> text("nav.map", "nl"), text("nav.map", "en")
('Ketenkaart', 'Chain map')
>>> text("map.selected", "en", name="Politie")
'Selected: Politie'
"""

from __future__ import annotations

from graph.text import LANGUAGES, Phrase

__all__ = ["KIND_NAMES", "LANGUAGES", "STRINGS", "VALUE_NAMES", "kind_name", "text", "value_name"]

_STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Ketenkaart huiselijk geweld en kindermishandeling", "Chain map domestic violence and child abuse"),
    "app.english": ("English", "English"),
    "app.loaded": ("Gegevens: {title} · {orgs} organisaties · {handoffs} overdrachten",
                   "Data: {title} · {orgs} organisations · {handoffs} hand-offs"),
    "app.practice": ("Praktijkcijfers tonen (synthetisch)", "Show practice figures (synthetic)"),
    "app.practice_help": (("Aantallen en aandeel boven de norm per overdracht uit de meegeleverde SYNTHETISCHE "
                          "voorbeeldlog (geen echte zaken); aantallen onder 5 als <5."),
                          ("Volumes and share over the norm per hand-off from the shipped SYNTHETIC sample log "
                          "(no real cases); counts under 5 shown as <5.")),
    "app.backend_neo4j": ("Bron van de graaf: Neo4j", "Graph store: Neo4j"),
    "nav.map": ("Ketenkaart", "Chain map"),
    "nav.routes": ("Routes", "Routes"),
    "nav.bottlenecks": ("Knelpunten", "Bottlenecks"),
    "nav.why": ("Waarom stokt deze overdracht?", "Why does this hand-off stall?"),
    "nav.whatif": ("Wat als", "What if"),
    "nav.own_log": ("Eigen zaaklog", "Own case log"),
    "nav.sources": ("Bronnen", "Sources"),
    "nav.glossary": ("Woordenlijst", "Glossary"),
    "map.intro": (("Organisaties staan in banen per domein, fasen lopen van links naar rechts. "
                  "Klik op een organisatie of een overdracht (pijl) voor de details."),
                  ("Organisations sit in lanes per domain, phases run left to right. "
                  "Click an organisation or a hand-off (arrow) for its details.")),
    "choose": ("Kies een of meer", "Choose one or more"),
    "map.filters": ("Filters", "Filters"),
    "map.domain": ("Domein", "Domain"),
    "map.phase": ("Fase", "Phase"),
    "map.instrument": ("Instrument", "Instrument"),
    "map.region": ("Regio", "Region"),
    "map.focus": ("Focus op", "Focus on"),
    "map.focus_none": ("(hele keten)", "(whole chain)"),
    "map.steps": ("Stappen rond de focus", "Steps around the focus"),
    "map.as_of": ("Peildatum", "As of date"),
    "map.as_of_help": ("Toon de keten zoals die op deze datum gold (vervallen regelingen en overdrachten vallen weg).",
                       "Show the chain as it stood on this date (expired rules and hand-offs drop out)."),
    "map.legend": ("Legenda", "Legend"),
    "map.png": ("PNG downloaden", "Download PNG"),
    "map.fit": ("Passend maken", "Fit to view"),
    "map.hint": ("Slepen = verschuiven · scrollen = zoomen", "Drag = pan · scroll = zoom"),
    "map.aria": ("Ketenkaart: organisaties en overdrachten", "Chain map: organisations and hand-offs"),
    "map.html": ("Kaart als HTML (offline)", "Map as HTML (offline)"),
    "map.empty": ("Niets te tonen met deze filters.", "Nothing to show with these filters."),
    "map.details": ("Details", "Details"),
    "map.table": ("Overdrachten in beeld als tabel ({n})", "Hand-offs in view as a table ({n})"),
    "map.figures": ("Praktijk (synthetisch)", "Practice (synthetic)"),
    "map.selected": ("Geselecteerd: {name}", "Selected: {name}"),
    "map.click_hint": ("Klik op de kaart op een organisatie of overdracht om de details te zien.",
                       "Click an organisation or hand-off on the map to see its details."),
    "map.present": ("Presentatiemodus", "Presentation mode"),
    "map.present_help": (("Voor de beamer: grote letters, dikke lijnen, hoog contrast; filters en zijbalk verdwijnen. "
                         "De stand staat in de adresregel (?presentatie=1), dus blijft na herladen."),
                         ("For a projector: large text, thick lines, high contrast; filters and sidebar are hidden. "
                         "The setting is kept in the address (?presentatie=1), so it survives a reload.")),
    "map.present_filters": ("Filters blijven van kracht: {which}.", "Filters still apply: {which}."),
    "map.figures_synthetic": ("Cijfers bij de overdrachten zijn synthetisch (voorbeeldlogboek), niet echt.",
                              "Figures on the hand-offs are synthetic (sample log), not real."),
    "detail.from_to": ("Van {src} naar {dst}", "From {src} to {dst}"),
    "detail.trigger": ("Aanleiding", "Trigger"),
    "detail.passes": ("Wat gaat over", "What passes"),
    "detail.legal": ("Grondslag gegevensuitwisseling", "Legal basis for the data exchange"),
    "detail.no_legal": ("Geen grondslag bekend.", "No legal basis known."),
    "detail.norm": ("Norm", "Norm"),
    "detail.no_norm": ("⚠ Geen norm (termijn) bekend.", "⚠ No norm (time limit) known."),
    "detail.regie": ("Regie na overdracht", "Regie after the hand-off"),
    "detail.unknown": ("onbekend", "unknown"),
    "detail.feedback": ("Terugkoppeling verplicht", "Feedback required"),
    "detail.acceptance": ("Acceptatie vereist", "Acceptance required"),
    "detail.escalation": ("Escalatie naar", "Escalation to"),
    "detail.failures": ("Bekende faalwijzen", "Known failure modes"),
    "detail.none": ("geen vastgelegd", "none recorded"),
    "detail.sources": ("Bronnen", "Sources"),
    "detail.instrument": ("Instrument", "Instrument"),
    "detail.phase": ("Fase", "Phase"),
    "detail.kind": ("Soort", "Kind"),
    "detail.domain": ("Domein", "Domain"),
    "detail.region": ("Regio", "Region"),
    "detail.part_of": ("Onderdeel van", "Part of"),
    "detail.outgoing": ("Uitgaande overdrachten", "Outgoing hand-offs"),
    "detail.incoming": ("Inkomende overdrachten", "Incoming hand-offs"),
    "detail.unverified": ("Niet geverifieerd", "Unverified"),
    "detail.yes": ("ja", "yes"),
    "detail.no": ("nee", "no"),
    "detail.enters_at": ("Komt binnen bij", "Enters at"),
    "detail.why": ("Waarom stokt deze overdracht?", "Why does this hand-off stall?"),
    "detail.show_on_map": ("Toon op kaart", "Show on map"),
    "routes.intro": ("Kies een begin en een eind; de routes staan op volgorde, de gekozen route is op de kaart gemarkeerd.",
                     "Pick a start and an end; routes are ranked, the chosen route is highlighted on the map."),
    "routes.start": ("Begin", "Start"),
    "routes.end": ("Eind", "End"),
    "routes.max": ("Maximaal aantal overdrachten", "Maximum number of hand-offs"),
    "routes.run": ("Zoek routes", "Find routes"),
    "routes.none": ("Geen route gevonden.", "No route found."),
    "routes.found": ("{n} route(s) gevonden.", "{n} route(s) found."),
    "routes.choose": ("Route op de kaart", "Route on the map"),
    "routes.route": ("Route {i}", "Route {i}"),
    "routes.step": ("Stap", "Step"),
    "routes.handoff": ("Overdracht", "Hand-off"),
    "routes.practice": ("In de praktijk", "In practice"),
    "log.intro": (("Meet een eigen, gepseudonimiseerde zaaklog (CSV of Parquet) tegen de keten. De privacytoets gaat "
                  "eerst: een log met directe identificatoren wordt geweigerd (de kolom wordt genoemd, nooit een "
                  "waarde). Aantallen onder de drempel staan er als <5. Het bestand staat alleen tijdens het meten in "
                  "een afgeschermde tijdelijke map en wordt daarna verwijderd; niets van de log wordt bewaard, "
                  "tenzij u vraagt de samengevatte cijfers voor deze sessie te bewaren."),
                  ("Measure your own pseudonymised case log (CSV or Parquet) against the chain. The privacy check "
                  "comes first: a log with direct identifiers is refused (the column is named, never a value). "
                  "Counts under the threshold show as <5. The file is kept in a private temporary folder only while "
                  "it is measured and removed right after; nothing of the log is kept unless you ask to keep the "
                  "summary figures for this session.")),
    "log.file": ("Zaaklog (CSV of Parquet)", "Case log (CSV or Parquet)"),
    "log.mapping": ("Koppeling van activiteiten aan overdrachten (YAML)", "Mapping of activities to hand-offs (YAML)"),
    "log.mapping_help": (("Zonder eigen koppeling wordt die van de synthetische voorbeeldlog gebruikt "
                         "(docs/case-logs.md)."),
                         "Without your own mapping the synthetic sample log's mapping is used (docs/case-logs.md)."),
    "log.keep": ("Bewaar de samengevatte cijfers voor deze sessie", "Keep the summary figures for this session"),
    "log.keep_help": (("Alleen de onderdrukte cijfers per overdracht, voor de pagina's Knelpunten en Waarom; nooit "
                      "de log zelf."), ("Only the suppressed figures per hand-off, for the Knelpunten and Waarom "
                      "pages; never the log itself.")),
    "log.kept": ("De cijfers van een eigen log worden in deze sessie meegewogen.",
                 "The figures of an own log are weighed in this session."),
    "log.forget": ("Vergeet de bewaarde cijfers", "Forget the kept figures"),
    "log.run": ("Meten", "Measure"),
    "log.done": (("Gemeten: {cases} zaken, {events} gebeurtenissen, {first} – {last}; aantallen onder {threshold} "
                 "als <{threshold}. Het bestand is verwijderd."),
                 ("Measured: {cases} cases, {events} events, {first} – {last}; counts under {threshold} shown as "
                 "<{threshold}. The file has been removed.")),
    "log.synthetic": (("Dit is een synthetische log: de cijfers zeggen niets over echte zaken en tellen niet mee "
                      "als bewijs."), ("This is a synthetic log: its figures say nothing about real cases and do not "
                      "count as evidence.")),
    "log.cases": ("Zaken", "Cases"),
    "log.median": ("Mediane wachttijd", "Median wait"),
    "log.p90": ("Wachttijd (90e percentiel)", "Wait (90th percentile)"),
    "log.over_norm": ("Boven de norm", "Over the norm"),
    "log.no_handoffs": ("Geen overdrachten van de keten in deze log gevonden.",
                        "No hand-offs of the chain found in this log."),
    "log.confirmed": ("Knelpunten die deze log bevestigt", "Bottlenecks this log confirms"),
    "log.none_confirmed": (("Deze log bevestigt geen knelpunt (geen wachttijden boven de norm bij ten minste de "
                           "drempel aan zaken). Alleen eigen zaken boven de norm maken een rij {hoog}."),
                           ("This log confirms no bottleneck (no waits over the norm for at least the threshold of "
                           "cases). Only own cases over the norm make a row {hoog}.")),
    "routes.from": ("Van", "From"),
    "routes.to": ("Naar", "To"),
    "routes.same": ("Begin en eind zijn gelijk.", "Start and end are the same."),
    "bn.intro": (("Overdrachten en organisaties waar zaken stokken, één rij per element met al zijn redenen. "
                 "Hoog: de praktijk laat zien dat zaken hier stokken (recent, uit meer dan één bron). Aandacht: een "
                 "inhoudelijke reden op papier of in de structuur, of ouder of enkel bewijs. Laag: alleen lichte "
                 "gaten. Uitleg: docs/knelpunten.md."),
                 ("Hand-offs and organisations where cases stall, one row per element with all its reasons. "
                 "Hoog: practice shows cases stall here (recent, from more than one source). Aandacht: a substantive "
                 "reason on paper or in structure, or older or single evidence. Laag: only light gaps. "
                 "See docs/knelpunten.md.")),
    "bn.summary": (("Van de {elements} overdrachten en organisaties: **{hoog} hoog** ({hoog_pct}%), {aandacht} "
                   "aandacht, {laag} laag; gemarkeerd (hoog of aandacht): {flagged_pct}%."),
                   ("Of the {elements} hand-offs and organisations: **{hoog} hoog** ({hoog_pct}%), {aandacht} "
                   "aandacht, {laag} laag; flagged (hoog or aandacht): {flagged_pct}%.")),
    "bn.category": ("Categorie", "Category"),
    "bn.categories": ("Categorieën", "Categories"),
    "bn.severity_help": ("Ten minste deze ernst. Hoog vraagt bewijs uit de praktijk.",
                         "At least this severity. Hoog needs evidence from practice."),
    "bn.via_news": ("alleen via een nieuwsbericht gelezen", "read only in a news report"),
    "bn.rule": ("Regel", "Rule"),
    "bn.severity": ("Ernst", "Severity"),
    "bn.element": ("Element", "Element"),
    "bn.reason": ("Reden", "Reason"),
    "bn.score": ("Score", "Score"),
    "bn.open": ("Openen", "Open"),
    "bn.pick": ("Kies een knelpunt", "Pick a bottleneck"),
    "bn.none": ("Geen knelpunten met deze filters.", "No bottlenecks with these filters."),
    "why.pick": ("Kies een overdracht", "Pick a hand-off"),
    "why.pick_help": ("In de volgorde van de knelpuntenlijst: eerst wat de praktijk bevestigt. Typ om te zoeken.",
                      "In the order of the bottleneck list: first what practice confirms. Type to search."),
    "why.intro": (("Waarom blijft een zaak bij deze overdracht liggen? Eerst wat de praktijk laat zien, dan wet en "
                  "structuur. Met bronnen."),
                  ("Why does a case stall at this hand-off? First what practice shows, then law and structure. "
                  "With sources.")),
    "why.routes_through": ("Routes die erdoor lopen", "Routes through it"),
    "why.bridge": ("Enige verbinding (brug)", "Only connection (bridge)"),
    "why.figure": ("Cijfer", "Figure"),
    "why.value": ("Waarde", "Value"),
    "why.findings": ("Bevindingen", "Findings"),
    "why.severity": ("Ernst: **{severity}** (nummer {rank} in de knelpuntenlijst); categorieën: {categories}",
                     "Severity: **{severity}** (number {rank} in the bottleneck list); categories: {categories}"),
    "why.practice": ("Uit de praktijk", "From practice"),
    "why.law": ("Wet", "Law"),
    "why.agreements": ("Afspraken", "Agreements"),
    "why.structure": ("Structuur", "Structure"),
    "whatif.intro": ("Haal organisaties, instrumenten of grondslagen weg en zie welke routes breken.",
                     "Remove organisations, instruments or legal bases and see which routes break."),
    "whatif.remove": ("Weghalen", "Remove"),
    "whatif.run": ("Doorrekenen", "Compute"),
    "whatif.broken": ("Gebroken routes", "Broken routes"),
    "whatif.longer": ("Langere routes", "Longer routes"),
    "whatif.before": ("Overdrachten vóór", "Hand-offs before"),
    "whatif.after": ("Overdrachten na", "Hand-offs after"),
    "whatif.route_before": ("Kortste route vóór", "Shortest route before"),
    "whatif.new_findings": ("Nieuwe knelpunten", "New bottlenecks"),
    "whatif.map": ("Gebroken routes op de kaart (zoals ze liepen)", "Broken routes on the map (as they ran)"),
    "whatif.nothing": ("Geen routes gebroken.", "No routes broken."),
    "whatif.pick": ("Kies minstens één element.", "Pick at least one element."),
    "src.intro": ("Elke bron en grondslag, met wat erop rust.", "Every source and legal basis, with what rests on it."),
    "src.sources": ("Bronnen", "Sources"),
    "src.legal": ("Grondslagen", "Legal bases"),
    "src.rests": ("Rust op deze", "Rests on this"),
    "src.search": ("Zoeken", "Search"),
    "gl.intro": ("Afkortingen en begrippen uit de keten.", "Abbreviations and terms used in the chain."),
    "gl.term": ("Term", "Term"),
    "gl.meaning": ("Betekenis", "Meaning"),
    "gl.source": ("Bron", "Source"),
    "export.csv": ("Tabel als CSV", "Table as CSV"),
    "export.json": ("Tabel als JSON", "Table as JSON"),
    "col.id": ("id", "id"),
    "col.name": ("Naam", "Name"),
    "col.kind": ("Soort", "Kind"),
    "col.title": ("Titel", "Title"),
    "col.link": ("Link", "Link"),
    "col.status": ("Status", "Status"),
    "error.data": ("De ketengegevens konden niet worden geladen:", "The chain data could not be loaded:"),
    "unavailable": ("Deze functie is nog niet beschikbaar in deze installatie.",
                    "This function is not available in this installation yet."),
}


# Closed vocabularies of the model and the queries, shown in the UI language.
STRINGS: dict[str, Phrase] = {key: Phrase(*pair) for key, pair in _STRINGS.items()}

_VALUE_NAMES: dict[str, tuple[str, str]] = {
    "information": ("informatie", "information"),
    "case": ("zaak", "case"),
    "responsibility": ("verantwoordelijkheid", "responsibility"),
    "statutory": ("wettelijk", "statutory"),
    "agreed": ("afgesproken", "agreed"),
    "practice": ("praktijk", "practice"),
    "hoog": ("hoog", "hoog (high)"),
    "aandacht": ("aandacht", "aandacht (attention)"),
    "laag": ("laag", "laag (low)"),
    "articulation-point": ("enige doorgang (scharnierpunt)", "articulation point"),
    "bridge": ("enige verbinding (brug)", "bridge"),
    "high-betweenness": ("veel routes lopen erdoor", "high betweenness"),
    "no-legal-basis": ("geen grondslag bekend", "no legal basis known"),
    "weak-legal-basis": ("zwakke grondslag", "weak legal basis"),
    "regie-while-waiting": ("regie tijdens het wachten", "regie while waiting"),
    "no-regie": ("geen regie na overdracht", "no regie after the hand-off"),
    "responsibility-without-acceptance": ("verantwoordelijkheid zonder acceptatie",
                                          "responsibility without acceptance"),
    "failure-mode": ("bekende faalwijze", "known failure mode"),
    "no-norm": ("geen norm", "no norm"),
    "dead-end": ("doodlopend", "dead end"),
    "ping-pong": ("pingpong", "ping-pong"),
    "no-feedback": ("geen terugkoppeling", "no feedback"),
    "no-escalation": ("geen escalatieroute", "no escalation route"),
}
VALUE_NAMES: dict[str, Phrase] = {key: Phrase(*pair) for key, pair in _VALUE_NAMES.items()}


def value_name(value: str, lang: str = "nl") -> str:
    """A vocabulary value in the UI language (the value itself when unknown).

    >>> value_name("no-norm"), value_name("no-norm", "en"), value_name("other")
    ('geen norm', 'no norm', 'other')
    """
    names = VALUE_NAMES.get(value)
    return value if names is None else names.in_(lang)


_KIND_NAMES: dict[str, tuple[str, str]] = {
    "organisations": ("organisatie", "organisation"),
    "handoffs": ("overdracht", "hand-off"),
    "instruments": ("instrument", "instrument"),
    "signals": ("binnenkomst", "entry signal"),
    "legal_bases": ("grondslag", "legal basis"),
    "sources": ("bron", "source"),
    "phases": ("fase", "phase"),
}
KIND_NAMES: dict[str, Phrase] = {key: Phrase(*pair) for key, pair in _KIND_NAMES.items()}


def kind_name(kind: str, lang: str = "nl") -> str:
    """The name of an element kind (``"handoffs"``...) in the UI language.

    >>> kind_name("handoffs"), kind_name("handoffs", "en")
    ('overdracht', 'hand-off')
    """
    names = KIND_NAMES.get(kind)
    return kind if names is None else names.in_(lang)


def text(key: str, lang: str = "nl", **values: object) -> str:
    """The string for ``key`` in ``lang``, formatted with ``values``."""
    return STRINGS[key].in_(lang, **values)
