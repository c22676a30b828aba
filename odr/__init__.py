"""Kelisim: the Starlette service.

Settings, auth, cases, persistence, documents, court API and the CLI live here.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kelisim")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
