"""Joint sessions: slots, choices, outcome (#15).

Tables of this feature, registered with ``Base.metadata`` by the import at the end of
``models.py``."""

from __future__ import annotations

from odr.persistence.models import Base

__all__ = ["Base"]
