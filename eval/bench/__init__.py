"""Benchmarks (not tests): speed and memory figures for the README. Each is `python -m eval.bench.NAME`."""
