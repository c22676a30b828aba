"""The example of ``../shared/contracts/case-format.md``: a seller and a buyer over price and
delivery, in the engine's input format (``tests/data/contract_example.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CONTRACT_EXAMPLE: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "contract_example.json").read_text()
)
