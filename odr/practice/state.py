"""A rehearsal's whole state, sealed, kept by the browser: the server stores nothing of it.

A rehearsal (``negotiation.practice_robot``) needs its sandbox (issues, the robot's drawn
preferences, the party's) and the offers so far between two requests. Keeping them in the
database would store what a person tried out, which the feature promises not to; keeping them in
the process would tie a rehearsal to one instance. So each answer carries the state, and the next
request brings it back:

- **sealed**, AES-256-GCM under a key derived with HKDF from the deployment's secret key (a
  subkey of its own), so the browser can neither read the robot's preferences (a rehearsal
  whose counterpart's hand can be read teaches nothing) nor change them, the round or the offers;
- **compressed** JSON, option ids by their position, so a state is a few kilobytes;
- **dated**: it opens until ``until`` (``LIFETIME``) and never after; an old tab says so.

It is not bound to the account: whoever holds a state holds only a game against a robot with
drawn preferences and that party's own interests, which it had to be logged in as to start.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from negotiation.model import Issue, NumericRange, Package, PartyPreferences, format_number
from negotiation.practice_sandbox import PARTY, ROBOT, Sandbox

VERSION = "p1."
LIFETIME = timedelta(hours=24)
_INFO = b"kelisim practice sandbox state v1"
_CONTEXT = b"practice"
_NONCE = 12
MAX_STATE_CHARS = 200_000


class Unreadable(Exception):
    """Not a state this deployment sealed (another key, damaged, made up). No part of it is in
    the message."""


class Expired(Exception):
    """A state past its ``until``."""


@dataclass(frozen=True)
class Rehearsal:
    """A rehearsal between two requests: its sandbox, the party's offers and the robot's
    counters (its opening first), whether it is over, and until when it may go on."""

    sandbox: Sandbox
    offers: tuple[Package, ...]
    counters: tuple[Package, ...]
    over: bool
    until: datetime
    case_id: str | None = None


def seal(secret_key: str, rehearsal: Rehearsal) -> str:
    plain = zlib.compress(json.dumps(_to_json(rehearsal), separators=(",", ":")).encode(), 9)
    nonce = os.urandom(_NONCE)
    sealed = _cipher(secret_key).encrypt(nonce, plain, _CONTEXT)
    return VERSION + base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")


def open_state(secret_key: str, text: str, now: datetime) -> Rehearsal:
    """The rehearsal ``seal`` made, or ``Unreadable``; ``Expired`` past its ``until``."""
    if not text.startswith(VERSION) or len(text) > MAX_STATE_CHARS:
        raise Unreadable("not a practice state")
    body = text[len(VERSION) :]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise Unreadable("the practice state is damaged") from None
    if len(raw) <= _NONCE:
        raise Unreadable("the practice state is damaged")
    try:
        plain = _cipher(secret_key).decrypt(raw[:_NONCE], raw[_NONCE:], _CONTEXT)
    except InvalidTag:
        raise Unreadable("the practice state was not made here or was changed") from None
    rehearsal = _from_json(json.loads(zlib.decompress(plain)))
    if now >= rehearsal.until:
        raise Expired("the practice state is too old")
    return rehearsal


def _cipher(secret_key: str) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret_key.encode()
    )
    return AESGCM(key)


# -- JSON: option ids by their position on their issue -------------------------------------------


def _to_json(r: Rehearsal) -> dict[str, Any]:
    s = r.sandbox
    issues = s.issues
    return {
        "issues": [_issue_json(i) for i in issues],
        "you": _prefs_json(s.party, issues),
        "them": _prefs_json(s.robot, issues),
        "stated": s.party_stated,
        "style": s.style,
        "rounds": s.max_rounds,
        "role": s.role,
        "category": s.category,
        "offers": [_package_json(p, issues) for p in r.offers],
        "counters": [_package_json(p, issues) for p in r.counters],
        "over": r.over,
        "until": r.until.isoformat(),
        "case": r.case_id,
    }


def _from_json(data: Mapping[str, Any]) -> Rehearsal:
    issues = tuple(_issue(item) for item in data["issues"])
    sandbox = Sandbox(
        issues=issues,
        party=_prefs(PARTY, data["you"], issues),
        robot=_prefs(ROBOT, data["them"], issues),
        party_stated=bool(data["stated"]),
        style=str(data["style"]),
        max_rounds=int(data["rounds"]),
        role=str(data["role"]),
        category=str(data["category"]),
    )
    return Rehearsal(
        sandbox=sandbox,
        offers=tuple(_package(p, issues) for p in data["offers"]),
        counters=tuple(_package(p, issues) for p in data["counters"]),
        over=bool(data["over"]),
        until=datetime.fromisoformat(data["until"]),
        case_id=data["case"],
    )


def _issue_json(issue: Issue) -> dict[str, Any]:
    if issue.numeric is not None:
        n = issue.numeric
        return {"name": issue.name, "range": [n.minimum, n.maximum, n.step, n.unit]}
    return {"name": issue.name, "options": list(issue.options)}


def _issue(item: Mapping[str, Any]) -> Issue:
    if "range" in item:
        low, high, step, unit = item["range"]
        numeric = NumericRange(low, high, step, unit)
        return Issue(item["name"], tuple(format_number(v) for v in numeric.values()), numeric)
    return Issue(item["name"], tuple(item["options"]))


def _prefs_json(p: PartyPreferences, issues: Sequence[Issue]) -> dict[str, Any]:
    return {
        "w": [p.weights[i.name] for i in issues],
        "u": [[p.utilities[i.name][o] for o in i.options] for i in issues],
        "x": [
            [k for k, o in enumerate(i.options) if o in p.unacceptable.get(i.name, ())]
            for i in issues
        ],
        "r": p.reservation,
    }


def _prefs(name: str, data: Mapping[str, Any], issues: Sequence[Issue]) -> PartyPreferences:
    utilities = {
        i.name: MappingProxyType(dict(zip(i.options, row, strict=True)))
        for i, row in zip(issues, data["u"], strict=True)
    }
    banned = {
        i.name: frozenset(i.options[k] for k in ks)
        for i, ks in zip(issues, data["x"], strict=True)
        if ks
    }
    return PartyPreferences(
        name=name,
        weights=MappingProxyType({i.name: w for i, w in zip(issues, data["w"], strict=True)}),
        utilities=MappingProxyType(utilities),
        reservation=float(data["r"]),
        unacceptable=MappingProxyType(banned),
    )


def _package_json(package: Package, issues: Sequence[Issue]) -> list[int]:
    return [i.options.index(package[i.name]) for i in issues]


def _package(indexes: Sequence[int], issues: Sequence[Issue]) -> dict[str, str]:
    return {i.name: i.options[k] for i, k in zip(issues, indexes, strict=True)}
