"""The chain model and its projections (networkx, RDF, Cypher rows)."""
