// The room's story lines for the events of blind bidding, fair division, post-settlement
// improvement and mechanism switches, worded for the reader (strings: part "mechanisms"). What
// those events mean for the room's pages is ./mechanism_state.js.
//
// Only what the log holds is ever worded: "not yet" or "settled at X" for a bidding round (the log
// has no bid, no gap, no "who bid first"), "gave their points" (never the points), an improvement
// offered, adopted or lapsed (never a party's gain or answer: they are in GET …/improvement only).
import { h } from "../dom.js";
import { formatMoment, formatMoney } from "../format.js";
import { t } from "../i18n.js";
import { packageView, roleName } from "../issues.js";
import { ALLOCATION, isAllocation } from "./mechanism_state.js";

// Every event this module words; the room announces them when someone else caused them.
export const MECHANISM_EVENTS = [
  "bidding",
  "bidding_settled",
  "points_submitted",
  "improvement_offered",
  "improvement_adopted",
  "improvement_lapsed",
  "mechanism_switch",
];

// Tiyn → "350 000 ₸" in the reader's language.
export function money(tiyn, currency = "KZT") {
  return formatMoney(Number(tiyn) / 100, currency);
}

export function mechanismName(mechanism) {
  return t(`mech.name.${mechanism}`);
}

// The agreed rules as a sentence: "3 rounds of 72 hours; settled when the gap is at most 500 ₸".
function rulesText(rules, currency) {
  const gap =
    rules.threshold.kind === "percent"
      ? t("mech.rules.gap_percent", { value: rules.threshold.value })
      : t("mech.rules.gap_absolute", { amount: money(rules.threshold.value, currency) });
  return t("mech.rules.text", { rounds: rules.rounds, hours: rules.round_hours, gap });
}

// The case's money issue's currency (bidding settles one amount).
function currencyOf(c) {
  const unit = c.issues.find((issue) => issue.range)?.range.unit;
  return /^[A-Z]{3}$/.test(unit || "") ? unit : c.claim?.currency || "KZT";
}

// "You both" with two parties taking part, "everyone" (`all`, its own key) with three or more.
function everyone(c, both, all) {
  const takingPart = (c.parties || []).filter((p) => !p.withdrawn_at);
  return takingPart.length > 2 ? all : both;
}

function link(href, key) {
  return h("a", { href }, t(key));
}

// The bidding events' lines: rules, rounds, the outcome, the way on.
function biddingLine(c, who, name, data) {
  const bidding = `#/cases/${c.id}/bidding`;
  switch (data.kind) {
    case "rules_proposed":
      return {
        text: t(`mech.ev.rules_proposed.${who}`, { name, rules: rulesText(data.rules, currencyOf(c)) }),
        extra: who === "theirs" ? link(bidding, "mech.go.bidding_rules") : null,
      };
    case "rules_agreed":
      return { text: t(`mech.ev.rules_agreed.${who}`, { name, rules: rulesText(data.rules, currencyOf(c)) }) };
    case "round_opened":
      return {
        text: t("mech.ev.round_opened", { round: data.round, deadline: formatMoment(data.deadline_at) }),
        extra: link(bidding, "mech.go.bid"),
      };
    case "round_moved":
      return {
        text: t("mech.ev.round_moved", { round: data.round, deadline: formatMoment(data.deadline_at) }),
        extra: link(bidding, "mech.go.bid"),
      };
    case "not_yet":
      return { text: t("mech.ev.not_yet", { round: data.round }) };
    case "no_settlement":
      return {
        text: t("mech.ev.no_settlement", {
          round: data.round,
          options: (data.options || []).map((o) => t(`mech.option.${o}`)).join(", "),
        }),
        extra: link(bidding, "mech.go.choose"),
      };
    case "choice":
      return { text: t(`mech.ev.choice.${who}`, { name, option: t(`mech.option.${data.option}`) }) };
    case "switched":
      return { text: t(everyone(c, "mech.ev.bidding_switched", "mech.ev.bidding_switched_all")) };
    case "court_chosen":
      return { text: t("mech.ev.court_chosen") };
    default:
      return null;
  }
}

function switchLine(c, who, name, data) {
  switch (data.kind) {
    case "proposed":
      return {
        text: t(everyone(c, "mech.ev.switch_proposed", "mech.ev.switch_proposed_all"), {
          name,
          to: mechanismName(data.to),
        }),
        extra: link(`#/cases/${c.id}`, "mech.go.switch"),
      };
    case "consented":
    case "declined":
      return { text: t(`mech.ev.switch_${data.kind}.${who}`, { name }) };
    case "switched":
      // Without a proposal: both chose offers after a bidding without settlement.
      if (data.proposal_seq == null)
        return { text: t(everyone(c, "mech.ev.bidding_switched", "mech.ev.bidding_switched_all")) };
      return { text: t(everyone(c, "mech.ev.switched", "mech.ev.switched_all"), { to: mechanismName(data.to) }) };
    default:
      return null;
  }
}

// → {text, extra} for an event this module words, else null (the room says "something happened").
export function mechanismEntry(c, room, frame) {
  const { event, data, actor } = frame;
  const who = actor.role === room.role ? "mine" : "theirs";
  const name = actor.name || (actor.role === "system" ? "" : roleName(actor.role));
  switch (event) {
    case "bidding":
      return biddingLine(c, who, name, data);
    case "bidding_settled":
      return {
        text: t("mech.ev.settled", { round: data.round, amount: money(data.amount, data.currency) }),
        extra: link(`#/cases/${c.id}/agreement`, "mech.go.agreement"),
      };
    case "points_submitted": {
      const mine = data.role === room.role;
      return {
        text: t(`mech.ev.points.${mine ? "mine" : "theirs"}`, { name }),
        extra: mine ? null : link(`#/cases/${c.id}/division`, "mech.go.division"),
      };
    }
    case "proposals_ready": {
      if (!isAllocation(frame)) return null;
      const allocation = data.packages.find((p) => p.criterion === ALLOCATION);
      return {
        text: t("mech.ev.allocation"),
        extra: [packageView(c, allocation.choice), link(`#/cases/${c.id}/division`, "mech.go.why_fair")],
      };
    }
    case "improvement_offered":
      return {
        text: t("mech.ev.improvement_offered", { deadline: formatMoment(data.expires_at) }),
        extra: [packageView(c, data.package), link(`#/cases/${c.id}/improvement`, "mech.go.improvement")],
      };
    case "improvement_adopted":
      return {
        text: t("mech.ev.improvement_adopted"),
        extra: [packageView(c, data.package), link(`#/cases/${c.id}/settlement`, "mech.go.settlement")],
      };
    case "improvement_lapsed":
      return { text: t(`mech.ev.improvement_lapsed.${data.reason}`) };
    case "mechanism_switch":
      return switchLine(c, who, name, data);
    default:
      return null;
  }
}
