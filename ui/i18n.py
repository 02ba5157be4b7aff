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
    "app.language": ("Taal", "Language"),
    "app.version": ("gegevensversie {version}", "data version {version}"),
    "app.loaded": ("Gegevens: {title} · {orgs} organisaties · {handoffs} overdrachten",
                   "Data: {title} · {orgs} organisations · {handoffs} hand-offs"),
    "app.practice": ("Praktijkcijfers tonen (synthetisch)", "Show practice figures (synthetic)"),
    "app.practice_help": (("Aantallen en aandeel boven de norm per overdracht uit de meegeleverde SYNTHETISCHE "
                          "voorbeeldlog (geen echte zaken); aantallen onder 5 als <5."),
                          ("Volumes and share over the norm per hand-off from the shipped SYNTHETIC sample log "
                          "(no real cases); counts under 5 shown as <5.")),
    "app.backend_neo4j": ("Bron van de graaf: Neo4j", "Graph store: Neo4j"),
    "nav.map": ("Ketenkaart", "Chain map"),
    "nav.stories": ("Casusverhalen", "Case stories"),
    "nav.routes": ("Routes", "Routes"),
    "nav.bottlenecks": ("Knelpunten", "Bottlenecks"),
    "nav.why": ("Waarom stokt deze overdracht?", "Why does this hand-off stall?"),
    "nav.whatif": ("Wat als", "What if"),
    "nav.sources": ("Bronnen", "Sources"),
    "nav.glossary": ("Woordenlijst", "Glossary"),
    "map.intro": (("Organisaties staan in banen per domein, fasen lopen van links naar rechts. "
                  "Klik op een organisatie of een overdracht (pijl) voor de details."),
                  ("Organisations sit in lanes per domain, phases run left to right. "
                  "Click an organisation or a hand-off (arrow) for its details.")),
    "choose": ("Kies een of meer", "Choose one or more"),
    "choose_one": ("Kies er een", "Choose one"),
    "search.label": ("Zoeken", "Search"),
    "search.placeholder": ("Zoek een organisatie, overdracht, afkorting of begrip…",
                           "Search an organisation, hand-off, abbreviation or term…"),
    "search.help": (("Zoekt in namen, afkortingen, beschrijvingen, aanleidingen, faalwijzen en bronnen. "
                    "Enter springt naar de kaart als één resultaat er duidelijk uitspringt."),
                    ("Searches names, abbreviations, descriptions, triggers, failure modes and sources. "
                    "Enter jumps to the map when one result clearly stands out.")),
    "search.none": ("Niets gevonden voor „{query}”.", "Nothing found for “{query}”."),
    "search.maybe": ("Bedoelde u: {names}?", "Did you mean: {names}?"),
    "search.f_abbreviation": ("afkorting", "abbreviation"),
    "search.f_alias": ("ook genoemd", "also called"),
    "search.f_glossary": ("woordenlijst", "glossary"),
    "search.f_description": ("beschrijving", "description"),
    "search.f_trigger": ("aanleiding", "trigger"),
    "search.f_failure": ("faalwijze", "failure mode"),
    "search.f_source": ("bron", "source"),
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
    "map.fit": ("Hele kaart", "Whole map"),
    "map.zoom_in": ("Inzoomen", "Zoom in"),
    "map.zoom_out": ("Uitzoomen", "Zoom out"),
    "map.hint": ("Klik voor details · slepen = verschuiven · Ctrl + scrollen = zoomen",
                 "Click for details · drag = pan · Ctrl + scroll = zoom"),
    "map.mode": ("Weergave", "View"),
    "map.mode_overzicht": ("Overzicht: de hoofdroute", "Overview: the main route"),
    "map.mode_alles": ("Alle overdrachten", "All hand-offs"),
    "map.mode_help": (("Het overzicht toont de hoofdroute van een zaak in ongeveer twaalf genummerde stappen; "
                      "'Alle overdrachten' toont de hele keten, met filters."),
                      ("The overview shows the main route of a case in about twelve numbered steps; "
                      "'All hand-offs' shows the whole chain, with filters.")),
    "map.overview_note": (("Hoofdroute in {n} stappen (van de {total} overdrachten). Kies 'Alle overdrachten' "
                          "voor de hele keten."),
                          "Main route in {n} steps (of {total} hand-offs). Choose 'All hand-offs' for the whole chain."),
    "map.information": ("Informatiestromen tonen", "Show information flows"),
    "map.information_help": (("Overdrachten waarbij alleen informatie overgaat (geen zaak of verantwoordelijkheid) "
                             "zijn standaard verborgen."),
                             ("Hand-offs that pass only information (no case, no responsibility) are hidden by "
                             "default.")),
    "map.no_norm": ("⚠ bij overdrachten zonder norm", "⚠ on hand-offs without a norm"),
    "map.no_norm_help": ("Markeer de overdrachten waarvoor geen termijn bekend is.",
                         "Mark the hand-offs for which no time limit is known."),
    "map.as_of_now": ("vandaag (alles wat nu geldt)", "today (all that applies now)"),
    "map.passes_info": ("Alleen informatie", "Information only"),
    "map.aria": ("Ketenkaart: organisaties en overdrachten", "Chain map: organisations and hand-offs"),
    "map.html": ("Kaart als HTML (offline)", "Map as HTML (offline)"),
    "map.empty": ("Niets te tonen met deze filters.", "Nothing to show with these filters."),
    "map.details": ("Details", "Details"),
    "map.table": ("Overdrachten in beeld als tabel tonen ({n})", "Show the hand-offs in view as a table ({n})"),
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
    "map.t.legal": ("Grondslag: {names}", "Legal basis: {names}"),
    "map.t.no_legal": ("Geen grondslag bekend (gestippeld)", "No legal basis known (dashed)"),
    "map.t.norm": ("Norm: {norm}", "Norm: {norm}"),
    "map.t.no_norm": ("Geen norm (termijn) bekend", "No norm (time limit) known"),
    "map.t.information": ("Alleen informatie gaat over", "Only information passes"),
    "map.t.unverified": ("Niet geverifieerd aan de bron", "Not verified against its source"),
    "map.over_norm": ("{share}% boven norm", "{share}% over norm"),
    "kind.organisation": ("organisatie", "organisation"),
    "kind.post": ("functie", "post"),
    "kind.collaboration": ("samenwerkingsverband", "collaboration"),
    "kind.signal": ("binnenkomst van een zaak", "way a case enters"),
    "legend.organisation": ("Organisatie", "Organisation"),
    "legend.post": ("Functie, bv. burgemeester of kinderrechter", "Post, e.g. mayor or juvenile judge"),
    "legend.collaboration": ("Samenwerkingsverband (stippelrand)", "Collaboration (dashed border)"),
    "legend.signal": ("Binnenkomst van een zaak", "Way a case enters"),
    "legend.legal_basis": ("Overdracht met grondslag (doorgetrokken)", "Hand-off with a legal basis (solid)"),
    "legend.no_legal_basis": ("Overdracht zonder bekende grondslag (gestippeld)",
                              "Hand-off without a known legal basis (dashed)"),
    "legend.no_norm": ("⚠ geen norm (termijn) bekend", "⚠ no norm (time limit) known"),
    "legend.highlight": ("Gemarkeerd (route, stap of keuze)", "Highlighted (route, step or choice)"),
    "legend.volume": ("Dikkere lijn = meer zaken (synthetische voorbeeldlog)",
                      "Thicker line = more cases (synthetic sample log)"),
    "legend.lane": ("Baan: {lane}", "Lane: {lane}"),
    "legend.steps": ("Stappen:", "Steps:"),
    "legend.abbreviations": ("Afkortingen:", "Abbreviations:"),
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
    "story.intro": (("Casussen stap voor stap langs de keten, voor training en overleg. Elke stap licht op de kaart "
                    "op, met het verhaal, een vraag voor het gesprek en de bronnen. Pijltjestoetsen bladeren."),
                    ("Cases step by step along the chain, for training and meetings. Each step lights up on the map, "
                    "with the narrative, a question for discussion and the sources. Arrow keys turn the pages.")),
    "story.none": ("Er zijn geen casusverhalen voor deze keten.", "There are no case stories for this chain."),
    "story.meta": ("Voor {audience} · {n} stappen", "For {audience} · {n} steps"),
    "story.start": ("Verhaal starten", "Start the story"),
    "story.all": ("Alle verhalen", "All stories"),
    "story.prev": ("Vorige", "Previous"),
    "story.next": ("Volgende", "Next"),
    "story.step_of": ("Stap {i} van {n}", "Step {i} of {n}"),
    "story.steps": ("Stappen", "Steps"),
    "story.question": ("Vraag voor het gesprek", "Question for discussion"),
    "story.link": ("Link naar deze stap", "Link to this step"),
    "story.about": ("Waar dit verhaal over gaat", "What this story is about"),
    "story.pdf_steps": ("PDF, een stap per pagina", "PDF, one step per page"),
    "story.pdf_compact": ("PDF, kort", "PDF, compact"),
    "story.html": ("Presentatie als HTML (offline)", "Presentation as HTML (offline)"),
    "story.problems": ("Verhalen die niet bij deze keten passen ({n})", "Stories that do not fit this chain ({n})"),
    "story.problems_help": ("Voor wie verhalen bewerkt: bestand, regel en veld van elk probleem.",
                            "For whoever edits stories: file, line and field of each problem."),
    "routes.intro": ("Kies een begin en een eind; de routes staan op volgorde, de gekozen route is op de kaart gemarkeerd.",
                     "Pick a start and an end; routes are ranked, the chosen route is highlighted on the map."),
    "routes.start": ("Begin", "Start"),
    "routes.end": ("Eind", "End"),
    "routes.max": ("Maximaal aantal overdrachten", "Maximum number of hand-offs"),
    "routes.run": ("Zoek routes", "Find routes"),
    "routes.none": ("Geen route gevonden.", "No route found."),
    "routes.none_between": ("Geen route van {start} naar {end} in {n} overdrachten of minder.",
                            "No route from {start} to {end} in {n} hand-offs or fewer."),
    "routes.found": ("{n} route(s) gevonden.", "{n} route(s) found."),
    "routes.choose": ("Route op de kaart", "Route on the map"),
    "routes.route": ("Route {i}", "Route {i}"),
    "routes.step": ("Stap", "Step"),
    "routes.handoff": ("Overdracht", "Hand-off"),
    "routes.from": ("Van", "From"),
    "routes.to": ("Naar", "To"),
    "routes.same": ("Begin en eind zijn gelijk.", "Start and end are the same."),
    "bn.intro": ("Overdrachten en organisaties waar zaken kunnen stokken, op volgorde van ernst.",
                 "Hand-offs and organisations where cases may stall, ranked by severity."),
    "bn.rule": ("Regel", "Rule"),
    "bn.severity": ("Ernst", "Severity"),
    "bn.element": ("Element", "Element"),
    "bn.reason": ("Reden", "Reason"),
    "bn.score": ("Score", "Score"),
    "bn.open": ("Openen", "Open"),
    "bn.pick": ("Kies een knelpunt", "Pick a bottleneck"),
    "bn.none": ("Geen knelpunten met deze filters.", "No bottlenecks with these filters."),
    "why.pick": ("Kies een overdracht", "Pick a hand-off"),
    "why.pick_help": (("Op volgorde van knelpuntscore: de overdrachten met de meeste en zwaarste bevindingen eerst. "
                      "Typ om te zoeken."), ("Ordered by bottleneck score: hand-offs with the most and most severe "
                      "findings first. Type to search.")),
    "why.intro": ("Waarom kan een zaak bij deze overdracht blijven liggen? Met bronnen.",
                  "Why can a case stall at this hand-off? With sources."),
    "why.routes_through": ("Routes die erdoor lopen", "Routes through it"),
    "why.bridge": ("Enige verbinding (brug)", "Only connection (bridge)"),
    "why.figure": ("Cijfer", "Figure"),
    "why.value": ("Waarde", "Value"),
    "why.findings": ("Bevindingen", "Findings"),
    "whatif.intro": ("Haal organisaties, instrumenten of grondslagen weg en zie welke routes breken.",
                     "Remove organisations, instruments or legal bases and see which routes break."),
    "whatif.remove": ("Weghalen", "Remove"),
    "whatif.placeholder": ("Typ om te zoeken en kies met Enter, één per keer",
                           "Type to search and pick with Enter, one at a time"),
    "whatif.remove_help": ("Enter kiest alleen het eerste resultaat; er is geen 'alles selecteren'.",
                           "Enter picks the first match only; there is no 'select all'."),
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
    "src.search_placeholder": ("Zoek in titels, wetten en uitgevers", "Search titles, laws and publishers"),
    "src.verified": ("geverifieerd", "verified"),
    "src.seeds": ("Brondocumenten van het project (de bestandsnaam staat in de tooltip)",
                  "The project's founding documents (the file name is in the tooltip)"),
    "src.kind.seed": ("brondocument", "founding document"),
    "src.kind.law": ("wettekst", "law"),
    "src.kind.case-law": ("rechtspraak", "case law"),
    "src.kind.report": ("rapport", "report"),
    "src.kind.policy": ("beleid of afspraak", "policy or agreement"),
    "src.kind.news": ("nieuws", "news"),
    "src.kind.web": ("website", "web page"),
    "col.date": ("Datum", "Date"),
    "gl.intro": ("Afkortingen en begrippen uit de keten.", "Abbreviations and terms used in the chain."),
    "gl.term": ("Term", "Term"),
    "gl.meaning": ("Betekenis", "Meaning"),
    "gl.source": ("Bron", "Source"),
    "handout.foot": ("Gegevens: {data} · {date} · gegevensversie {version} · ketenkaart",
                     "Data: {data} · {date} · data version {version} · ketenkaart"),
    "handout.page": ("pagina {n}", "page {n}"),
    "handout.document": ("document", "document"),
    "export.pdf_a4": ("PDF A4", "PDF A4"),
    "export.pdf_a3": ("PDF A3", "PDF A3"),
    "export.png": ("PNG (hoge resolutie)", "PNG (high resolution)"),
    "export.svg": ("SVG", "SVG"),
    "export.html": ("HTML (offline)", "HTML (offline)"),
    "export.label": ("Downloaden als", "Download as"),
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
    "high": ("hoog", "high"),
    "medium": ("middel", "medium"),
    "low": ("laag", "low"),
    "articulation-point": ("enige doorgang (scharnierpunt)", "articulation point"),
    "bridge": ("enige verbinding (brug)", "bridge"),
    "high-betweenness": ("veel routes lopen erdoor", "high betweenness"),
    "no-legal-basis": ("geen grondslag", "no legal basis"),
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
