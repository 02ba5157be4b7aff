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
    "app.neo4j_stamp": ("Kaart bijgewerkt op {when} door {by}", "Map updated on {when} by {by}"),
    "nav.map": ("Ketenkaart", "Chain map"),
    "nav.stories": ("Casusverhalen", "Case stories"),
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
                          ("Main route in {n} steps (of {total} hand-offs). Choose 'All hand-offs' for the "
                           "whole chain.")),
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
    "kind.person": ("gezinslid", "family member"),
    "kind.signal": ("binnenkomst van een zaak", "way a case enters"),
    "legend.organisation": ("Organisatie", "Organisation"),
    "legend.post": ("Functie, bv. burgemeester of kinderrechter", "Post, e.g. mayor or juvenile judge"),
    "legend.collaboration": ("Samenwerkingsverband (stippelrand)", "Collaboration (dashed border)"),
    "legend.person": ("Gezinslid: slachtoffer, kind of uithuisgeplaatste (puntjesrand)",
                      "Family member: victim, child or person barred from home (dotted border)"),
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
    "routes.intro": (("Kies een begin en een eind; de routes staan op volgorde, de gekozen route is op de kaart "
                      "gemarkeerd."),
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
    "routes.practice": ("In de praktijk", "In practice"),
    "routes.information": ("Ook informatiestromen", "Information flows too"),
    "routes.information_help": (("Routes volgen de zaak: alleen overdrachten waarbij de zaak of de "
                                 "verantwoordelijkheid overgaat. Zet dit aan om ook overdrachten mee te nemen waarbij "
                                 "alleen informatie overgaat."),
                                ("Routes follow the case: only hand-offs where the case or the responsibility moves. "
                                 "Turn this on to include hand-offs that pass only information.")),
    "routes.information_only": ("Wel met informatiestromen: zet 'Ook informatiestromen' aan om die route te zien.",
                                "There is one with information flows: turn on 'Information flows too' to see it."),
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


# --- the Doorbraakteam register (ui/register_auth.py, app_pages/register_*.py) --------------------------
_STRINGS.update({
    "nav.reg_section": ("Doorbraakteam", "Doorbraakteam"),
    "nav.reg_overview": ("Bevindingen", "Findings"),
    "nav.reg_casus": ("Casus vastleggen", "Record a case"),
    "nav.reg_board": ("Opvolging", "Follow-up"),
    "nav.reg_system": ("Systeemknelpunten", "System bottlenecks"),
    "nav.reg_report": ("Rapportage", "Report"),
    "nav.reg_admin": ("Beheer", "Administration"),
    "reg.page_title": ("Doorbraakteam: {page}", "Doorbraakteam: {page}"),
    "reg.choose_one": ("Kies…", "Choose…"),
    "reg.login_needed": (("Het register van het Doorbraakteam is alleen na inloggen te zien. De ketenkaart zelf "
                          "blijft open."),
                         ("The Doorbraakteam's register is shown only after logging in. The chain map itself "
                          "stays open.")),
    "reg.expired": ("Uw sessie is verlopen; log opnieuw in.", "Your session has expired; log in again."),
    "reg.oidc_refused": ("Uw account bij de gemeente is niet gekoppeld aan een account van het register.",
                         "Your municipal account is not linked to a register account."),
    "reg.username": ("Gebruikersnaam", "User name"),
    "reg.password": ("Wachtwoord", "Password"),
    "reg.login": ("Inloggen", "Log in"),
    "reg.login_oidc": ("Inloggen met het gemeenteaccount", "Log in with the municipal account"),
    "reg.logout": ("Uitloggen", "Log out"),
    "reg.logged_in": ("Ingelogd als {user} ({role})", "Logged in as {user} ({role})"),
    "reg.demo_accounts": ("Fictief demoregister — demo-accounts (gebruiker / wachtwoord): {accounts}",
                          "Fictitious demo register — demo accounts (user / password): {accounts}"),
    "reg.demo_banner": ("FICTIEF demoregister: verzonnen casussen om het register te laten zien, geen echte zaken.",
                        "FICTITIOUS demo register: made-up cases to show the register, no real cases."),
    "reg.role_needed": ("Deze pagina is voor de rol {role}; u bent {mine}.",
                        "This page is for the role {role}; you are {mine}."),
    "reg.overview_intro": (("Waar besproken casussen vastliepen: per categorie en per element van de keten. "
                            "Een aantal telt verschillende casussen."),
                           ("Where reviewed cases got stuck: per category and per element of the chain. "
                            "A count is of distinct cases.")),
    "reg.suppressed_note": ("Aantallen onder 5 staan als <5; casussen zelf zijn voor lezers niet te zien.",
                            "Counts under 5 show as <5; readers cannot see the cases themselves."),
    "reg.from": ("Besproken vanaf", "Reviewed from"),
    "reg.to": ("tot en met", "up to and including"),
    "reg.nothing": ("Geen besproken casussen in deze periode.", "No reviewed cases in this period."),
    "reg.per_category": ("Per categorie", "Per category"),
    "reg.per_element": ("Per element van de keten", "Per chain element"),
    "reg.category": ("Categorie", "Category"),
    "reg.categories": ("Categorieën", "Categories"),
    "reg.casussen": ("Casussen", "Cases"),
    "reg.knelpunten": ("Knelpunten", "Bottlenecks"),
    "reg.element": ("Element", "Element"),
    "reg.latest_agreement": ("Laatste afspraak", "Latest agreement"),
    "reg.no_system": ("Nog geen systeemknelpunten.", "No system bottlenecks yet."),
    "reg.level": ("Niveau", "Level"),
    "reg.status": ("Status", "Status"),
    "reg.casus_pick": ("Casus", "Case"),
    "reg.casus_new": ("+ Nieuwe casus", "+ New case"),
    "reg.n_knelpunten": ("Aantal knelpunten", "Number of bottlenecks"),
    "reg.map_pick": ("Element kiezen op de kaart", "Pick an element on the map"),
    "reg.map_hint": ("Klik op de kaart op een overdracht (pijl) of organisatie.",
                     "Click a hand-off (arrow) or organisation on the map."),
    "reg.map_chosen": ("Gekozen: {name}", "Chosen: {name}"),
    "reg.map_add": ("→ knelpunt {n}", "→ bottleneck {n}"),
    "reg.code": ("Code", "Code"),
    "reg.code_help": ("Een pseudoniem als DBT-2026-014, nooit een naam of zaaknummer.",
                      "A pseudonym like DBT-2026-014, never a name or file number."),
    "reg.review_date": ("Datum bespreking", "Review date"),
    "reg.region": ("Regio", "Region"),
    "reg.violence": ("Vorm van geweld", "Kind of violence"),
    "reg.organisations": ("Betrokken organisaties", "Organisations involved"),
    "reg.knelpunt_n": ("Knelpunt {n}", "Bottleneck {n}"),
    "reg.elements": ("Waar in de keten", "Where in the chain"),
    "reg.elements_ph": ("Typ om te zoeken: overdracht, organisatie, instrument, grondslag",
                        "Type to search: hand-off, organisation, instrument, legal basis"),
    "reg.elements_help": ("Zoek op naam, of kies op de kaart hierboven.", "Search by name, or pick on the map above."),
    "reg.description": ("Korte beschrijving", "Short description"),
    "reg.privacy_help": ("Geen namen, BSN, adressen, geboortedata of contactgegevens: die worden geweigerd.",
                         "No names, BSN, addresses, dates of birth or contact details: they are refused."),
    "reg.evidence": ("Besproken onderbouwing", "Evidence discussed"),
    "reg.doorbraak": ("Doorbraak", "Breakthrough"),
    "reg.doorbraak_help": ("wat is afgesproken; leeg laten als er (nog) niets is afgesproken",
                           "what was agreed; leave empty when nothing was agreed (yet)"),
    "reg.what": ("Afspraak", "Agreement"),
    "reg.by_org": ("Door (organisatie)", "By (organisation)"),
    "reg.by_role": ("Rol (geen naam)", "Role (no name)"),
    "reg.by_role_help": ("Een functie, zoals teamleider of officier van justitie; nooit de naam van een persoon.",
                         "A position, such as team leader or public prosecutor; never a person's name."),
    "reg.deadline": ("Uiterlijk", "Deadline"),
    "reg.follow_up": ("Opvolgdatum", "Follow-up date"),
    "reg.ag_status": ("Stand", "Progress"),
    "reg.casus_status": ("Status van de casus", "Status of the case"),
    "reg.save": ("Opslaan", "Save"),
    "reg.saved": ("Casus {code} is opgeslagen.", "Case {code} was saved."),
    "reg.problems": ("Niet opgeslagen: {n} veld(en) kloppen niet.", "Not saved: {n} field(s) need attention."),
    "reg.close": ("Casus sluiten (voorzitter)", "Close the case (chair)"),
    "reg.board_intro": ("Alle afspraken op volgorde van datum; verlopen afspraken bovenaan.",
                        "Every agreement by due date; overdue ones first."),
    "reg.board_finished": ("Ook gerealiseerde en mislukte afspraken tonen", "Also show finished and failed agreements"),
    "reg.board_open": ("Lopende afspraken", "Open agreements"),
    "reg.board_overdue": ("Verlopen", "Overdue"),
    "reg.board_empty": ("Geen afspraken om op te volgen.", "No agreements to follow up."),
    "reg.board_due": ("Datum", "Due"),
    "reg.board_when": ("Termijn", "Time"),
    "reg.board_from": ("Casus / systeemknelpunt", "Case / system bottleneck"),
    "reg.board_update": ("Stand bijwerken", "Update progress"),
    "reg.board_pick": ("Afspraak", "Agreement"),
    "reg.days_over": ("{n} dagen over tijd", "{n} days overdue"),
    "reg.days_left": ("nog {n} dagen", "{n} days left"),
    "reg.system_intro": (("Een systeemknelpunt bundelt knelpunten van meerdere casussen tot één patroon dat het team "
                          "oppakt, op het niveau waar het opgelost kan worden: werkproces, beleid, regelgeving of "
                          "het rijk."),
                         ("A system bottleneck groups bottlenecks of several cases into one pattern the team takes up, "
                          "at the level where it can be solved: work process, policy, regulation or national "
                          "government.")),
    "reg.owner": ("Trekker", "Owner"),
    "reg.grouped": ("Gebundelde knelpunten", "Grouped bottlenecks"),
    "reg.system_new": ("Nieuw systeemknelpunt", "New system bottleneck"),
    "reg.system_update": ("Niveau en status bijwerken", "Update level and status"),
    "reg.title": ("Titel", "Title"),
    "reg.report_intro": ("Het overzicht voor de commissie: geen gegevens op casusniveau, aantallen onder 5 als <5.",
                         "The overview for the council committee: no case-level data, counts under 5 as <5."),
    "reg.approved": ("Vastgesteld door {who} op {when}.", "Approved by {who} on {when}."),
    "reg.concept": ("Concept: nog niet vastgesteld door de voorzitter.", "Draft: not yet approved by the chair."),
    "reg.pdf": ("Rapport als PDF", "Report as PDF"),
    "reg.docx": ("Rapport als Word (DOCX)", "Report as Word (DOCX)"),
    "reg.approve": ("Rapport vaststellen (voorzitter)", "Approve the report (chair)"),
    "reg.members": ("Leden en rollen", "Members and roles"),
    "reg.role": ("Rol", "Role"),
    "reg.login_with": ("Inloggen met", "Logs in with"),
    "reg.active": ("Actief", "Active"),
    "reg.oidc_email": ("E-mailadres gemeenteaccount (OIDC)", "Municipal account e-mail (OIDC)"),
    "reg.password_help": ("Minstens 12 tekens; leeg laten voor alleen inloggen met het gemeenteaccount.",
                          "At least 12 characters; leave empty for municipal-account login only."),
    "reg.member_add": ("Account toevoegen", "Add account"),
    "reg.audit": ("Audittrail", "Audit trail"),
    "reg.audit_ok": ("Audittrail intact: {n} regels, laatste hash {head}…",
                     "Audit trail intact: {n} entries, latest hash {head}…"),
    "reg.audit_broken": ("De audittrail is aangetast:", "The audit trail has been tampered with:"),
    "reg.when": ("Wanneer", "When"),
    "reg.who": ("Wie", "Who"),
    "reg.action": ("Wat", "What"),
    "reg.retention": ("Bewaartermijn", "Retention"),
    "reg.retention_due": (("{n} gesloten casussen zijn ouder dan {months} maanden en worden teruggebracht tot hun "
                           "anonieme knelpunten."),
                          ("{n} closed cases are older than {months} months and are reduced to their anonymous "
                           "bottlenecks.")),
    "reg.retention_run": ("Bewaartermijn nu toepassen", "Apply retention now"),
})


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
