"""SHACL shapes of the ketenkaart RDF projection (data files only)."""
