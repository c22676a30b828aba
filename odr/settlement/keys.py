"""The platform's signing key for this service: created on first use in the data directory.

Every instance of a deployment must use the same key (share ``ODR_DATA_DIR``'s key file, or
mount it), or documents signed by one instance will not verify against the key another
publishes. The key is loaded once per process and kept.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from odr.documents.keys import PlatformKey
from odr.settings import Settings


@lru_cache(maxsize=8)
def _key_in(directory: Path) -> PlatformKey:
    return PlatformKey.in_directory(directory)


def platform_key(settings: Settings) -> PlatformKey:
    return _key_in(settings.data_dir)
