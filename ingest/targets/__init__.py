"""Target records: indicator, place, value, unit, comparator, year and kind, from prose and tables.

Imports `ingest.read` and `ingest.recognise`; nothing from `index` or `api`.
"""
