"""Indexing and retrieval: the SQLite store, tokenizer, embedders, fusion and the backends behind one interface.

Imports `ingest` (its models and parsed documents), never `api` or `eval`.
"""
