"""Kelisim: the Starlette service (settings, auth, cases, persistence, documents, court API, CLI)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kelisim")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
