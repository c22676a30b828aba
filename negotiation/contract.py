"""``solve_contract``: the contract's ``odr solve`` output object, for the CLI and research tools.

Takes the parsed contract JSON, returns exactly the contract's output object (keys ``acceptable``
and ``packages``; each package has ``criterion``, ``choice`` and ``utilities``), labelled packages
first in the order nash, kalai_smorodinsky, utilitarian, then alternatives. This is the
research/operator view: it shows every party's utility, so it must never be sent to a party.
"""

from __future__ import annotations

from negotiation.case_format import parse_case
from negotiation.optimizer import SolverSettings, propose


def solve_contract(
    data: object, *, time_limit_s: float = 10.0, num_workers: int = 2
) -> dict[str, object]:
    """Solve a contract case; raises ``InvalidCase`` (naming the field) on bad input."""
    case = parse_case(data)
    proposals = propose(case, SolverSettings(time_limit_s=time_limit_s, num_workers=num_workers))
    packages: list[object] = [
        {
            "criterion": package.criterion,
            "choice": dict(package.choice),
            "utilities": dict(package.utilities),
        }
        for package in proposals.packages
    ]
    return {"acceptable": proposals.acceptable, "packages": packages}
