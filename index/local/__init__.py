"""The local backend: bm25s + FAISS files in the home, built and published atomically.

Imports the shared `index` modules and `ingest.models`.
"""
