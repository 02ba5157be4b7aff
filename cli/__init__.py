"""The ``ketenkaart`` command line: thin click commands over the library."""
