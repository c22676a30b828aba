"""Dividing indivisible items with maximum Nash welfare (MNW), checked envy-free up to one item.

Why MNW: for additive valuations the allocation maximising the product of the parties' utilities
is envy-free up to one item (EF1) and Pareto-optimal at once (Caragiannis, Kurokawa, Moulin,
Procaccia, Shah & Wang, "The Unreasonable Fairness of Maximum Nash Welfare", 2016/2019), and it
does not depend on how each party scales its points. When some parties must get zero whatever we
do (they only value items others value too), the product is zero for every allocation; following
the same paper we first maximise the *number* of parties with positive utility, then the product
over those parties.

Two parties: the exact Pareto frontier of their utilities, item by item
(``negotiation.division_frontier``): proven optimal in well under a millisecond.

More parties, model (OR-Tools CP-SAT): a boolean per (party, item), each item to exactly one party;
utility ``u_p`` is an integer (points). When every party can get something at once (a matching
gives each party an item it values: ``_all_can_be_positive``), ``u_p >= 1`` and ``log u_p`` is
bounded by the chords of the log curve between consecutive integers (``_add_log_chords``): exact at
the integer utilities the model can take, and a concave bound the solver's LP relaxation can use,
which is what makes proving optimality quick (measured on 15 items among 6 parties: about 3× faster
than the lookup table alone). Otherwise ``log u_p`` comes from an exact lookup table and the
objective ``BIG · #{u_p > 0} + Σ log u_p`` makes the count lexicographically first. Logs are
scaled to integers; a greedy + local-search allocation is given as a hint (``_local_optimum``):
CP-SAT then mostly has to prove it, or a neighbour, optimal. Scaled logs are rounded, so two
products within a relative ~1e-8 could be misordered; the result is then checked with exact
integer arithmetic and, if it is not EF1 (which an exact MNW allocation always is), repaired by
the item moves of the EF1 proof, each of which strictly raises the exact product.
A time limit and ``num_workers`` are always set; one worker with a fixed seed is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from ortools.sat.python import cp_model

from negotiation.division_frontier import two_party_mnw
from negotiation.division_items import POINTS_TOTAL, Allocation, DivisionCase, is_ef1
from negotiation.division_items import envy_up_to_one_item as _violations
from negotiation.errors import SolverFailure

LOG_SCALE = 10**9


@dataclass(frozen=True)
class MnwResult:
    allocation: Allocation
    utilities: Mapping[str, int]
    """Each party's points for its own bundle."""
    optimal: bool
    """False when the time limit stopped the solver first (the result is still EF1)."""


def max_nash_welfare(
    case: DivisionCase, *, time_limit_s: float = 10.0, num_workers: int = 1
) -> MnwResult:
    """An MNW allocation of ``case``'s indivisible items (EF1 guaranteed; see module docstring)."""
    if len(case.parties) == 2:
        allocation, optimal = dict(two_party_mnw(case)), True
    else:
        allocation, optimal = _solve(case, time_limit_s=time_limit_s, num_workers=num_workers)
    allocation = repair_ef1(case, allocation)
    return MnwResult(
        allocation=MappingProxyType(allocation),
        utilities=MappingProxyType({p: case.value(p, allocation[p]) for p in case.parties}),
        optimal=optimal,
    )


LOG_TABLE = [0] + [round(math.log(k) * LOG_SCALE) for k in range(1, POINTS_TOTAL + 1)]
"""``LOG_TABLE[k]`` = log k scaled to an integer (0 for k = 0, which only the count rewards)."""


def _solve(
    case: DivisionCase, *, time_limit_s: float, num_workers: int
) -> tuple[dict[str, tuple[str, ...]], bool]:
    """CP-SAT's MNW allocation and whether it was proven optimal."""
    # --- Model and variables
    parties, items = case.parties, case.items
    all_positive = _all_can_be_positive(case)
    model = cp_model.CpModel()
    take = {(p, i): model.new_bool_var(f"take[{p},{i}]") for p in parties for i in items}
    least = 1 if all_positive else 0
    utility = {p: model.new_int_var(least, POINTS_TOTAL, f"u[{p}]") for p in parties}
    log_u = {p: model.new_int_var(0, LOG_TABLE[-1], f"log[{p}]") for p in parties}

    # --- Constraints
    for i in items:
        model.add_exactly_one(take[p, i] for p in parties)
    for p in parties:
        model.add(utility[p] == sum(case.points[p][i] * take[p, i] for i in items))
    if all_positive:
        for p in parties:
            _add_log_chords(model, utility[p], log_u[p])
        objective: cp_model.LinearExprT = sum(log_u.values())
    else:
        positive = {p: model.new_bool_var(f"positive[{p}]") for p in parties}
        for p in parties:
            model.add_element(utility[p], LOG_TABLE, log_u[p])
            model.add(utility[p] >= 1).only_enforce_if(positive[p])
        big = len(parties) * LOG_TABLE[-1] + 1
        # Most parties with positive utility first, then the product (as a log sum)
        objective = big * sum(positive.values()) + sum(log_u.values())

    # --- A good first allocation: CP-SAT then mostly has to prove it (or a neighbour) optimal
    for i, owner in _local_optimum(case).items():
        for p in parties:
            model.add_hint(take[p, i], p == owner)

    # --- Objective and solve
    model.maximize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = num_workers
    solver.parameters.random_seed = 0
    # No presolve: on these small models it only rewrites the log chords, and since OR-Tools
    # 9.15 the rewritten model lost the hint and left one worker searching until the time limit
    # on cases as small as 3 parties and 4 items, with a worse allocation than the hint's.
    # Without it every case of tests/negotiation/test_fair_division.py's 300 tiny ones is proven
    # optimal and the shapes of bench/division.py solve 2-5x faster.
    solver.parameters.cp_model_presolve = False
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise SolverFailure(f"no allocation found (status {solver.status_name(status)})")
    allocation = {p: tuple(i for i in items if solver.value(take[p, i])) for p in parties}
    if status != cp_model.OPTIMAL:  # out of time: never worse than the hint it started from
        hinted = _bundles(case, _local_optimum(case))
        if nash_key(case, hinted) > nash_key(case, allocation):
            allocation = hinted
    return allocation, status == cp_model.OPTIMAL


def _bundles(case: DivisionCase, owner: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Item → party as party → its items (in the case's order)."""
    return {p: tuple(i for i in case.items if owner[i] == p) for p in case.parties}


def _add_log_chords(
    model: cp_model.CpModel, utility: cp_model.IntVar, log_u: cp_model.IntVar
) -> None:
    """``log_u <= `` each chord of the scaled log curve between k and k + 1 (k = 1 … 99).

    At an integer utility ``u`` the lowest chord passes through ``LOG_TABLE[u]`` (the scaled logs
    stay concave after rounding: their second differences are at least 1e5 in size, rounding moves
    each by at most 0.5), so maximising makes ``log_u`` exactly ``LOG_TABLE[u]``.
    """
    for k in range(1, POINTS_TOTAL):
        slope = LOG_TABLE[k + 1] - LOG_TABLE[k]
        model.add(log_u <= LOG_TABLE[k] + slope * (utility - k))


def _all_can_be_positive(case: DivisionCase) -> bool:
    """Whether some allocation gives every party an item it values: a matching of parties to
    items they give points to (Kuhn's augmenting paths; small for 10 parties × 50 items)."""
    holder: dict[str, str] = {}  # item → the party matched to it

    def place(party: str, seen: set[str]) -> bool:
        for item in case.items:
            if case.points[party][item] > 0 and item not in seen:
                seen.add(item)
                if item not in holder or place(holder[item], seen):
                    holder[item] = party
                    return True
        return False

    return all(place(party, set()) for party in case.parties)


def _local_optimum(case: DivisionCase) -> dict[str, str]:
    """Item → party: greedy (each item, most valued first, to the party whose utility it raises
    most in proportion), then single-item moves while one raises ``nash_key``. A solver hint only:
    measured on 15 items among 6 parties, it cut the slowest of 10 solves from ~1 s to ~0.2 s."""
    owner: dict[str, str] = {}
    utility = dict.fromkeys(case.parties, 0)
    ranked = sorted(case.items, key=lambda i: -max(case.points[p][i] for p in case.parties))
    for item in ranked:
        best = max(
            case.parties,
            key=lambda p: (
                Fraction(utility[p] + case.points[p][item], max(utility[p], 1)),
                case.points[p][item],
            ),
        )
        owner[item] = best
        utility[best] += case.points[best][item]
    for _ in range(len(case.items) * len(case.parties) * POINTS_TOTAL):
        move = _improving_move(case, owner, utility)
        if move is None:
            break
        item, party = move
        utility[owner[item]] -= case.points[owner[item]][item]
        utility[party] += case.points[party][item]
        owner[item] = party
    return owner


def _improving_move(
    case: DivisionCase, owner: Mapping[str, str], utility: Mapping[str, int]
) -> tuple[str, str] | None:
    current = _key(utility.values())
    for item in case.items:
        for party in case.parties:
            if party == owner[item]:
                continue
            moved = dict(utility)
            moved[owner[item]] -= case.points[owner[item]][item]
            moved[party] += case.points[party][item]
            if _key(moved.values()) > current:
                return item, party
    return None


def _key(values: Iterable[int]) -> tuple[int, int]:
    positive = [v for v in values if v > 0]
    return len(positive), math.prod(positive)


def nash_key(case: DivisionCase, allocation: Allocation) -> tuple[int, int]:
    """Exact MNW order: (number of parties with positive utility, product over those parties)."""
    values = [case.value(p, allocation[p]) for p in case.parties]
    positive = [v for v in values if v > 0]
    return len(positive), math.prod(positive)


def repair_ef1(
    case: DivisionCase, allocation: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """Move items along the EF1 proof of Caragiannis et al. until no EF1 envy remains.

    For an envious ``i`` and envied ``k``, the item ``g`` of ``k``'s bundle that ``i`` values
    positively with the smallest ratio ``v_k(g) / v_i(g)`` moves to ``i``; each move raises
    ``nash_key`` strictly, so the loop ends. A no-op on an exact MNW allocation.
    """
    bundles = {p: list(allocation[p]) for p in case.parties}
    for _ in range(len(case.items) * len(case.parties) * POINTS_TOTAL):
        violations = _violations(case, {p: tuple(b) for p, b in bundles.items()})
        if not violations:
            break
        envious, envied = violations[0]
        candidates = [g for g in bundles[envied] if case.points[envious][g] > 0]
        item = min(
            candidates,
            key=lambda g: (Fraction(case.points[envied][g], case.points[envious][g]), g),
        )
        bundles[envied].remove(item)
        bundles[envious].append(item)
    order = {item: n for n, item in enumerate(case.items)}
    result = {p: tuple(sorted(b, key=order.__getitem__)) for p, b in bundles.items()}
    if not is_ef1(case, result):  # unreachable by the proof; fail loudly rather than mislead
        raise SolverFailure("the allocation could not be made envy-free up to one item")
    return result
