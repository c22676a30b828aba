"""argon2id hashing on a bounded thread pool, so logins never block the event loop.

argon2 releases the GIL while hashing, so ``hash_workers`` threads use that many cores at most and
every other request keeps being served while logins are in flight.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from odr.settings import Settings


class PasswordHasherPool:
    def __init__(self, settings: Settings) -> None:
        self._hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
            hash_len=32,
            salt_len=16,
            type=Type.ID,
        )
        self._pool = ThreadPoolExecutor(settings.hash_workers, thread_name_prefix="argon2")
        # Verified when the e-mail is unknown, so a miss costs as much time as a wrong password.
        self._dummy_hash = self._hasher.hash("kelisim-timing-equaliser")

    async def hash(self, password: str) -> str:
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, self._hasher.hash, password
        )

    async def verify(self, stored_hash: str | None, password: str) -> bool:
        """True when ``password`` matches; a missing or corrupt hash is simply a mismatch."""
        target = stored_hash or self._dummy_hash
        ok = await asyncio.get_running_loop().run_in_executor(
            self._pool, self._verify_sync, target, password
        )
        return ok and stored_hash is not None

    def needs_rehash(self, stored_hash: str) -> bool:
        """True when the hash was made with other parameters than the current settings."""
        try:
            return self._hasher.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return True

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _verify_sync(self, stored_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
