"""Task records: numbered measures with their responsible units, roles and deadlines.

Imports `ingest.read` and `ingest.recognise`; nothing from `index` or `api`.
"""
