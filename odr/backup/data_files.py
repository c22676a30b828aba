"""What a backup needs from the data directory besides the database: the two keys.

- The **secret key** (``ODR_SECRET_KEY``, or the ``secret_key`` file generated on first start):
  throttle keys and device cookies are HMACs under it and sealed notice parameters (reset links)
  are encrypted under it. Without the same key those stop working after a restore.
- The **platform signing key** (``platform-signing-key.pem``): every settlement is signed and
  sealed with it, and the service verifies uploaded documents against it. Without it the restored
  settlements would not verify here (the published public key would still check old PDFs).

A restore never throws a key away: a different key already in the data directory is kept beside
it as ``….replaced-<time>``. When the secret key comes from the environment and differs from the
backup's, the environment wins (settings are read only there); the backup's key is written to
``secret_key.from-backup`` and the restore says to set ``ODR_SECRET_KEY`` to it.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from odr.documents.keys import KEY_FILE, load_public_key_pem
from odr.documents.keys import key_id_of as _key_id_of
from odr.settings import Settings

SECRET_MEMBER = "secret_key"
PLATFORM_MEMBER = "platform-signing-key.pem"
SECRET_FILE = "secret_key"  # odr/settings_env.py's _stored_secret_key


def secret_key_source(settings: Settings) -> str:
    """``file`` when the key in use is the data directory's, else ``environment``."""
    try:
        stored = (settings.data_dir / SECRET_FILE).read_text().strip()
    except OSError:
        return "environment"
    return "file" if stored == settings.secret_key else "environment"


def platform_key_id(pem: bytes) -> str:
    return _key_id_of(load_public_key_pem(pem))


def collect(settings: Settings, into: Path) -> dict[str, Path]:
    """Copy the keys into ``into`` (mode 0600); the members to add to the archive."""
    members = {SECRET_MEMBER: _write_private(into / SECRET_MEMBER, settings.secret_key.encode())}
    platform = settings.data_dir / KEY_FILE
    if platform.exists():  # made when the first settlement is sealed
        members[PLATFORM_MEMBER] = _write_private(into / PLATFORM_MEMBER, platform.read_bytes())
    return members


def restore(settings: Settings, extracted: Path, now: datetime) -> list[str]:
    """Put the backup's keys in the data directory; what was done, one line each."""
    done: list[str] = []
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    secret = (extracted / SECRET_MEMBER).read_text().strip()
    if secret == settings.secret_key:
        done.append("secret key: the same as the backup's")
    elif secret_key_source(settings) == "environment":
        aside = _write_private(settings.data_dir / f"{SECRET_FILE}.from-backup", secret.encode())
        done.append(
            f"WARNING: ODR_SECRET_KEY differs from the backup's secret key; the backup's is in "
            f"{aside}. Set ODR_SECRET_KEY to it on every instance, or pending reset links will "
            "not be sent and trusted devices are forgotten"
        )
    else:
        _replace(settings.data_dir / SECRET_FILE, secret.encode(), stamp)
        done.append("secret key: restored from the backup")
    backed_up = extracted / PLATFORM_MEMBER
    if backed_up.exists():
        pem = backed_up.read_bytes()
        current = settings.data_dir / KEY_FILE
        if current.exists() and current.read_bytes() == pem:
            done.append(f"platform signing key {platform_key_id(pem)}: the same as the backup's")
        else:
            _replace(current, pem, stamp)
            done.append(f"platform signing key {platform_key_id(pem)}: restored from the backup")
    return done


def _replace(path: Path, data: bytes, stamp: str) -> None:
    if path.exists():
        path.rename(path.with_name(f"{path.name}.replaced-{stamp}"))
    _write_private(path, data)


def _write_private(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o600)  # O_CREAT's mode does not apply to a file that existed
    return path
