"""A deterministic corpus of hostile and clean case logs for the privacy gate (issue 12).

Every **hostile** log is a small, otherwise clean log with exactly one identifier planted in one
place: a column (case id, timestamp, activity, organisation, an extra column), a column *name*,
or, in XES, a trace or event attribute, a standard attribute or an attribute *key*. Each kind
comes in many spellings (separators, full-width digits, IDN, obfuscations, dropped zeros…), and
every spelling is planted in at least two places. **Clean** logs use realistic activity and
organisation names (those of the Haaglanden chain in ``data/`` and more), timestamps in several
formats, hashed and structured case ids and harmless extra columns.

All values are synthetic: BSNs and IBANs are generated to pass their checks; names, addresses
and numbers are made up.

>>> logs = hostile_logs()
>>> len(logs) >= 200, len({log.id for log in logs}) == len(logs)
(True, True)
>>> logs == hostile_logs()  # deterministic
True
>>> len(clean_logs()) >= 30
True
"""
# ruff: noqa: RUF001 - full-width and other look-alike characters are the test data here

from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

__all__ = [
    "ACTIVITIES",
    "CLAIMED",
    "MEASURED",
    "ORGANISATIONS",
    "CleanLog",
    "HostileLog",
    "clean_logs",
    "hostile_logs",
]

# Kinds with a 100 % detection requirement, and kinds whose rate is measured.
CLAIMED = ("bsn", "email", "phone", "postcode", "iban", "date-of-birth", "identifying-column")
MEASURED = ("person-name", "address")

ROOT = Path(__file__).resolve().parents[2]


def _chain_names(file: str, key: str) -> list[str]:
    """Names from the project's chain data (plain line parsing: no YAML needed for a corpus)."""
    path = ROOT / file
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(rf"\s*-?\s*{key}:\s*(.+)$", line)
        if match:
            out.append(match.group(1).strip().strip("'\""))
    return out


_BASE_ACTIVITIES = [
    "Incident huiselijk geweld", "Zorgmelding verzonden", "Huisverbod voorgesteld", "Huisverbod opgelegd",
    "Melding professional", "Melding burger", "Melding ontvangen", "Melding geregistreerd",
    "Veiligheidsbeoordeling afgerond", "Hulpaanbod na huisverbod", "Overdracht lokaal team", "Onderzoek gestart",
    "Onderzoek afgerond", "Verzoek tot onderzoek Raad", "Crisisinterventie", "Intake jeugd- en wijkteam",
    "Terugmelding Veilig Thuis", "Raadsonderzoek gestart", "Verzoek OTS ingediend", "Zitting kinderrechter",
    "OTS uitgesproken", "Jeugdbeschermer toegewezen", "Plan van aanpak vastgesteld", "Zaak afgesloten",
    "Hulp afgerond", "Raadsonderzoek afgerond", "Melding Raad", "Huisbezoek afgelegd", "Gesprek met ouders",
    "Gesprek met kind", "Gesprek met moeder", "Gesprek met vader", "Multidisciplinair overleg",
    "Casusoverleg ZSM", "Veiligheidsplan opgesteld", "Tijdelijk huisverbod opgelegd", "Verlenging huisverbod",
    "Advies gegeven", "Doorverwijzing naar wijkteam", "Terugkoppeling aan melder", "Dossier gesloten",
    "Zorgmelding politie", "Signaal vanuit school", "Melding door huisarts", "Overleg met jeugdarts",
    "Aanvraag raadsonderzoek", "Verzoek tot onderzoek Raad voor de Kinderbescherming",
    "Zitting rechtbank Den Haag", "Uitspraak kinderrechter", "Ondertoezichtstelling uitgesproken",
    "Uithuisplaatsing", "Crisisplaatsing", "Monitoring gestart", "Monitoring afgerond",
    "Evaluatie na 3 maanden", "Fase 2 afgerond", "Stap 1: intake", "Triage (5 werkdagen)",
    "Radarscreening uitgevoerd", "Risicotaxatie B-SAFER", "MDA++ traject gestart", "Opvang geregeld",
    "Plaatsing in de vrouwenopvang", "Aangifte opgenomen", "Proces-verbaal opgemaakt", "Contact met school",
    "Contact met huisarts", "Consult vertrouwensarts", "Kindcheck uitgevoerd", "Signaal naar Veilig Thuis",
    "Melding Verwijsindex", "Overdracht aan Jeugdbescherming West", "Zorgcoordinatie gestart",
    "Nazorg afgerond", "Veiligheid gecheckt na 3 maanden", "Herhaalde melding", "Acute onveiligheid",
    "Structurele onveiligheid vastgesteld", "Aanmelding Doorbraakteam", "Oudergesprek", "Schoolgesprek",
    "Politie ter plaatse", "Reclasseringsadvies uitgebracht", "Toezicht gestart", "Slachtofferhulp ingeschakeld",
]
ACTIVITIES = sorted({*_BASE_ACTIVITIES, *_chain_names("data/synthetic/mapping.yaml", "from")})

_BASE_ORGANISATIONS = [
    "politie", "veilig-thuis-haaglanden", "meldcode-professionals", "raad-voor-de-kinderbescherming",
    "jeugd-en-wijkteams", "kinderrechter", "jeugdbescherming-west", "crisisinterventieteam",
    "VT Haaglanden", "Politie Eenheid Den Haag", "GGD Haaglanden", "CJG Leidschendam-Voorburg",
    "Sociaal wijkteam Escamp", "Kompaan en De Bocht", "Ipse de Bruggen", "Sterk Huis", "Xtra", "Parnassia",
    "Reclassering Nederland", "Leger des Heils J&R", "Blijf Groep", "Jeugdformaat", "Middin",
]
ORGANISATIONS = sorted({*_BASE_ORGANISATIONS, *_chain_names("data/haaglanden/organisations.yaml", "name")})

_CLEAN_EXTRA = {
    "kanaal": ["telefonisch", "e-mail", "post", "balie", "digitaal formulier", "chat"],
    "aantal_kinderen": ["0", "1", "2", "3", "4"],
    "prioriteit": ["hoog", "middel", "laag", "acuut (24 uur)"],
    "leeftijdscategorie": ["0-4 jaar", "4-12 jaar", "12-17 jaar", "18-23 jaar", "65+"],
    "duur_minuten": ["15", "30", "45", "60", "90", "120"],
    "dossierjaar": ["2023", "2024", "2025"],
    "risico": ["B-score 3", "score 12", "niveau 2 van 5", "geen"],
    "referentie": ["ref 123456789", "zaaknr 2024-001", "versie 1.2.3", "fase 2 van 4"],
}


@dataclass(frozen=True)
class HostileLog:
    """One log with one planted identifier."""

    id: str
    fmt: str  # "csv" or "xes"
    text: str
    kind: str  # the kind planted
    planted: str  # the planted text: it must never appear in any message
    place: str  # where it was planted
    labels: tuple[str, ...]  # finding labels that count as "found in the right place"

    @property
    def claimed(self) -> bool:
        return self.kind in CLAIMED


@dataclass(frozen=True)
class CleanLog:
    """A log without identifiers: the gate must find nothing."""

    id: str
    fmt: str
    text: str


# --- synthetic identifiers --------------------------------------------------------------------------


def _elfproef(d: str) -> bool:
    weighted = sum(int(x) * w for x, w in zip(d[:8], range(9, 1, -1), strict=True))
    return d != "000000000" and (weighted - int(d[8])) % 11 == 0


def _bsn(rng: random.Random, leading_zero: bool = False) -> str:
    while True:
        d = ("0" if leading_zero else str(rng.randint(1, 9))) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        if _elfproef(d):
            return d


def _iban(rng: random.Random, country: str, bank: str, digits: int) -> str:
    account = bank + "".join(str(rng.randint(0, 9)) for _ in range(digits))
    numeric = "".join(str(int(ch, 36)) for ch in (account + country + "00").lower())
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{account}"


def _group4(text: str, sep: str = " ") -> str:
    return sep.join(text[i:i + 4] for i in range(0, len(text), 4))


_FULLWIDTH = {ord(c): chr(ord(c) + 0xFEE0)
              for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@.-+()"}


def _fw(text: str) -> str:
    return text.translate(_FULLWIDTH).replace(" ", "\u3000")


def _spellings(rng: random.Random) -> dict[str, list[str]]:
    b = _bsn(rng)
    b2 = _bsn(rng)
    z = _bsn(rng, leading_zero=True)[1:]  # 8 digits: a number column lost the leading zero
    m = "6" + "".join(str(rng.randint(0, 9)) for _ in range(8))  # mobile subscriber part
    la = "70" + "".join(str(rng.randint(0, 9)) for _ in range(7))  # The Hague landline
    nl = _iban(rng, "NL", "ABNA", 10)
    nl2 = _iban(rng, "NL", "INGB", 10)
    be = _iban(rng, "BE", "", 12)
    de = _iban(rng, "DE", "", 18)
    return {
        "bsn": [
            b, f"{b[:3]}.{b[3:6]}.{b[6:]}", f"{b[:3]} {b[3:5]} {b[5:7]} {b[7:]}", f"{b[:3]}-{b[3:6]}-{b[6:]}",
            f"{b[:4]}.{b[4:6]}.{b[6:]}", _fw(b), _fw(f"{b[:3]} {b[3:6]} {b[6:]}"), f"BSN: {b2}", f"bsn{b2}",
            f"Gesprek gevoerd, bsn {b[:3]}\u00a0{b[3:6]}\u00a0{b[6:]}, verder niets", z,
            f"{z[:2]}.{z[3 - 1:5]}.{z[5:]}", f"{z}.0", "".join(chr(0x0660 + int(d)) for d in b),
            f"{b[:3]}\u2013{b[3:6]}\u2013{b[6:]}", f"({b[:3]}) {b[3:6]} {b[6:]}", f"{b[:3]} / {b[3:6]} / {b[6:]}",
        ],
        "email": [
            "jan.jansen@example.nl", "J.DEVRIES@EXAMPLE.ORG", "jan@münchen.de", "jürgen.müller@bücher.example",
            "zoë@voorbeeld.nl", _fw("jan@example.nl"), "jan [at] example.nl", "jan (at) example (dot) nl",
            "jan @ example.nl", "jan@xn--mnchen-3ya.de", "jan+vt@example.org",
            "mail naar p.devries@gemeente.example.nl gestuurd", "info\uff20example\uff0enl", "ik@例え.jp",
        ],
        "phone": [
            f"0{m[0]}-{m[1:]}", f"0{m}", f"0{m[0]} {m[1:3]} {m[3:5]} {m[5:7]} {m[7:]}",
            f"0{m[0]}.{m[1:3]}.{m[3:5]}.{m[5:7]}.{m[7:]}", f"0{m[0]} {m[1:5]} {m[5:]}",
            f"(0{la[:2]}) {la[2:5]} {la[5:7]} {la[7:]}", f"0{la[:2]}-{la[2:]}", f"0{la[:2]} {la[2:5]} {la[5:]}",
            f"010-{la[2:5]} {la[5:7]} {la[7:]}", f"0118-{la[3:]}", f"+31 {m[0]} {m[1:]}", f"+31 (0){m[0]} {m[1:]}",
            f"+31{m}", f"0031{m}", f"0031 {m[0]} {m[1:5]} {m[5:]}", f"31{m}", f"+31-{la[:2]}-{la[2:]}",
            _fw(f"0{m[0]}-{m[1:]}"), f"0{m[0]}\u2013{m[1:]}", f"0{m[0]}\u00a0{m[1:]}",
            f"tel: 0{m[0]} - {m[1:4]} {m[4:7]} {m[7:]}",
            f"Bel moeder op 0{m} na 17 uur", f"+31\u00a0(0)\u00a0{la[:2]}\u00a0{la[2:]}",
        ],
        "postcode": [
            "2511 AB", "2511AB", "2511 ab", "2511ab", "2511-AB", "1011 JS", _fw("2511 AB"),
            "woont in 2563 CV Den Haag", "3521 az utrecht", "Postcode: 2595BN",
        ],
        "iban": [
            nl, _group4(nl), nl.lower(), _group4(nl2, "-"), _fw(nl2), be, _group4(de),
            f"rekening {_group4(nl2)} t.n.v. moeder",
            _group4(nl, "."),
        ],
        "date-of-birth": [
            "geboren 12-03-1985", "geb. 3 maart 1985", "geboortedatum: 1985-03-12", "DOB 12/03/1985",
            "d.o.b. 12.03.1985", "geb.datum 03-12-85", "Geboren op 7 jan. 2009", "born 12 March 1985",
            "1985-03-12", "12-03-1985", "12 maart 1979", "30/11/1979", "1979-11-30 00:00:00", "１９８５－０３－１２",
        ],
    }


_IDENTIFYING_COLUMNS = [
    "client_naam", "VoorNaam", "Achternaam", "geb_datum", "geboortedatum", "e-mail", "Email", "tel_nr",
    "telefoonnummer", "Phone1", "mobiel", "woonadres", "adres", "Straat", "huisnummer", "postcode",
    "Postcode_client", "woonplaats", "BSN_kind", "bsn", "burgerservicenummer", "IBAN", "rekeningnummer", "dob",
    "DateOfBirth", "first_name", "LastName", "full-name", "naam_moeder", "NaamVader", "roepnaam",
    "Tussenvoegsel", "voorletters", "geb.datum", "GebDat", "emailadres", "e_mail_adres", "tel", "gsm",
    "kenteken", "paspoortnummer", "street_address", "zip_code", "Naam cliënt", "ADRES", "Telefoon2",
    "Ｅｍａｉｌ", "adres_cliënt", "clientNAAM", "mobile_phone", "BirthDate", "sofinummer",
]

# An evaluation set written for this corpus, not drawn from the detector's lists.
_PERSON_NAMES = [
    "Jan de Vries", "Gesprek met Fatima El Amrani", "mevr. Yilmaz", "J.P. Balkenende", "dhr. van Dijk",
    "Sanne Bakker", "Mohamed Bouzid", "Kees", "Ayşe Öztürk", "Anouk van der Meer", "Pieter Post",
    "Roos Visser", "Gesprek met moeder (Linda Smit)", "Bram", "T. Wijnberg", "Wilhelmina Zwaan",
    "Eelke Hoogstraten", "Noah Tjin", "Sevgi Aktaş", "Dewi Sastrowardoyo", "Rajesh Ramlal", "Xiomara Martina",
    "Nguyen Van Minh", "de heer Jansen", "Mevrouw De Groot", "A. Bakkali", "Karin Vermeulen", "Youssef",
    "Lotte de Jong", "Henk Dijkstra", "Mustafa Kaya", "Emma Hendriks", "gesprek met Daan", "Esra Demir",
    "Sem Willems", "Julia van Leeuwen", "Priya Jagessar", "Thijs Brouwer", "Noor", "Lieke Schouten",
    "Marieke van den Berg-Smits", "Ahmed", "Jesse Mulder", "Fenna Kok", "Gerrit Jan Hofstede",
    "Sophie Maas", "Ibrahim Aydin", "W. de Wit", "zus van Tim", "Overleg met juf Annemiek",
    "Kofi Mensah", "Zeynep Çelik", "Mila Timmermans", "Luuk Peters", "Bilal Azzouzi", "Tess Verbeek",
    "Gesprek met oma Riet", "Agnieszka Kowalska", "Dhr. O. Koç", "Hanna Wolters",
]

_ADDRESSES = [
    "Kerkstraat 12", "Laan van Meerdervoort 112a", "Spui 70", "Lange Voorhout 9", "Prinsengracht 263-1",
    "Binckhorstlaan 36", "Postbus 16", "Hoofdweg 1-3", "Stationsplein 1", "Dorpsstraat 5 bis", "Molenwerf 3",
    "Noordeinde 68", "Javastraat 2b", "Wateringseweg 14", "Valkenboskade 5", "Weimarstraat 120",
    "Oude Haagweg 45", "Goudenregenplein 3", "Het Rond 7", "Achterom 12", "huisbezoek Beeklaan 301",
    "Zuidwal 8", "Herengracht 17", "Markt 1", "Torenstraat 172 hs", "Loosduinseweg 512", "Escamplaan 44",
    "Hobbemaplein 2", "Vaillantlaan 199", "Boulevard 40",
]


# --- building logs -----------------------------------------------------------------------------------

_CSV_PLACES = ("case_id", "timestamp", "activity", "organisation", "opmerking", "header")
_XES_PLACES = ("trace:concept:name", "event:time:timestamp", "event:concept:name", "event:org:resource",
               "trace:extra", "event:extra", "key")


def _base_rows(rng: random.Random, rows: int = 6) -> list[dict[str, str]]:
    out = []
    for i in range(rows):
        out.append({
            "case_id": f"SYN{rng.randint(0, 99999999):08d}",
            "timestamp": (f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
                          f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}:00"),
            "activity": rng.choice(ACTIVITIES),
            "organisation": rng.choice(ORGANISATIONS),
            "opmerking": rng.choice(["", "geen", "zie dossier", "na overleg"]),
        })
        del i
    return out


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _plant_csv(rng: random.Random, value: str, place: str, kind: str, log_id: str) -> HostileLog:
    rows = _base_rows(rng)
    header = ["case_id", "timestamp", "activity", "organisation", "opmerking"]
    target = rng.randrange(len(rows))
    if place == "header":
        header = [*header, value]
        body = [[*(r[h] for h in header[:-1]), "x"] for r in rows]
        labels: tuple[str, ...] = (f"name of column {len(header)}",)
    elif place == "column-name":
        header = [*header, value]
        body = [[*(r[h] for h in header[:-1]), "onbekend"] for r in rows]
        labels = (f"column {value!r}", f"column {len(header)}")
    else:
        rows[target][place] = value
        body = [[r[h] for h in header] for r in rows]
        labels = (f"column {place!r}",)
    return HostileLog(log_id, "csv", _csv(header, body), kind, value, place, labels)


def _xes(traces: list[tuple[dict[str, str], list[dict[str, str]]]]) -> str:
    def attr(key: str, value: str) -> str:
        tag = "date" if key == "time:timestamp" else "string"
        return f"<{tag} key={quoteattr(key)} value={quoteattr(value)}/>"

    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<log xes.version="1.0">']
    for trace_attrs, events in traces:
        lines.append(" <trace>" + "".join(attr(k, v) for k, v in trace_attrs.items()))
        lines.extend("  <event>" + "".join(attr(k, v) for k, v in event.items()) + "</event>" for event in events)
        lines.append(" </trace>")
    lines.append("</log>")
    return "\n".join(lines) + "\n"


def _plant_xes(rng: random.Random, value: str, place: str, kind: str, log_id: str) -> HostileLog:
    rows = _base_rows(rng)
    traces: list[tuple[dict[str, str], list[dict[str, str]]]] = []
    for i in range(0, len(rows), 3):
        events = [{"concept:name": r["activity"], "time:timestamp": r["timestamp"].replace(" ", "T") + "+01:00",
                   "org:resource": r["organisation"]} for r in rows[i:i + 3]]
        traces.append(({"concept:name": rows[i]["case_id"]}, events))
    trace_attrs, events = traces[rng.randrange(len(traces))]
    event = events[rng.randrange(len(events))]
    canonical = {"concept:name": "activity", "time:timestamp": "timestamp", "org:resource": "organisation"}
    if place == "key":
        event[value] = "x"
        labels: tuple[str, ...] = ("key of XES attribute",)
    elif place == "column-name":
        event[value] = "onbekend"
        labels = (f"XES attribute {value!r}", "XES attribute")
    elif place == "trace:extra":
        trace_attrs["notitie"] = value
        labels = ("XES attribute 'notitie'",)
    elif place == "event:extra":
        event["opmerking"] = value
        labels = ("XES attribute 'opmerking'",)
    elif place == "trace:concept:name":
        trace_attrs["concept:name"] = value
        labels = ("column 'case_id'", "XES attribute 'concept:name'")
    else:
        key = place.split(":", 1)[1]
        event[key] = value
        labels = (f"column {canonical[key]!r}", f"XES attribute {key!r}")
    return HostileLog(log_id, "xes", _xes(traces), kind, value, place, labels)


def hostile_logs(seed: int = 12) -> list[HostileLog]:
    """Every hostile log of the corpus, the same for the same seed."""
    rng = random.Random(seed)
    spellings = _spellings(rng)
    spellings["person-name"] = _PERSON_NAMES
    spellings["address"] = _ADDRESSES
    logs: list[HostileLog] = []
    csv_places = [p for p in _CSV_PLACES if p != "opmerking"]
    for k, (kind, values) in enumerate(spellings.items()):
        n_csv = n_xes = k
        for j, value in enumerate(values):
            # Each spelling twice: in the free-text column, and in a place that cycles through all
            # (every third one in XES).
            logs.append(_plant_csv(rng, value, "opmerking", kind, f"{kind}-{j}-csv-opmerking"))
            if j % 3 == 2:
                place = _XES_PLACES[n_xes % len(_XES_PLACES)]
                n_xes += 1
                logs.append(_plant_xes(rng, value, place, kind, f"{kind}-{j}-xes-{place}"))
            else:
                place = csv_places[n_csv % len(csv_places)]
                n_csv += 1
                logs.append(_plant_csv(rng, value, place, kind, f"{kind}-{j}-csv-{place}"))
    for j, name in enumerate(_IDENTIFYING_COLUMNS):
        if j % 4 == 3:
            logs.append(_plant_xes(rng, name, "column-name", "identifying-column", f"identifying-column-{j}-xes"))
        else:
            logs.append(_plant_csv(rng, name, "column-name", "identifying-column", f"identifying-column-{j}-csv"))
    return logs


def clean_logs(seed: int = 12) -> list[CleanLog]:
    """Logs without identifiers: realistic names of activities and organisations, many formats."""
    rng = random.Random(seed + 1)
    formats: list[Callable[[tuple[int, int], int, int], str]] = [
        lambda d, h, m: f"2024-{d[1]:02d}-{d[0]:02d} {h:02d}:{m:02d}:00",
        lambda d, h, m: f"{d[0]:02d}-{d[1]:02d}-2024 {h:02d}:{m:02d}",
        lambda d, h, m: f"{d[0]:02d}-{d[1]:02d}-2024 {h:02d}.{m:02d}",
        lambda d, h, m: f"{d[0]:02d}/{d[1]:02d}/2024",
        lambda d, h, m: f"2024-{d[1]:02d}-{d[0]:02d}",
        lambda d, h, m: f"2024-{d[1]:02d}-{d[0]:02d}T{h:02d}:{m:02d}:00+01:00",
        lambda d, h, m: f"2024-{d[1]:02d}-{d[0]:02d} {h:02d}:{m:02d}:00.123456",
        lambda d, h, m: f"2024{d[1]:02d}{d[0]:02d}",
    ]
    ids: list[Callable[[int], str]] = [
        lambda i: f"SYN{i:08d}",
        lambda i: f"VT-2024-{i:06d}",
        lambda i: f"{rng.getrandbits(64):016x}",
        lambda i: (f"{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}-4{rng.getrandbits(12):03x}-"
                   f"a{rng.getrandbits(12):03x}-{rng.getrandbits(48):012x}"),
        lambda i: f"ZK{i:05d}",
        lambda i: str(i),
    ]
    logs: list[CleanLog] = []
    extras = list(_CLEAN_EXTRA)
    for n in range(40):
        fmt = formats[n % len(formats)]
        make_id = ids[n % len(ids)]
        extra = extras[n % len(extras)]
        header = ["case_id", "timestamp", "activity", "organisation", extra]
        body = []
        for r in range(30):
            day = (rng.randint(1, 28), rng.randint(1, 12))
            body.append([make_id(rng.randint(1, 5000)), fmt(day, rng.randint(7, 18), rng.randint(0, 59)),
                         ACTIVITIES[(n * 30 + r) % len(ACTIVITIES)], ORGANISATIONS[(n * 7 + r) % len(ORGANISATIONS)],
                         rng.choice(_CLEAN_EXTRA[extra])])
        logs.append(CleanLog(f"clean-{n}-csv", "csv", _csv(header, body)))
    for n in range(8):
        traces = []
        for t in range(4):
            events = [{"concept:name": ACTIVITIES[(n * 16 + t * 4 + e) % len(ACTIVITIES)],
                       "time:timestamp": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00+01:00",
                       "org:resource": ORGANISATIONS[(n + e) % len(ORGANISATIONS)],
                       "lifecycle:transition": "complete", "kanaal": rng.choice(_CLEAN_EXTRA["kanaal"])}
                      for e in range(4)]
            traces.append(({"concept:name": f"SYN{n:04d}{t:04d}", "variant": f"variant {t + 1}"}, events))
        logs.append(CleanLog(f"clean-{n}-xes", "xes", _xes(traces)))
    return logs
