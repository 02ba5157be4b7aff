"""Queries over the chain graph: routes, bottlenecks and gaps, explanations,
what-if and as-of views. Pure functions: graph (or backend) in, frozen
dataclasses out; see :mod:`queries.backend` for the backend contract."""
