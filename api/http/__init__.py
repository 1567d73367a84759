"""The HTTP edge: the FastAPI app, routes, schemas, limits and the web page.

The only package that imports FastAPI; it composes `api.answer`, `api.crosscheck` and `api.records`.
"""
