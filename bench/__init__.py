"""Benchmarks at ten times a province's volume (``make bench``; not run by CI)."""
