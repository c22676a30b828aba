"""What an account is for, in one place: every module that branches on ``User.role`` reads it here.

- ``party``: a person or company in a dispute; everyone who signs up is one;
- ``mediator``: may be registered with a conciliation centre and assigned its cases
  (``odr.centre``);
- ``clerk``: centre staff who mediates nothing; may administer a centre it is made admin of;
- ``admin``: a platform administrator: registers centres and sees every centre's cases.

Staff accounts (the last three) are made with ``odr create-user``, never by signing up. The
database stores the value (``"party"``, …), so a ``Role`` compares equal to what is read back.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Role(StrEnum):
    PARTY = "party"
    MEDIATOR = "mediator"
    CLERK = "clerk"
    ADMIN = "admin"


#: A conciliation centre's people: they may open the centre's dashboard and its live feed.
STAFF: Final = (Role.MEDIATOR, Role.ADMIN, Role.CLERK)
