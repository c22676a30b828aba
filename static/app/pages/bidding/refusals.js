// Every refusal of the bidding endpoints (docs/api.md "Blind bidding (parties)") in the reader's
// words, at the input it is about. The server's English never reaches the page; what a refusal
// says about the other party is nothing, because the server says nothing about it either.
import { ApiError } from "../../api.js";
import { formatMoney } from "../../format.js";
import { t } from "../../i18n.js";
import { generalText, refusalText } from "../../refusals.js";
import { currencyOf, mySide, previousBid } from "./model.js";

// Refusals that mean the page is out of date: it reads the state again and says them above.
export const STALE = new Set([
  "stale_rules",
  "rules_already_agreed",
  "round_closed",
  "bid_sealed",
  "bidding_not_started",
  "bidding_not_ended",
  "case_not_open",
  "not_bidding",
]);

// The API's field paths → the page's input names.
const FIELDS = {
  rounds: "rounds",
  round_hours: "round_hours",
  "threshold.value": "threshold_value",
  "threshold.kind": "threshold_kind",
  amount: "amount",
  round: "amount",
  option: null,
  proposal_seq: null,
};
const FIELD_WORDS = {
  rounds: "bidding.error.rounds",
  round_hours: "bidding.error.round_hours",
  threshold_value: "bidding.error.gap",
  threshold_kind: "bidding.error.gap",
  amount: "bidding.error.amount",
};

// A refusal → problems for form.js's sayProblems: [input name or null, text] pairs. `c` and
// `state` (the page's last answer) let the monotone rule name my own previous bid.
export function refusalProblems(c, state, error) {
  if (!(error instanceof ApiError)) throw error;
  const general = generalText(error);
  if (general) return [[null, general]];
  switch (error.code) {
    case "bid_not_monotone": {
      const before = previousBid(state);
      const params = { amount: before ? formatMoney(before.amount / 100, currencyOf(c)) : "" };
      return [["amount", t(`bidding.refusal.bid_not_monotone.${mySide(c)}`, params)]];
    }
    case "invalid_bid":
      return [["amount", t("bidding.error.demand_zero")]];
    case "own_rules":
      return [[null, t("bidding.refusal.own_rules")]];
    case "not_money_claim":
      return [[null, t("bidding.refusal.not_money_claim")]];
    case "not_a_party":
      return [[null, refusalText(error)]];
    case "bidding_needs_two_sides":
      return [[null, t("bidding.refusal.bidding_needs_two_sides")]];
    case "validation_failed": {
      const atFields = error.fields
        .map(({ field }) => FIELDS[field])
        .filter(Boolean)
        .map((name) => [name, t(FIELD_WORDS[name])]);
      return [[null, t("bidding.refusal.validation_failed")], ...atFields];
    }
    default:
      if (STALE.has(error.code)) return [[null, t(`bidding.refusal.${error.code}`)]];
      return [[null, t("refusal.other", { code: error.code })]];
  }
}
