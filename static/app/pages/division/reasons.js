// The server's explanation messages (odr/negotiating/division.py explain_share, and
// odr/negotiating/division_aw.py explain and settle_message) in the reader's words. Points are
// the reader's own; an Adjusted Winner share may have one decimal (61,7).
import { t } from "../../i18n.js";
import { formatNumber } from "../../format.js";
import { caseCurrency, formatTiyn, issueLabel, partyName, paymentText } from "../../issues.js";

export function reason(c, message, otherName) {
  const p = message.params || {};
  const points = formatNumber(p.points);
  switch (message.key) {
    case "division.own_share":
    case "division.aw_own_share":
      return t(message.key, { points, total: p.total });
    case "division.their_share":
    case "division.best_other_share": // among three or more: the other share I value most
      return t(message.key, { name: otherName, points });
    case "division.no_envy":
      return t("division.no_envy");
    case "division.envy_free_up_to_one":
      return t("division.envy_free_up_to_one", { item: p.item, points });
    case "division.equalisation":
      return t("division.equalisation", {
        payment: paymentText(c, { payer: p.payer, payee: p.payee, tiyn: Number(p.tiyn) }),
      });
    case "division.aw_equal":
      return t("division.aw_equal", { name: otherName });
    case "division.aw_compensation":
    case "division.aw_sale":
      return splitText(c, { ...p, settle: message.key === "division.aw_sale" ? "sale" : "compensation" });
    default:
      return null; // a message this page does not know yet says nothing rather than a key
  }
}

// The shared item's terms in a sentence: "Aigerim (you) keeps «Car» (86,96 %) and pays Ruslan
// 1 565 217,39 ₸ for his 13,04 %" or "«Car» is sold: …". `split` is the API's SplitOut (or the
// message's params, whose amount is `tiyn`).
export function splitText(c, split) {
  const words = {
    item: issueLabel(c, split.item),
    keeper: partyName(c, split.keeper),
    other: partyName(c, split.other),
    keeper_percent: formatNumber(split.keeper_percent),
    other_percent: formatNumber(split.other_percent),
    parts: `${split.keeper_parts} : ${split.other_parts}`,
  };
  if (split.settle === "sale") return t("division.aw_sale", words);
  const tiyn = split.compensation_tiyn ?? split.tiyn;
  return t("division.aw_compensation", { ...words, amount: formatTiyn(Number(tiyn), caseCurrency(c)) });
}
