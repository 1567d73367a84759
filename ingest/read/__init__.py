"""Reading a document: loaders (PDF, DOCX, HTML, text) -> cleaned canonical text -> blocks -> chunks.

Imports only `ingest.models` and `ingest.errors`.
"""
