"""Bridges from stored cases to the pure negotiation engine (issues, preferences, proposals)."""
