"""``odr demo``: a whole case, from opening to a signed settlement, between two simulated parties.

Everything runs through the real service (``run.py``: the app on a loopback port over a
temporary SQLite database); the parties (``party.py``) use the HTTP API and the WebSocket room
exactly as the browser does. One module per mechanism walks its negotiation — ``packages.py``
(offers of packages from the optimizer's proposals), ``bidding.py`` (sealed blind bidding on a
money claim), ``division.py`` (fair division of a family's property) — between the steps they
share (``steps.py``: signing up, opening and joining the case, signing and verifying). The result
(PDF, signed JSON, Akoma Ntoso XML, the platform's public key) is written to a folder. It answers
"show me what it does" in one command, with no setup.
"""

from odr.showcase.party import DemoError
from odr.showcase.run import WALKS, main, run_demo

__all__ = ["WALKS", "DemoError", "main", "run_demo"]
