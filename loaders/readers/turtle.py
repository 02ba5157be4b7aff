"""Read a chain from Turtle into canonical records.

Reads Turtle as :func:`graph.rdf.to_rdf` writes it, and hand-written Turtle
that follows ``docs/linked-data.md``. Each element becomes one
:class:`loaders.records.Record` in the form of ``docs/data-format.md``
(``from``/``to`` for hand-offs, nested ``norm``/``failure_modes``/``durations``
dicts, lists for sources and other references), located as
``"{file}#<subject IRI>"``. Which predicate holds which field is not said
here: the reader walks :mod:`graph.rdf_mapping`, the mapping the writer
(:func:`graph.rdf.to_rdf`) walks too. Nothing is validated here beyond
reading: syntax errors, bytes that are not UTF-8, escapes that are not
Unicode characters, rdflib's warnings and values that cannot be read become
problems in the returned :class:`~loaders.records.RecordSet` (no rdflib
traceback or log line gets out); ``loaders.build.build_model`` validates and
builds.

An element's id is the last segment of its IRI (after the last ``/`` or
``#``); a reference to an IRI no element has is kept as that id, so the
builder reports it as unknown, naming the referring subject.

Examples
--------
>>> import tempfile, pathlib
>>> ttl = '''
... @prefix kk: <https://w3id.org/ketenkaart/def#> .
... @prefix dct: <http://purl.org/dc/terms/> .
... @prefix skind: <https://w3id.org/ketenkaart/def/source-kind#> .
... <https://w3id.org/ketenkaart/id/demo> a kk:Chain ; kk:region "demo" .
... <https://w3id.org/ketenkaart/id/demo/brief> a kk:Source ;
...     dct:type skind:seed ; dct:title "Brief" .
... '''
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "demo.ttl"
...     _ = path.write_text(ttl, encoding="utf-8")
...     rs = read_turtle(path)
>>> rs.region, [(r.kind, r.data) for r in rs.records]
('demo', [('sources', {'id': 'brief', 'kind': 'seed', 'title': 'Brief'})])
>>> rs.records[0].location.endswith("demo.ttl#<https://w3id.org/ketenkaart/id/demo/brief>")
True
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import rdflib
from rdflib import Graph

from graph.errors import Problem
from graph.rdf_mapping import CHAIN, ELEMENTS, GraphReader, printable
from loaders.records import Record, RecordSet

__all__ = ["read_turtle", "read_turtle_graph"]

# Region of a record set whose chain node could not be read. A problem always
# accompanies it, so it never reaches a model; it keeps the builder from adding
# a second, misleading message about region.yaml.
_UNREAD = "(unread)"

# rdflib reports an ill-typed literal ("2018-13-45"^^xsd:date, "yes"^^xsd:boolean)
# with a log line and a traceback, or a warning, while parsing. The reader reads
# such a literal as its text, which the builder then rejects naming subject and
# field, so these notes are dropped rather than reported twice.
_ILL_TYPED_NOTES = ("Failed to convert Literal lexical form", "Parsing weird boolean")

# warnings about the code rather than the file being read
_ABOUT_CODE = (DeprecationWarning, PendingDeprecationWarning, FutureWarning, ImportWarning, ResourceWarning)

# rdflib's logger, its literal normalisation and Python's warning filters are
# process-wide: one parse at a time.
_PARSING = threading.Lock()


def read_turtle(path: Path) -> RecordSet:
    """Read a Turtle file into records.

    Parameters
    ----------
    path : pathlib.Path
        A Turtle file, e.g. written by ``ketenkaart export --format ttl``.

    Returns
    -------
    RecordSet
        One record per element, the region and title of the chain, and the
        problems met while reading (a syntax error, or bytes that are not
        UTF-8, give one problem with its line and no records).
    """
    path = Path(path)
    file = printable(str(path))
    with _PARSING, _rdflib_quiet() as notes:
        graph, problem = _parse(path, file)
    if graph is None:
        return RecordSet(records=[], region=_UNREAD, problems=[problem] if problem else [])
    record_set = read_turtle_graph(graph, str(path))
    noted = [Problem(file, "turtle", f"not valid Turtle: {printable(note)}") for note in notes]
    return replace(record_set, problems=noted + list(record_set.problems))


def _parse(path: Path, file: str) -> tuple[Graph | None, Problem | None]:
    """The parsed graph, or None and the problem that stopped the parser."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except OSError as exc:
        return None, Problem(file, "file", f"cannot read: {exc.strerror or exc}")
    except SyntaxError as exc:  # rdflib's BadSyntax
        line = getattr(exc, "lines", None)
        why = getattr(exc, "_why", None) or str(exc).splitlines()[0]
        location = f"{file}:{line + 1}" if isinstance(line, int) else file
        return None, Problem(location, "turtle", printable(f"syntax error: {why}"))
    except UnicodeDecodeError as exc:
        data = exc.object if isinstance(exc.object, bytes) else b""
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(f"{file}:{line}", "turtle",
                             f"not UTF-8: byte {data[exc.start:exc.start + 1].hex() or '?'} cannot be decoded")
    except Exception as exc:  # noqa: BLE001 -- only graph.parse is inside: rdflib raises plain exceptions for some malformed input
        return None, Problem(file, "turtle", printable(f"cannot parse: {type(exc).__name__}: {exc}"))
    return graph, None


@contextmanager
def _rdflib_quiet() -> Iterator[list[str]]:
    """Collect what rdflib logs or warns into a list instead of printing it,
    and keep literals as written (rdflib would turn ``"yes"^^xsd:boolean``
    into ``"false"`` and a message would then name a value the file does not hold)."""
    notes: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                notes.append(record.getMessage())

    logger = logging.getLogger("rdflib")
    handler, propagate, normalize = Collect(), logger.propagate, rdflib.NORMALIZE_LITERALS
    logger.addHandler(handler)
    logger.propagate = False
    rdflib.NORMALIZE_LITERALS = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield notes
        for warning in caught:
            if issubclass(warning.category, _ABOUT_CODE):  # not about the file: warn as usual
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
            else:
                notes.append(str(warning.message))
    finally:
        rdflib.NORMALIZE_LITERALS = normalize
        logger.removeHandler(handler)
        logger.propagate = propagate
        notes[:] = [note for note in notes if not note.startswith(_ILL_TYPED_NOTES)]


def read_turtle_graph(graph: Graph, file: str) -> RecordSet:
    """Records from an already parsed graph; ``file`` names it in locations.

    >>> from graph.examples import toy_chain
    >>> from graph.rdf import to_rdf
    >>> rs = read_turtle_graph(to_rdf(toy_chain()), "toy.ttl")
    >>> sorted({r.kind for r in rs.records})
    ['handoffs', 'instruments', 'legal_bases', 'observations', 'organisations', 'phases', 'signals', 'sources']
    >>> rs.problems
    []
    """
    reader = GraphReader(graph, file)
    region, title = _chain(reader)
    records: list[Record] = []
    for class_map in ELEMENTS:
        for node in reader.subjects(class_map):
            data, nested = reader.element(class_map, node)
            location = reader.where(node)
            field_locations = dict.fromkeys(data, location)
            field_locations.update(nested)
            records.append(Record(kind=class_map.kind, data=data, location=location, field_locations=field_locations))
    return RecordSet(records=records, region=region or _UNREAD, title=title or "", problems=reader.problems)


def _chain(reader: GraphReader) -> tuple[str | None, str | None]:
    """Region and title from the one ``kk:Chain`` node (a problem otherwise)."""
    chains = reader.subjects(CHAIN)
    if len(chains) != 1:
        reader.problems.append(
            Problem(reader.file, "region", f"expected one kk:Chain node with kk:region, found {len(chains)}")
        )
        return None, None
    data, _nested = reader.element(CHAIN, chains[0])
    if "region" not in data:
        reader.problem(chains[0], "region", "the chain has no kk:region")
    return data.get("region"), data.get("title")
