"""The product's surfaces over `index` and `ingest`: answering, cross-checking, record queries, HTTP and CLI.

Imports `ingest` and `index`; never `eval` (the `eval` command is a plugin, see `api/cli.py`).
"""
