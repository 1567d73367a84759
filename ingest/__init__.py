"""Ingestion: a file's bytes -> one `ParsedDocument` (canonical text, blocks, chunks, task and target records).

Pure and at the bottom of the stack: it reads files and imports nothing from `index`, `api` or `eval`.
`models` (plain data types), `errors` (the one exception tree) and `settings` are shared by every layer.
"""
