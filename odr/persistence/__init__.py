"""Persistence: SQLAlchemy 2 async engine, models and schema migrations (SQLite or PostgreSQL)."""
