"""The backup file: a gzipped tar of the database copy, the data directory's keys and a manifest.

One file, because a backup whose database and keys drift apart cannot verify the settlements it
holds. It holds secrets (the secret key, the platform's private signing key, password hashes), so
it is created with mode 0600 and never replaces an existing file. The manifest names every member
with its SHA-256; a restore checks them all before it touches anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import tarfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FORMAT = "kelisim-backup"
VERSION = 1
MANIFEST = "kelisim-backup.json"


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why and what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write(out: Path, manifest: Mapping[str, Any], members: Mapping[str, Path]) -> None:
    """Write the archive to ``out`` (0600), the manifest first, with each member's checksum.

    Written beside ``out`` under another name and linked into place at the end, so a failure
    leaves no half-written backup under the name a person would trust.
    """
    if out.exists():
        raise BackupError(f"{out} already exists; choose another file name")
    full = {**manifest, "members": {name: sha256_of(path) for name, path in members.items()}}
    data = json.dumps(full, indent=2, ensure_ascii=False).encode()
    partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise BackupError(f"cannot write {out}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
                tar.addfile(info, io.BytesIO(data))
                for name, path in members.items():
                    tar.add(path, arcname=name, recursive=False, filter=_private)
            raw.flush()
            os.fsync(raw.fileno())
        os.link(partial, out)  # fails rather than replace a file that appeared meanwhile
    except FileExistsError:
        raise BackupError(f"{out} already exists; choose another file name") from None
    except OSError as exc:
        raise BackupError(f"cannot write {out}: {exc.strerror}") from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def _private(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    return info


def read(archive: Path, into: Path) -> dict[str, Any]:
    """The manifest of ``archive``, its members extracted into ``into`` and checked."""
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            manifest = _manifest(tar, archive)
            expected: dict[str, str] = manifest["members"]
            for name, checksum in expected.items():
                if "/" in name or name.startswith(".") or name == MANIFEST:
                    raise BackupError(f"{archive}: a member has an unsafe name {name!r}")
                source = tar.extractfile(name)
                if source is None:
                    raise BackupError(f"{archive}: {name} is not a file")
                target = into / name
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with source, os.fdopen(fd, "wb") as handle:
                    while block := source.read(1 << 20):
                        handle.write(block)
                if sha256_of(target) != checksum:
                    raise BackupError(f"{archive}: {name} is damaged (its checksum differs)")
    except KeyError as exc:
        raise BackupError(f"{archive}: {exc.args[0]} is missing from the backup") from None
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"{archive} cannot be read as a Kelisim backup: {exc}") from None
    return manifest


def read_manifest(archive: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            return _manifest(tar, archive)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"{archive} cannot be read as a Kelisim backup: {exc}") from None


def _manifest(tar: tarfile.TarFile, archive: Path) -> dict[str, Any]:
    try:
        handle = tar.extractfile(MANIFEST)
    except KeyError:
        handle = None
    if handle is None:
        raise BackupError(f"{archive} is not a Kelisim backup (no {MANIFEST})")
    try:
        manifest = json.loads(handle.read())
    except ValueError:
        raise BackupError(f"{archive}: {MANIFEST} is not JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not a Kelisim backup")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{archive} is a backup of format {manifest.get('version')}; "
            f"this odr reads format {VERSION}"
        )
    if not isinstance(manifest.get("members"), dict):
        raise BackupError(f"{archive}: {MANIFEST} lists no members")
    return manifest
