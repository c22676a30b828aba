"""Prometheus metrics: the instruments (`instruments.py`), where they are fed from, and `/metrics`.

This package imports nothing of `odr` at its top level: `odr/services.py` imports `instruments.py`.
"""
