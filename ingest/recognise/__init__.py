"""Recognisers shared by the record readers: quantities, places, plan periods, units, deadlines, indicators.

Each knows one kind of phrase in Chinese and English; imports only `ingest.models`, `ingest.errors`, `ingest.settings`.
"""
