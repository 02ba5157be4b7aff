"""Readers of chain data: a folder of YAML files, an Excel workbook, a Turtle file.

Each yields a :class:`loaders.records.RecordSet`; :func:`loaders.build.build_model`
validates the records and makes the model.
"""
