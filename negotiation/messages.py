"""Language-neutral messages: a key plus parameters, rendered in kk, ru or en by the UI.

The core never writes prose. Explanations (``negotiation.explain``) and no-agreement advice
(``negotiation.agreement_zone``) are lists of ``Message``; the UI owns the wording per language, so
the same result reads correctly in Kazakh, Russian and English and tests can assert on keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Param = str | int | float | tuple[str, ...]


@dataclass(frozen=True)
class Message:
    key: str
    params: Mapping[str, Param] = field(default_factory=lambda: MappingProxyType({}))


def message(key: str, **params: Param) -> Message:
    return Message(key=key, params=MappingProxyType(dict(params)))
