"""Who a room socket acts for: the three things the room needs of the account.

Why not the ORM ``User``: a socket keeps what it was given for as long as it is open, and a
``User`` row (with its ``AuthSession``, its instance state and identity map entries) is about
2.5 KiB per idle socket (bench/realtime.py --memory). The account can change meanwhile (a new
display name, a role); the socket shows what was true when it opened, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Actor(Protocol):
    """What the room's commands read of whoever acts: a ``Member`` or a ``User`` row."""

    @property
    def id(self) -> str: ...

    @property
    def display_name(self) -> str: ...

    @property
    def role(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    display_name: str
    role: str

    @classmethod
    def of(cls, user: Actor) -> Member:
        return cls(str(user.id), str(user.display_name), str(user.role))
