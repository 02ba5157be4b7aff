"""The built-in data shipped with the package (found with :mod:`importlib.resources`)."""
