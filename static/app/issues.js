// A case's issues in plain words: labels instead of machine names, amounts with their unit.
//
// In a fair-division case every issue is an item (`issue.item` holds its agreed value in tiyn
// and who holds it now, odr/negotiating/division.py) whose options are the parties' roles: a
// package says who receives each item. Those are shown with the parties' names ("Дача: goes to
// Aigerim (you)"), with the payment that balances the shares when every item has an agreed value.
// Its strings are the "division" part's (main.js loads it for the pages that show packages).
import { h } from "./dom.js";
import { formatMoney, formatNumber } from "./format.js";
import { language, t } from "./i18n.js";

export function issueOf(c, name) {
  return c.issues.find((issue) => issue.name === name);
}

// An issue's label and options in the reader's language when the claimant gave them in it
// (`labels`, `option_labels`: odr/cases/schemas.py), else as typed. An option stays the id that
// offers use; only what is shown changes.
export function labelIn(issue, lang = language()) {
  return issue?.labels?.[lang] || issue?.label;
}

export function optionIn(issue, option, lang = language()) {
  const at = issue?.options?.indexOf(option) ?? -1;
  return (at >= 0 && issue.option_labels?.[at]?.[lang]) || String(option);
}

export function issueLabel(c, name) {
  return labelIn(issueOf(c, name)) ?? name;
}

// The option id of a range value, as the server writes it (integers without a decimal point).
export function gridId(value) {
  const tidy = Math.round(Number(value) * 1e9) / 1e9;
  return String(tidy);
}

export function gridValues(range) {
  const values = [];
  const count = Math.floor((range.max - range.min) / range.step + 1e-9);
  for (let n = 0; n <= count; n++) values.push(Math.round((range.min + n * range.step) * 1e9) / 1e9);
  return values;
}

export function formatAmount(value, unit) {
  if (unit === "KZT") return formatMoney(value, "KZT");
  const text = formatNumber(value);
  return unit ? `${text} ${unit}` : text;
}

// -- fair division: items and the parties receiving them ------------------------------------------

export function isItem(issue) {
  return Boolean(issue?.item);
}

export function isDivision(c) {
  return c.issues.length > 0 && c.issues.every(isItem);
}

// A party by its name ("Aigerim Sadykova", or "claimant" before it joined), "(you)" for the reader.
export function partyName(c, role) {
  const name = c.parties?.find((p) => p.role === role)?.display_name || roleName(role);
  return role === c.my_role ? t("settlement.you_mark", { name }) : name;
}

// The currency the items' values are in (that of the claim, else tenge: odr/cases/service.py).
export function caseCurrency(c) {
  return c.claim?.currency || "KZT";
}

export function formatTiyn(tiyn, currency) {
  return formatMoney(tiyn / 100, currency);
}

// The payment that makes both shares worth the same at the agreed values, or null when some item
// has no agreed value or the shares are worth the same. The server's rule exactly
// (odr/negotiating/division.py `equalisation`): half the difference, rounded down to a whole tiyn.
export function equalisationOf(c, pkg) {
  const items = c.issues.filter(isItem);
  if (!items.length || items.some((issue) => !Number.isInteger(issue.item.value))) return null;
  const worth = { claimant: 0n, respondent: 0n };
  for (const issue of items) {
    const role = pkg[issue.name];
    if (!(role in worth)) return null; // an item nobody receives yet (an offer being written)
    worth[role] += BigInt(issue.item.value);
  }
  const [richer, poorer] = worth.claimant >= worth.respondent ? ["claimant", "respondent"] : ["respondent", "claimant"];
  const half = (worth[richer] - worth[poorer]) / 2n;
  return half > 0n ? { payer: richer, payee: poorer, tiyn: Number(half) } : null;
}

// "You pay Ruslan 9 250 000 ₸" / "Ruslan pays you …" / "Ruslan pays Aigerim …" (a reader outside).
export function paymentText(c, payment) {
  const amount = formatTiyn(payment.tiyn, caseCurrency(c));
  const other = (role) => c.parties?.find((p) => p.role === role)?.display_name || roleName(role);
  if (payment.payer === c.my_role) return t("division.you_pay", { name: other(payment.payee), amount });
  if (payment.payee === c.my_role) return t("division.you_receive", { name: other(payment.payer), amount });
  return t("division.pays", { payer: other(payment.payer), payee: other(payment.payee), amount });
}

export function optionLabel(c, name, option) {
  const issue = issueOf(c, name);
  if (issue?.range) return formatAmount(option, issue.range.unit);
  if (isItem(issue)) return partyName(c, option);
  return optionIn(issue, option);
}

// A package as a list a person can read: "Amount: 300 000 ₸", "Deadline: in a month"; for a
// division "Дача: goes to Aigerim (you)", then the equalisation payment if there is one.
// `payment: null` leaves the equalisation out (an Adjusted Winner offer: pages/division/offer_terms.js).
export function packageView(c, pkg, attrs = {}, { payment = isDivision(c) ? equalisationOf(c, pkg) : null } = {}) {
  const division = isDivision(c);
  return h(
    "dl",
    { class: division ? "package package-items" : "package", ...attrs },
    c.issues
      .filter((issue) => issue.name in pkg)
      .map((issue) =>
        h(
          "div",
          { class: "package-row" },
          h("dt", {}, labelIn(issue)),
          h(
            "dd",
            {},
            isItem(issue)
              ? t("division.goes_to", { name: partyName(c, pkg[issue.name]) })
              : optionLabel(c, issue.name, pkg[issue.name]),
          ),
        ),
      ),
    payment
      ? h("div", { class: "package-row" }, h("dt", {}, t("division.payment")), h("dd", {}, paymentText(c, payment)))
      : null,
  );
}

export function roleName(role) {
  return t(`role.${role}`);
}
