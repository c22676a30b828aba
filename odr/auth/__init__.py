"""Accounts: password hashing, sessions, CSRF, login throttling and the auth endpoints."""
