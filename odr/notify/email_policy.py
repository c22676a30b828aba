"""The e-mail policy our notices are built with: the standard one, minus a class per header.

CPython's ``HeaderRegistry`` makes a new class for every header it sets or parses
(``type('_' + cls.__name__, (cls, base_class), {})`` in ``__getitem__``): about seven per notice,
each in a reference cycle (a class and its ``__mro__``) that only the cyclic collector frees. The
worker builds its e-mails on the rooms' event loop, so those classes were the bulk of the cyclic
garbage there (``bench/realtime.py --profile`` with ``BENCH_GARBAGE=1``: 5,700 classes in a 20 s
window) and a cost of the collections that pause every room of the process. The same classes,
made once per registry entry, behave the same: they hold no state of their own.
"""

from __future__ import annotations

import email.policy
from email.headerregistry import BaseHeader, HeaderRegistry


class OnceMadeHeaderClasses(HeaderRegistry):
    """``HeaderRegistry`` that makes each specialised header class once, not on every header."""

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[type, type[BaseHeader]] = {}

    def __getitem__(self, name: str) -> type[BaseHeader]:
        kind = self.registry.get(name.lower(), self.default_class)
        made = self._made.get(kind)
        if made is None:  # bounded: one per class in the registry, however many header names
            # Made from ``kind`` and the fixed base class only, so a later ``map_to_type``
            # (another class for a name) needs no forgetting: that class gets its own entry.
            made = self._made[kind] = super().__getitem__(name)
        return made


NOTICE_POLICY = email.policy.default.clone(header_factory=OnceMadeHeaderClasses())
"""``email.policy.default`` (what ``EmailMessage()`` uses), with the header classes made once."""
