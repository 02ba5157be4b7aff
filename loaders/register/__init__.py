"""The Doorbraakteam register: storage, accounts, audit trail, retention and interchange (see docs/register.md).

The repository (:mod:`loaders.register.repository`) is the one place that
builds SQL; the queries over what it returns live in :mod:`queries.register`.
"""
