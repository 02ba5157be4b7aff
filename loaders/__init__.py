"""Readers of chain data (YAML folder, Excel workbook, Turtle) and case event logs.

Readers yield plain records; one builder (``loaders.build``) validates them
and makes the model. A loader returns a complete valid model or raises
:class:`graph.errors.ChainDataError` listing every problem.
"""
