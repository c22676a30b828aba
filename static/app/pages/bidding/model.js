// What the bidding page reads from the case and from GET /api/cases/{id}/bidding, without DOM:
// who the other party is, the reader's own earlier bids, amounts as typed → whole tiyn, and what
// changed between two answers (so a live update redraws, and announces, only a real change).
// Nothing here ever holds the other party's bid: the server never sends it.
import { formatMoney } from "../../format.js";
import { roleName } from "../../issues.js";
import { mySideIn, namesList, otherParties } from "../other_parties.js";
import { parseAmount, tiyn } from "../settlement/amounts.js";

export const OTHER = { claimant: "respondent", respondent: "claimant" };
export const OPTIONS = ["packages", "mediator", "court"];

// The case's currency, as the server settles in it (the claim's, else tenge).
export function currencyOf(c) {
  return c.claim?.currency || "KZT";
}

// The currency as a field's label names it: the sign or code ../../format.js writes after (or
// before) an amount in the reader's language, so a label never says "KZT" over amounts in "₸".
export function currencyLabel(c) {
  return formatMoney(1, currencyOf(c)).replace(/[\d\s\u00a0\u202f.,−-]/g, "");
}

// The side I bid with: my party's side (the claimant's side demands, the respondent's offers).
// A party on its own side cannot bid blind (the server refuses); its key stands in for a side.
export function mySide(c) {
  const side = mySideIn(c);
  return side === "claimant" || side === "respondent" ? side : c.my_role;
}

// The other side's names as the case shows them ("Ruslan" or "Ruslan and Dana"), else its role.
export function otherName(c) {
  const other = OTHER[mySide(c)];
  const names = otherParties(c, other).map((p) => p.display_name);
  if (names.length) return namesList(names);
  return other === "respondent" && c.respondent_name ? c.respondent_name : roleName(other);
}

// The members of my side besides me (they enter the side's bid with me), by name.
export function sideName(c, role) {
  return c.parties?.find((p) => p.role === role)?.display_name || roleName(role);
}

// My side's entries for the open round when my side has several members, else null.
export function sideRound(state) {
  return state.side?.rounds?.[String(state.round)] ?? null;
}

// The open round's bid that counts for my side: my own, or, for a side of several, the amount
// every member entered (null until they all entered the same).
export function sealedBid(state) {
  return state.side ? (sideRound(state)?.agreed ?? null) : bidThisRound(state);
}

// My bids as [{round, amount}] in round order (the API keys them by the round as a string).
export function myBids(state) {
  return Object.entries(state.my_bids || {})
    .map(([round, amount]) => ({ round: Number(round), amount }))
    .sort((a, b) => a.round - b.round);
}

// My bid in the open round, or null.
export function bidThisRound(state) {
  const amount = state.my_bids?.[String(state.round)];
  return amount === undefined ? null : amount;
}

// My latest bid before the open round (it bounds this one), or null.
export function previousBid(state) {
  const earlier = myBids(state).filter((b) => b.round < state.round);
  return earlier.length ? earlier[earlier.length - 1] : null;
}

// An amount as people type it → {tiyn} (a Number: the API takes an integer, at most 10^17) or
// {error} a catalogue key. A respondent may offer nothing (0); a claimant's demand of 0 is no bid.
export function parseBid(typed, lang, role) {
  const text = String(typed).trim();
  if (role === "respondent" && /^0+([.,]0{1,2})?$/.test(text)) return { tiyn: 0 };
  const parsed = parseAmount(text, lang);
  if (parsed.error === "settlement.error.amount_zero") return { error: "bidding.error.demand_zero" };
  if (parsed.error === "settlement.error.amount_big") return { error: "bidding.error.amount_big" };
  if (parsed.error) return { error: "bidding.error.amount" };
  return { tiyn: Number(tiyn(parsed.value)) };
}

// The rules form's values → the API's body, or the problems [field, catalogue key] to say first.
export function readRules(values, lang) {
  const problems = [];
  const rounds = wholeNumber(values.rounds);
  if (rounds === null || rounds < 1 || rounds > 10) problems.push(["rounds", "bidding.error.rounds"]);
  const hours = wholeNumber(values.round_hours);
  if (hours === null || hours < 1 || hours > 720) problems.push(["round_hours", "bidding.error.round_hours"]);
  let value = null;
  if (values.kind === "percent") {
    value = wholeNumber(values.value);
    if (value === null || value > 100) problems.push(["threshold_value", "bidding.error.percent"]);
  } else if (String(values.value).trim() === "" || /^0+([.,]0{1,2})?$/.test(String(values.value).trim())) {
    value = 0; // no gap: the amounts must meet
  } else {
    const parsed = parseAmount(values.value, lang);
    if (parsed.error) problems.push(["threshold_value", "bidding.error.gap_amount"]);
    else value = Number(tiyn(parsed.value));
  }
  if (problems.length) return { problems };
  const announce = values.announce === "when_both_in" ? "when_both_in" : "at_deadline";
  return { rules: { rounds, threshold: { kind: values.kind, value }, round_hours: hours, announce } };
}

function wholeNumber(typed) {
  const text = String(typed ?? "").trim();
  return /^\d{1,6}$/.test(text) ? Number(text) : null;
}

// The form's starting values: the rules proposed last (to change them), else the defaults. By
// default a round's outcome is told at its deadline (rules from before that choice, without
// `announce`, told it as soon as both had bid: the server says so in its answer).
export function rulesValues(rules) {
  if (!rules) return { rounds: "3", kind: "percent", value: "5", round_hours: "72", announce: "at_deadline" };
  const { kind, value } = rules.threshold;
  return {
    rounds: String(rules.rounds),
    kind,
    value: kind === "percent" ? String(value) : String(value / 100),
    round_hours: String(rules.round_hours),
    announce: rules.announce ?? "when_both_in",
  };
}

// When the rules tell a round's outcome: "at_deadline" or "when_both_in".
export function announceOf(rules) {
  return rules?.announce ?? "when_both_in";
}

// What a reader can tell apart on the page: a redraw happens only when this changes.
export function signature(c, state) {
  return JSON.stringify([
    c.status,
    c.mechanism,
    state.status,
    state.proposal_seq,
    state.rules ? 1 : 0,
    state.round,
    state.deadline_at,
    state.settled_amount,
    state.my_bids,
    state.choices,
    state.live_mediator_requested,
  ]);
}

// What a newer answer means for the reader, as [catalogue key, params] to announce (or null):
// the outcome of a round, rules proposed or agreed, the other's choice.
export function news(c, before, after) {
  if (after.status === "settled" && before.status !== "settled") return ["bidding.live.settled", {}];
  if (after.status === "no_settlement" && before.status !== "no_settlement") return ["bidding.live.no_settlement", {}];
  if (after.status === "open" && before.status === "agreeing") return ["bidding.live.agreed", {}];
  if (after.status === "open" && after.round > before.round)
    return ["bidding.live.not_yet", { round: before.round, next: after.round }];
  if (after.proposal_seq && after.proposal_seq !== before.proposal_seq && after.proposed_by !== c.my_role)
    return ["bidding.live.proposed", { name: sideName(c, after.proposed_by) }];
  for (const party of otherParties(c)) {
    const now = after.choices?.[party.role];
    if (now && now !== before.choices?.[party.role])
      return ["bidding.live.chose", { name: party.display_name, option: now }];
  }
  return null;
}
