"""CP-SAT plumbing shared by every search: the package model and one solve under a time budget.

Every search in the engine is a sequence of small *linear* CP-SAT problems over the same variables
(one Boolean per allowed option, exactly one per issue), so the pieces live here once:

* ``PackageModel`` builds the variables, the one-option-per-issue rule, the parties' hard limits
  and reservations (each of which can be relaxed for the no-agreement advice), and exposes every
  party's integer utility as a linear expression.
* ``Session`` runs solves against one overall time budget, always with a time limit and
  ``num_workers`` set, and turns every CP-SAT status into one of three outcomes: a proven optimum,
  a best-effort solution (time limit hit after a solution), or "no package" (infeasible). A model
  CP-SAT calls invalid, or a time limit hit before any solution, raises ``SolverFailure``.

The budget is tracked with the solver's own wall-time report, so the core never reads a clock.

Determinism: parallel CP-SAT may return any of several optimal solutions depending on thread
timing (and its deterministic ``interleave_search`` mode aborted the process on some of our models
in OR-Tools 9.15). So every *final* objective is made tie-free instead: ``tie_broken`` multiplies
it by a factor and adds a fixed pseudo-random weight per option, so that equal-valued packages are
ordered the same way on every run and the optimum is (almost surely) unique.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from negotiation.errors import SolverFailure
from negotiation.scaled import Choice, ScaledCase

MIN_SOLVE_SECONDS = 0.005
MAX_EDGE_RETRIES = 50
TIE_WEIGHTS = 251
SMALL_MODEL_VARIABLES = 400
"""Models with at most this many option variables are solved by one CP-SAT worker."""
"""A solve started after the budget is spent still gets this long (it may prove infeasibility)."""


class PackageModel:
    """Acceptable packages of a case as a CP-SAT model, with optional constraints added on top."""

    def __init__(
        self,
        scaled: ScaledCase,
        *,
        relax_reservation: Iterable[int] = (),
        relax_limits: Iterable[int] = (),
    ) -> None:
        self.scaled = scaled
        self.model = cp_model.CpModel()
        relaxed_limits = tuple(relax_limits)
        self.options: list[dict[int, cp_model.IntVar]] = []
        for i in range(scaled.issues):
            allowed = scaled.allowed(i, relaxed_limits)
            variables = {o: self.model.new_bool_var(f"x{i}_{o}") for o in allowed}
            self.model.add_exactly_one(variables.values())
            self.options.append(variables)
        self.utility = [self.party_expr(scaled.coef[p]) for p in range(scaled.parties)]
        skip = frozenset(relax_reservation)
        self.relaxed_reservations = skip
        for p, threshold in enumerate(scaled.reservation):
            if threshold is not None and p not in skip:
                self.model.add(self.utility[p] >= threshold)

    def party_expr(self, row: Sequence[Sequence[int]]) -> cp_model.LinearExpr:
        """Linear expression of a per-issue, per-option integer table (e.g. one party's coef)."""
        variables: list[cp_model.IntVar] = []
        coefficients: list[int] = []
        for i, options in enumerate(self.options):
            for o, var in options.items():
                if row[i][o]:
                    variables.append(var)
                    coefficients.append(row[i][o])
        return cp_model.LinearExpr.weighted_sum(variables, coefficients)

    def tie_broken(self, objective: cp_model.LinearExpr) -> cp_model.LinearExpr:
        """``objective * factor + small fixed per-option weights``: same optimum, no ties."""
        variables: list[cp_model.IntVar] = []
        weights: list[int] = []
        for i, options in enumerate(self.options):
            for o, var in options.items():
                variables.append(var)
                weights.append(option_weight(i, o))
        return objective * tie_factor(len(self.options)) + cp_model.LinearExpr.weighted_sum(
            variables, weights
        )

    def gain(self, party: int) -> cp_model.LinearExpr:
        return self.utility[party] - self.scaled.worst[party]

    def total(self) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.sum(self.utility)

    def forbid(self, choice: Choice) -> None:
        """Exclude exactly this package (a no-good cut)."""
        literals = [self.options[i][o] for i, o in enumerate(choice) if o in self.options[i]]
        if len(literals) == len(choice):
            self.model.add_bool_or([~lit for lit in literals])

    def hint(self, choice: Choice) -> None:
        for i, o in enumerate(choice):
            for option, var in self.options[i].items():
                self.model.add_hint(var, option == o)

    def choice(self, solver: cp_model.CpSolver) -> Choice:
        return tuple(
            next(o for o, var in options.items() if solver.boolean_value(var))
            for options in self.options
        )


class TimeLimitReached(SolverFailure):
    """The budget ran out before a solve found anything; refinement loops stop on it."""


def option_weight(issue: int, option: int) -> int:
    """A fixed pseudo-random weight in [0, TIE_WEIGHTS) (the same on every run and platform).

    ``negotiation.selection`` breaks ties with the same weights, so every method agrees."""
    return (issue * 7919 + option * 104729 + issue * option * 31) % TIE_WEIGHTS


def tie_factor(issues: int) -> int:
    """What ``tie_broken`` multiplies an objective by: larger than any package's tie weight."""
    return TIE_WEIGHTS * issues + 1


@dataclass
class Solution:
    choice: Choice
    optimal: bool


@dataclass
class Session:
    """Solves under one overall budget; remembers whether any answer is only best-effort."""

    time_limit_s: float
    num_workers: int
    spent_s: float = 0.0
    solves: int = 0
    exhaustive: bool = True
    """False once a time limit has cut some search short (results are then best-effort)."""
    log: list[str] = field(default_factory=list)

    @property
    def remaining_s(self) -> float:
        return self.time_limit_s - self.spent_s

    def _workers(self, package_model: PackageModel) -> int:
        """One worker for small models: measured 2-3x faster than a 2-worker portfolio there
        (portfolio start-up dominates), and it leaves the other core to a concurrent case."""
        size = sum(len(options) for options in package_model.options)
        return 1 if size <= SMALL_MODEL_VARIABLES else self.num_workers

    def maximize(
        self,
        package_model: PackageModel,
        objective: cp_model.LinearExpr,
        *,
        canonical: bool = True,
    ) -> Solution | None:
        """Maximise; ``canonical`` breaks ties deterministically (objective below 2**30 only)."""
        if canonical:
            objective = package_model.tie_broken(objective)
        package_model.model.maximize(objective)
        return self.solve(package_model)

    def solve(self, package_model: PackageModel) -> Solution | None:
        """Solve; None when infeasible. Raises ``SolverFailure`` when no answer is known.

        In rounded mode a solution may sit a hair below someone's walk-away in real arithmetic
        (``negotiation.scaled``); it is cut off and the model solved again.
        """
        scaled = package_model.scaled
        for _ in range(MAX_EDGE_RETRIES):
            solution = self._solve_once(package_model)
            if (
                solution is None
                or scaled.exact
                or scaled.accepts(solution.choice, package_model.relaxed_reservations)
            ):
                return solution
            package_model.forbid(solution.choice)
        raise SolverFailure("too many packages on the edge of a walk-away to decide in time")

    def _solve_once(self, package_model: PackageModel) -> Solution | None:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(self.remaining_s, MIN_SOLVE_SECONDS)
        solver.parameters.num_workers = self._workers(package_model)
        # OR-Tools 9.15's constraint-inclusion presolve wrongly proved some of our cut models
        # infeasible (tests/negotiation/test_optimizer.py::test_presolve_regression); our models
        # are small, so we switch that one presolve step off rather than lose exactness.
        solver.parameters.presolve_inclusion_work_limit = 0
        status = solver.solve(package_model.model)
        self.spent_s += solver.wall_time
        self.solves += 1
        if status == cp_model.OPTIMAL:
            return Solution(package_model.choice(solver), optimal=True)
        if status == cp_model.FEASIBLE:
            self.exhaustive = False
            return Solution(package_model.choice(solver), optimal=False)
        if status == cp_model.INFEASIBLE:
            return None
        if status == cp_model.UNKNOWN:
            self.exhaustive = False
            raise TimeLimitReached("the time limit was reached before any package was found")
        raise SolverFailure(f"the solver rejected the model ({solver.status_name(status)})")
