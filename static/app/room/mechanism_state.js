// What the events of blind bidding, fair division, post-settlement improvement and mechanism
// switches mean for the room's pages, folded from the case log (pure: no DOM, no socket), beside
// ./state.js's foldRoom for the package offers. Only public events are here: no bid, no point,
// no gain, no answer ever reaches the log.

// The division engine's allocation is a proposals_ready package of this criterion.
export const ALLOCATION = "max_nash_welfare";

export function isAllocation(frame) {
  return frame.event === "proposals_ready" && (frame.data.packages || []).some((p) => p.criterion === ALLOCATION);
}

// What the mechanism events say for the room's pages, in log order:
//   mechanism  the case's mechanism as the log last switched it (null: never switched)
//   bidding    {status: agreeing|open|settled|no_settlement, rules, proposedBy (the role whose
//              rules wait for an answer), round, deadlineAt, amount, currency, choices: role → option,
//              courtChosen: both chose court after no settlement (the mediation is over)}
//   settled    {version, package, at} of bidding_settled (the case's agreement), or null
//   improvement {round, status: open|adopted|lapsed, reason, package, expiresAt}, or null
//   allocation {version, id, choice} of the latest fair-division proposal, or null
//   points     the roles that stated their points
export function foldMechanisms(events) {
  const state = {
    mechanism: null,
    bidding: { status: "agreeing", rules: null, proposedBy: null, round: 0, deadlineAt: null, choices: {} },
    settled: null,
    improvement: null,
    allocation: null,
    points: new Set(),
  };
  for (const frame of events) {
    const { event, data, at, actor } = frame;
    if (event === "bidding") {
      const b = state.bidding;
      if (data.kind === "rules_proposed") b.proposedBy = actor.role;
      else if (data.kind === "rules_agreed") Object.assign(b, { rules: data.rules, proposedBy: null, status: "open" });
      else if (data.kind === "round_opened" || data.kind === "round_moved")
        Object.assign(b, { status: "open", round: data.round, deadlineAt: data.deadline_at });
      else if (data.kind === "no_settlement")
        Object.assign(b, { status: "no_settlement", round: data.round, deadlineAt: null });
      else if (data.kind === "choice") b.choices[actor.role] = data.option;
      else if (data.kind === "court_chosen") b.courtChosen = true;
      else if (data.kind === "switched") state.mechanism = data.mechanism;
    } else if (event === "bidding_settled") {
      Object.assign(state.bidding, {
        status: "settled",
        round: data.round,
        amount: data.amount,
        currency: data.currency,
      });
      state.settled = { version: data.version, package: data.package, at };
    } else if (event === "points_submitted") {
      state.points.add(data.role);
    } else if (isAllocation(frame)) {
      const proposed = data.packages.find((p) => p.criterion === ALLOCATION);
      state.allocation = { version: data.version, id: proposed.id, choice: proposed.choice };
    } else if (event === "improvement_offered") {
      state.improvement = {
        round: data.round,
        status: "open",
        reason: null,
        package: data.package,
        expiresAt: data.expires_at,
      };
    } else if (event === "improvement_adopted" && state.improvement) {
      Object.assign(state.improvement, { status: "adopted", package: data.package });
    } else if (event === "improvement_lapsed" && state.improvement) {
      Object.assign(state.improvement, { status: "lapsed", reason: data.reason });
    } else if (event === "mechanism_switch" && data.kind === "switched") {
      state.mechanism = data.to;
    }
  }
  return state;
}

// The agreement in force: the room's, or the bidding's settlement, replaced by an adopted
// improvement (`improved`); null before there is one.
export function agreementInForce(roomState, mech) {
  const base = roomState.agreement || mech.settled;
  if (!base) return null;
  const improved = mech.improvement?.status === "adopted";
  return { version: base.version, package: improved ? mech.improvement.package : base.package, improved };
}
