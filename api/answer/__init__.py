"""Answering: a question -> a grounded answer with citations, from records where one matches, else sentences.

Imports `ingest` and `index`; no FastAPI.
"""
