"""The rehearsal robot: plausible preferences, sensible answers, reproducible by seed."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiation.elicitation import build_preferences
from negotiation.elicitation_answers import parse_answers
from negotiation.model import Issue, NumericRange, Package, format_number
from negotiation.practice_debrief import debrief
from negotiation.practice_robot import (
    ACCEPTED,
    COUNTER,
    FINAL,
    WALKED_AWAY,
    answer,
    opening,
    target,
)
from negotiation.practice_sandbox import (
    MAX_POINTS,
    Sandbox,
    case_sandbox,
    coarse,
    template_sandbox,
)
from negotiation.practice_templates import CATEGORIES, TEMPLATES


def worst_for_robot(sandbox: Sandbox) -> dict[str, str]:
    """The package the robot likes least among those within its hard limits."""
    robot = sandbox.robot
    return {
        i.name: min(
            (o for o in i.options if o not in robot.unacceptable.get(i.name, frozenset())),
            key=lambda o: robot.utilities[i.name][o],
        )
        for i in sandbox.issues
    }


def play(sandbox: Sandbox, offers: Sequence[Package]) -> list[tuple[str, Mapping[str, str] | None]]:
    """The robot's replies to ``offers`` in turn (stops at an acceptance or a walk-away)."""
    made: list[Package] = []
    counters: list[Package] = [opening(sandbox)]
    replies = []
    for offer in offers:
        reply = answer(sandbox, made, counters, offer)
        replies.append((reply.kind, reply.package))
        if reply.kind in (ACCEPTED, WALKED_AWAY):
            break
        made.append(offer)
        assert reply.package is not None
        counters.append(reply.package)
    return replies


@pytest.mark.parametrize("category", CATEGORIES)
def test_template_is_plausible(category: str) -> None:
    sandbox = template_sandbox(category, "claimant", seed=7)
    robot, party = sandbox.robot, sandbox.party
    assert sum(robot.weights.values()) == pytest.approx(1.0)
    for issue in sandbox.issues:
        table = robot.utilities[issue.name]
        assert max(table.values()) == pytest.approx(1.0)
        assert all(0.0 <= v <= 1.0 for v in table.values())
    # The sides pull apart on money: what the claimant likes best, the robot likes least.
    for typical in TEMPLATES[category]:
        if typical.numeric is not None:
            mine, theirs = party.utilities[typical.name], robot.utilities[typical.name]
            best_for_me = max(mine, key=lambda o: mine[o])
            assert theirs[best_for_me] == pytest.approx(0.0)
    assert 0.0 < robot.reservation < 1.0
    assert robot.utility(opening(sandbox)) == pytest.approx(1.0)


def test_family_robot_cares_most_about_the_children_schedule() -> None:
    """Over many seeds the other parent weighs the children's schedule highest."""
    top = [
        max(s.robot.weights, key=lambda n: s.robot.weights[n])
        for s in (template_sandbox("family", "claimant", seed) for seed in range(40))
    ]
    assert top.count("children_schedule") >= 30


def test_a_case_label_about_children_weighs_more_in_a_family_case() -> None:
    issues = (Issue("issue1", ("a", "b", "c")), Issue("issue2", ("x", "y", "z")))
    labels = {"issue1": "Балалармен кездесу кестесі", "issue2": "Пәтер"}
    heavier = 0
    for seed in range(30):
        sandbox = case_sandbox(issues, "family", "claimant", seed, labels=labels)
        heavier += sandbox.robot.weights["issue1"] > sandbox.robot.weights["issue2"]
    assert heavier >= 25


def test_same_seed_same_robot_and_replies_other_seed_differs() -> None:
    one, again = (
        template_sandbox("labour", "claimant", 3),
        template_sandbox("labour", "claimant", 3),
    )
    assert one == again
    offers = [worst_for_robot(one)] * 4
    assert play(one, offers) == play(again, offers)
    other = template_sandbox("labour", "claimant", 4)
    assert other.robot != one.robot


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_accepts_a_generous_offer_at_once(category: str, seed: int) -> None:
    sandbox = template_sandbox(category, "respondent", seed)
    assert play(sandbox, [opening(sandbox)]) == [(ACCEPTED, opening(sandbox))]


def test_target_falls_from_best_to_walk_away() -> None:
    sandbox = template_sandbox("consumer", "claimant", 11)
    aims = [target(sandbox, t) for t in range(sandbox.max_rounds + 1)]
    assert aims[0] == pytest.approx(1.0)
    assert aims[-1] == pytest.approx(sandbox.robot.reservation)
    assert all(a >= b for a, b in itertools.pairwise(aims))


def test_a_stubborn_party_meets_counters_then_a_final_offer_then_a_walk_away() -> None:
    sandbox = template_sandbox("commercial", "claimant", 5)
    stubborn = worst_for_robot(sandbox)
    assert sandbox.robot.utility(stubborn) < sandbox.robot.reservation  # nothing it could take
    kinds = [kind for kind, _ in play(sandbox, [stubborn] * (sandbox.max_rounds + 1))]
    assert kinds == [COUNTER] * (sandbox.max_rounds - 1) + [FINAL, WALKED_AWAY]


def test_an_offer_beyond_a_hard_limit_is_refused_and_named() -> None:
    sandbox = template_sandbox("family", "claimant", 2)
    limited = next(i for i in sandbox.issues if sandbox.robot.unacceptable.get(i.name))
    offer = dict(opening(sandbox))
    offer[limited.name] = sorted(sandbox.robot.unacceptable[limited.name])[0]
    reply = answer(sandbox, [], [opening(sandbox)], offer)
    assert reply.kind == COUNTER
    assert reply.messages[0].key == "practice.reply.beyond_limit"
    assert reply.messages[0].params["issue"] == limited.name


def offers_strategy(sandbox: Sandbox) -> st.SearchStrategy[list[Package]]:
    package = st.fixed_dictionaries({i.name: st.sampled_from(i.options) for i in sandbox.issues})
    return st.lists(package, min_size=1, max_size=sandbox.max_rounds + 1)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), category=st.sampled_from(CATEGORIES), seed=st.integers(0, 2**31))
def test_concedes_monotonically_and_never_accepts_worse_than_it_refused(
    data: st.DataObject, category: str, seed: int
) -> None:
    sandbox = template_sandbox(
        category, data.draw(st.sampled_from(["claimant", "respondent"])), seed
    )
    robot = sandbox.robot
    offers = data.draw(offers_strategy(sandbox))
    replies = play(sandbox, offers)
    counters = [opening(sandbox)] + [p for kind, p in replies if kind in (COUNTER, FINAL) and p]
    values = [robot.utility(c) for c in counters]
    assert all(a >= b - 1e-9 for a, b in itertools.pairwise(values)), values
    assert all(v >= robot.reservation - 1e-9 for v in values)
    for round_, (kind, package) in enumerate(replies):
        if kind == ACCEPTED:
            assert package is not None
            refused = offers[:round_]
            assert robot.accepts_options(package)
            assert robot.utility(package) >= robot.reservation - 1e-9
            for earlier in refused:
                if robot.accepts_options(earlier):
                    assert robot.utility(package) >= robot.utility(earlier) - 1e-9


@settings(max_examples=40, deadline=None)
@given(data=st.data(), seed=st.integers(0, 2**31))
def test_it_says_it_gives_ground_only_where_it_does(data: st.DataObject, seed: int) -> None:
    sandbox = template_sandbox(data.draw(st.sampled_from(CATEGORIES)), "claimant", seed)
    robot = sandbox.robot
    offers = data.draw(offers_strategy(sandbox))
    made: list[Package] = []
    counters: list[Package] = [opening(sandbox)]
    for offer in offers:
        reply = answer(sandbox, made, counters, offer)
        if reply.package is None or reply.kind == ACCEPTED:
            break
        for said in reply.messages:
            if said.key == "practice.reply.moved":
                names = said.params["issues"]
                assert isinstance(names, tuple) and names
                for name in names:
                    table = robot.utilities[name]
                    assert table[reply.package[name]] < table[counters[-1][name]]
        made.append(offer)
        counters.append(reply.package)


def test_comes_back_to_an_earlier_offer_rather_than_accept_a_worse_one() -> None:
    sandbox = template_sandbox("civil", "claimant", 9)
    robot = sandbox.robot
    # A fair offer the robot refuses at first, then a worse one once its target has fallen.
    fair = next(
        p
        for p in _all_packages(sandbox)
        if robot.accepts_options(p) and target(sandbox, 1) > robot.utility(p) >= target(sandbox, 6)
    )
    worse = next(
        p
        for p in _all_packages(sandbox)
        if robot.accepts_options(p) and robot.reservation < robot.utility(p) < robot.utility(fair)
    )
    stubborn = worst_for_robot(sandbox)
    replies = play(sandbox, [fair, stubborn, stubborn, stubborn, stubborn, worse])
    assert replies[0][0] == COUNTER
    kind, package = replies[-1]
    assert kind == COUNTER and package == fair


def _all_packages(sandbox: Sandbox) -> list[dict[str, str]]:
    packages: list[dict[str, str]] = [{}]
    for issue in sandbox.issues:
        packages = [{**p, issue.name: o} for p in packages for o in issue.options]
    return packages


def test_case_sandbox_uses_the_party_own_interests_and_pulls_the_other_way() -> None:
    issues = (
        Issue(
            "amount",
            tuple(format_number(v) for v in NumericRange(0, 1000, 10).values()),
            NumericRange(0, 1000, 10),
        ),
        Issue("apology", ("yes", "no")),
    )
    answers = parse_answers(
        issues,
        {
            "importance": {"ranking": ["amount", "apology"]},
            "issues": {
                "amount": {"best": 1000, "acceptable": 600, "limit": 300},
                "apology": {"options": {"yes": "ideal", "no": "acceptable"}},
            },
        },
    )
    mine = build_preferences("me", issues, answers)
    sandbox = case_sandbox(issues, "civil", "claimant", 1, labels={}, party=mine)
    assert sandbox.party_stated
    amount = next(i for i in sandbox.issues if i.name == "amount")
    assert len(amount.options) <= MAX_POINTS and amount.options[0] == "0"
    assert amount.options[-1] == "1000"
    assert sandbox.party.utilities["amount"]["1000"] == 1.0
    assert sandbox.robot.utilities["amount"]["0"] == 1.0  # the robot wants to pay nothing
    assert sandbox.party.weights == mine.weights


def test_case_sandbox_without_interests_guesses_the_claimant_wants_more_money_sooner() -> None:
    money = NumericRange(0, 500_000, 50_000, "KZT")
    days = NumericRange(5, 60, 5, "күн")
    issues = (
        Issue("issue1", tuple(format_number(v) for v in money.values()), money),
        Issue("issue2", tuple(format_number(v) for v in days.values()), days),
    )
    sandbox = case_sandbox(issues, "civil", "claimant", 2, labels={})
    assert not sandbox.party_stated
    assert sandbox.robot.utilities["issue1"]["0"] == 1.0
    assert sandbox.robot.utilities["issue2"]["60"] == 1.0
    respondent = case_sandbox(issues, "civil", "respondent", 2, labels={})
    assert respondent.robot.utilities["issue1"]["500000"] == 1.0


def test_coarse_keeps_small_ranges_and_thins_big_ones_on_their_own_grid() -> None:
    fine = NumericRange(0, 1_000_000, 1000, "KZT")
    issue = Issue("amount", tuple(format_number(v) for v in fine.values()), fine)
    small = coarse(issue)
    assert len(small.options) <= MAX_POINTS
    assert set(small.options) <= set(issue.options)
    assert (small.options[0], small.options[-1]) == ("0", "1000000")
    discrete = Issue("x", ("a", "b"))
    assert coarse(discrete) is discrete


def test_debrief_shows_a_compromise_in_the_party_terms_and_the_trade() -> None:
    sandbox = template_sandbox("family", "claimant", 4)
    lesson = debrief(sandbox, opening(sandbox))
    assert lesson.compromise is not None
    assert set(lesson.compromise) == {i.name for i in sandbox.issues}
    assert sandbox.party.utility(lesson.compromise) >= sandbox.party.reservation - 1e-9
    assert sandbox.robot.utility(lesson.compromise) >= sandbox.robot.reservation - 1e-9
    keys = [m.key for m in lesson.explanation]
    assert keys[0] == "explain.gain_share"
    tips = {m.key: m.params for m in lesson.tips}
    assert tips["practice.tip.their_priority"]["issue"] == lesson.their_priorities[0]
    compared = tips["practice.tip.compared"]
    agreed, balanced = compared["agreed"], compared["balanced"]
    assert isinstance(agreed, int) and isinstance(balanced, int)
    assert agreed <= balanced  # the robot's best is poor for the party
    assert tips["practice.tip.style"]["style"] == sandbox.style
