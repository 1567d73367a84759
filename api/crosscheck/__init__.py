"""Cross-checking targets: conflicting values, sums that do not add up, names written two ways, unmet goals.

Imports `ingest` and `index.store`; no FastAPI.
"""
