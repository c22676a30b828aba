// Writing an offer: one choice per point, starting from a proposal or from the offer answered.
// In a fair-division case each point is an item and the choice is the party receiving it (a
// counter-offer moves an item by choosing the other party); the payment that balances the
// shares at their agreed values follows the choices as they are made.
import { h } from "../dom.js";
import { t } from "../i18n.js";
import {
  equalisationOf,
  formatAmount,
  gridId,
  gridValues,
  isDivision,
  isItem,
  labelIn,
  optionIn,
  partyName,
  paymentText,
} from "../issues.js";
import { equalSharesOf, equalSharesText } from "./division/offer_terms.js";
import { sayProblems } from "./form.js";
import { amountInput } from "./interests.js";

export function offerEditor(c, start, { onSend, onCancel, proposals = null }) {
  const pkg = start?.package || {};
  const fields = c.issues.map((issue) => {
    const id = `offer-${issue.name}`;
    if (issue.range) {
      const { min, max, step, unit } = issue.range;
      return h(
        "p",
        { class: "field", "data-issue": issue.name, "data-field": `offer-${issue.name}` },
        h("label", { for: id }, labelIn(issue)),
        h(
          "span",
          { class: "hint", id: `${id}-hint` },
          t("interests.range_hint", {
            min: formatAmount(min, unit),
            max: formatAmount(max, unit),
            step: formatAmount(step, unit),
          }),
        ),
        amountInput({
          id,
          min,
          max,
          step,
          unit,
          required: true,
          value: pkg[issue.name] ?? "",
          "aria-describedby": `${id}-hint`,
        }),
        h("span", { class: "error", role: "alert" }),
      );
    }
    return h(
      "p",
      { class: "field", "data-issue": issue.name, "data-field": `offer-${issue.name}` },
      h("label", { for: id }, labelIn(issue)),
      h(
        "select",
        { id, required: true },
        pkg[issue.name] === undefined ? h("option", { value: "" }, t("offer.choose")) : null,
        issue.options.map((o) =>
          h(
            "option",
            { value: o, selected: pkg[issue.name] === o },
            isItem(issue) ? partyName(c, o) : optionIn(issue, o),
          ),
        ),
      ),
      h("span", { class: "error", role: "alert" }),
    );
  });
  // Division: the equalisation payment of the package as chosen so far (said politely, on change).
  const division = isDivision(c);
  const balance = division ? h("p", { class: "balance", role: "status" }) : null;
  const chosenSoFar = () =>
    Object.fromEntries(
      c.issues.map((issue) => [issue.name, form.querySelector(`#offer-${CSS.escape(issue.name)}`).value]),
    );
  const drawBalance = () => {
    if (!balance) return;
    const chosen = chosenSoFar();
    // Adjusted Winner's equal shares, unchanged: its own terms, no equalisation (pages/division/offer_terms.js).
    const way = equalSharesOf({ package: chosen, fromProposal: start?.from_proposal }, proposals);
    if (way) {
      balance.textContent = equalSharesText(way);
      return;
    }
    const payment = equalisationOf(c, chosen);
    balance.textContent = payment ? `${t("division.payment")}: ${paymentText(c, payment)}` : "";
  };
  const title = start?.counter_to
    ? t("offer.counter_title", { version: start.counter_to })
    : start?.from_proposal
      ? t("offer.from_proposal_title")
      : t("offer.title");
  const form = h(
    "form",
    { class: "offer-editor", novalidate: true },
    h("h2", { id: "editor-title", tabindex: "-1" }, title),
    h("p", { class: "hint" }, t(division ? "division.offer_hint" : "offer.hint")),
    fields,
    balance,
    h(
      "p",
      { class: "actions" },
      h(
        "button",
        { type: "submit", class: "button primary" },
        t(start?.counter_to ? "offer.send_counter" : "offer.send"),
      ),
      h("button", { type: "button", class: "button", onclick: onCancel }, t("offer.cancel")),
    ),
  );
  form.addEventListener("change", drawBalance);
  drawBalance();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = {};
    const problems = [];
    for (const issue of c.issues) {
      const input = form.querySelector(`#offer-${CSS.escape(issue.name)}`);
      let value = input.value.trim();
      if (issue.range && value !== "") {
        const number = Number(value);
        const grid = gridValues(issue.range);
        value = grid.some((v) => Math.abs(v - number) < 1e-9) ? gridId(number) : "";
      }
      if (!value) {
        problems.push([
          `offer-${issue.name}`,
          issue.range
            ? t("offer.error.range", {
                min: formatAmount(issue.range.min, issue.range.unit),
                max: formatAmount(issue.range.max, issue.range.unit),
                step: formatAmount(issue.range.step, issue.range.unit),
              })
            : t("offer.error.choose"),
        ]);
      }
      chosen[issue.name] = value;
    }
    if (sayProblems(form, problems)) return;
    onSend({
      package: chosen,
      ...(start?.counter_to ? { counter_to: start.counter_to } : {}),
      ...(start?.from_proposal ? { from_proposal: start.from_proposal } : {}),
    });
  });
  return form;
}
