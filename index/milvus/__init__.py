"""The Milvus backend (Milvus Lite file or a cluster): the same search as the local one, on Milvus.

Imports the shared `index` modules and `ingest.models`; `pymilvus` only when used.
"""
