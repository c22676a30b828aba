// Agreeing the rules of blind bidding: propose them (rounds, the gap to bridge, hours per round,
// when a round's outcome is told), accept the other party's proposal, or wait for the other
// party to accept mine. Each rule is explained in plain words, and what telling the outcome as
// soon as both have bid reveals (that the other has bid); the page object (../bidding.js) sends
// and redraws.
import { h } from "../../dom.js";
import { formatMoney } from "../../format.js";
import { language, t } from "../../i18n.js";
import { plural } from "../../refusals.js";
import { field, problemBox, sayProblems } from "../form.js";
import { announceOf, currencyLabel, currencyOf, otherName, readRules, rulesValues } from "./model.js";

// The rules as a short list a person can check: rounds, the gap, how long each round is open,
// when the outcome is told.
export function rulesSummary(c, rules) {
  const { kind, value } = rules.threshold;
  const gap =
    kind === "percent"
      ? t("bidding.rules.gap_percent", { n: value })
      : value === 0
        ? t("bidding.rules.gap_none")
        : t("bidding.rules.gap_amount", { amount: formatMoney(value / 100, currencyOf(c)) });
  const row = (label, text) => h("div", { class: "package-row" }, h("dt", {}, label), h("dd", {}, text));
  return h(
    "dl",
    { class: "package rules-summary" },
    row(t("bidding.rules.rounds"), String(rules.rounds)),
    row(t("bidding.rules.gap"), gap),
    row(t("bidding.rules.hours"), plural("bidding.hours", rules.round_hours)),
    row(t("bidding.rules.announce"), t(`bidding.rules.announce_${announceOf(rules)}`)),
  );
}

// The choice of when a round's outcome is told, each way with what it reveals.
function announceChoices(values) {
  const choice = (announce) =>
    h(
      "label",
      { class: "radio choice" },
      h("input", {
        type: "radio",
        name: "announce",
        value: announce,
        checked: values.announce === announce,
        onchange: (event) => {
          values.announce = event.target.value;
        },
      }),
      h(
        "span",
        {},
        h("strong", {}, t(`bidding.form.announce_${announce}`)),
        " ",
        t(`bidding.form.announce_${announce}_text`),
      ),
    );
  return h(
    "fieldset",
    { class: "choice-group", "data-field": "announce" },
    h("legend", {}, t("bidding.form.announce")),
    h("p", { class: "hint" }, t("bidding.form.announce_hint")),
    choice("at_deadline"),
    choice("when_both_in"),
    h("span", { class: "error", role: "alert" }),
  );
}

// The form that proposes rules, filled with `start` (the last proposal, else the defaults).
// What is typed is kept in page.typed.rules, so a live redraw does not lose it.
function rulesForm(page, start) {
  const c = page.c;
  page.typed.rules ??= rulesValues(start);
  const values = page.typed.rules;
  const keep = (name) => (event) => {
    values[name] = event.target.value;
  };
  const kindChoice = (kind) =>
    h(
      "label",
      { class: "radio choice" },
      h("input", {
        type: "radio",
        name: "threshold_kind",
        value: kind,
        checked: values.kind === kind,
        onchange: (event) => {
          values.kind = event.target.value;
          valueLabel.textContent = gapLabel(c, values.kind);
        },
      }),
      h("span", {}, h("strong", {}, t(`bidding.form.kind_${kind}`)), " ", t(`bidding.form.kind_${kind}_text`)),
    );
  const rounds = field(
    "rounds",
    t("bidding.form.rounds"),
    { inputmode: "numeric", value: values.rounds, oninput: keep("rounds"), class: "amount-input" },
    t("bidding.form.rounds_hint"),
  );
  const gapValue = field(
    "threshold_value",
    gapLabel(c, values.kind),
    { inputmode: "decimal", value: values.value, oninput: keep("value"), class: "amount-input" },
    t("bidding.form.value_hint"),
  );
  const valueLabel = gapValue.querySelector("label");
  const hours = field(
    "round_hours",
    t("bidding.form.hours"),
    { inputmode: "numeric", value: values.round_hours, oninput: keep("round_hours"), class: "amount-input" },
    t("bidding.form.hours_hint"),
  );
  const form = h(
    "form",
    { class: "rules-form", novalidate: true },
    problemBox(),
    rounds,
    h(
      "fieldset",
      { class: "choice-group", "data-field": "threshold_kind" },
      h("legend", {}, t("bidding.form.gap")),
      h("p", { class: "hint" }, t("bidding.form.gap_hint")),
      kindChoice("percent"),
      kindChoice("absolute"),
      h("span", { class: "error", role: "alert" }),
    ),
    gapValue,
    hours,
    announceChoices(values),
    h("p", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("bidding.form.propose"))),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const read = readRules(values, language());
    if (read.problems) {
      sayProblems(
        form,
        read.problems.map(([name, key]) => [name, t(key)]),
      );
      return;
    }
    page.send(form, "POST", "rules", read.rules, "bidding.said.proposed", () => {
      page.typed.rules = null;
    });
  });
  return form;
}

function gapLabel(c, kind) {
  return kind === "percent"
    ? t("bidding.form.value_percent")
    : t("bidding.form.value_amount", { currency: currencyLabel(c) });
}

// The other party's proposal: accept it (round 1 opens at once), or propose other rules.
function theirProposal(page) {
  const { c, state } = page;
  const form = h(
    "form",
    { class: "card accept-form", novalidate: true },
    h("h2", { id: "bidding-now", tabindex: "-1" }, t("bidding.agree.theirs", { name: otherName(c) })),
    rulesSummary(c, state.proposed_rules),
    h("p", {}, t("bidding.agree.accept_means")),
    problemBox(),
    h("p", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("bidding.agree.accept"))),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    page.send(form, "POST", "rules/accept", { proposal_seq: state.proposal_seq }, "bidding.said.accepted");
  });
  return [form, otherRules(page, "bidding.agree.propose_other", state.proposed_rules)];
}

// Another proposal of my own, folded away until asked for.
function otherRules(page, summaryKey, start) {
  const details = h(
    "details",
    { open: Boolean(page.typed.rulesOpen) },
    h("summary", {}, t(summaryKey)),
    rulesForm(page, start),
  );
  details.addEventListener("toggle", () => {
    page.typed.rulesOpen = details.open;
  });
  return details;
}

export function agreeingView(page) {
  const { c, state } = page;
  if (state.proposed_rules && state.proposed_by !== c.my_role) return theirProposal(page);
  if (state.proposed_rules) {
    return [
      h(
        "div",
        { class: "notice waiting" },
        h("h2", { id: "bidding-now", tabindex: "-1" }, t("bidding.agree.waiting", { name: otherName(c) })),
        h("p", {}, t("bidding.agree.yours")),
        rulesSummary(c, state.proposed_rules),
        h("p", { class: "hint" }, t("bidding.agree.waiting_text", { name: otherName(c) })),
      ),
      otherRules(page, "bidding.agree.change", state.proposed_rules),
    ];
  }
  return [
    h("h2", { id: "bidding-now", tabindex: "-1" }, t("bidding.agree.first")),
    h("p", {}, t("bidding.agree.first_text", { name: otherName(c) })),
    rulesForm(page, null),
  ];
}
