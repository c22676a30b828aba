// How blind bidding ended: "settled at X" with the way to the settlement (where instalments can
// be set), or, after the last round without settlement, the three ways on and the choices made.
// Only the outcome is said: never an amount of the other party's, a gap, or how close it came.
import { h } from "../../dom.js";
import { formatMoney } from "../../format.js";
import { t } from "../../i18n.js";
import { problemBox } from "../form.js";
import { otherParties } from "../other_parties.js";
import { currencyOf, OPTIONS, OTHER, otherName } from "./model.js";
import { myBidsList, pastRounds } from "./round.js";

export function settledView(page, reasons) {
  const { c, state } = page;
  const amount = formatMoney(state.settled_amount / 100, currencyOf(c));
  return [
    h(
      "div",
      { class: "notice settled" },
      h("h2", { id: "bidding-now", tabindex: "-1" }, t("bidding.settled.title", { amount })),
      h("p", {}, t("bidding.settled.text", { n: state.round })),
      h("p", {}, t("bidding.settled.next")),
      h(
        "p",
        { class: "actions" },
        h("a", { class: "button primary", href: `#/cases/${c.id}/settlement` }, t("bidding.settled.go")),
      ),
    ),
    pastRounds(state.round - 1, reasons),
    myBidsList(c, state),
  ];
}

function optionText(option) {
  return t(`bidding.option.${option}`);
}

// Who chose what so far: the choices are public (the room logs each), never the bids.
function choicesSaid(c, choices) {
  const mine = choices[c.my_role];
  const others = otherParties(c);
  const theirs = others.length ? others : [{ role: OTHER[c.my_role], display_name: otherName(c) }];
  return h(
    "ul",
    { class: "explain choices-made" },
    h("li", {}, mine ? t("bidding.choice.mine", { option: optionText(mine) }) : t("bidding.choice.mine_none")),
    theirs.map(({ role, display_name: name }) =>
      h(
        "li",
        {},
        choices[role]
          ? t("bidding.choice.theirs", { name, option: optionText(choices[role]) })
          : t("bidding.choice.theirs_none", { name }),
      ),
    ),
  );
}

function choiceForm(page) {
  const { c, state } = page;
  const chosen = state.choices?.[c.my_role] ?? null;
  const form = h(
    "form",
    { class: "choice-form", novalidate: true },
    h(
      "fieldset",
      { class: "choice-group", "data-field": "option" },
      h("legend", {}, t("bidding.choice.legend")),
      OPTIONS.map((option) =>
        h(
          "label",
          { class: "radio choice" },
          h("input", { type: "radio", name: "option", value: option, checked: option === chosen }),
          h("span", {}, h("strong", {}, optionText(option)), " ", t(`bidding.option.${option}_text`)),
        ),
      ),
      h("span", { class: "error", role: "alert" }),
    ),
    problemBox(),
    h(
      "p",
      { class: "actions" },
      h(
        "button",
        { type: "submit", class: "button primary" },
        t(chosen ? "bidding.choice.change" : "bidding.choice.send"),
      ),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const picked = form.querySelector("input[name=option]:checked")?.value;
    if (!picked) {
      form.querySelector("[data-field=option] > .error").textContent = t("bidding.choice.pick");
      form.querySelector("input[name=option]").focus();
      return;
    }
    page.send(form, "POST", "choice", { option: picked }, "bidding.said.chosen");
  });
  return form;
}

// Every party chose court: the server ended the mediation (the case is failed).
function bothChoseCourt(c, state) {
  const roles = [c.my_role, ...otherParties(c).map((p) => p.role)];
  return c.status === "failed" && roles.every((role) => state.choices?.[role] === "court");
}

export function noSettlementView(page, reasons) {
  const { c, state } = page;
  const switched = c.mechanism === "packages";
  return [
    h("h2", { id: "bidding-now", tabindex: "-1" }, t("bidding.none.title")),
    h("p", {}, t("bidding.none.text")),
    switched
      ? h(
          "div",
          { class: "notice" },
          h(
            "p",
            { class: "strong" },
            t(otherParties(c).length > 1 ? "bidding.none.switched_all" : "bidding.none.switched"),
          ),
          h(
            "p",
            { class: "actions" },
            h("a", { class: "button primary", href: `#/cases/${c.id}/interests` }, t("bidding.none.to_interests")),
            h("a", { class: "button", href: `#/cases/${c.id}/room` }, t("bidding.none.to_room")),
          ),
        )
      : [
          choicesSaid(c, state.choices || {}),
          state.live_mediator_requested
            ? h(
                "div",
                { class: "notice mediator-asked" },
                h("p", {}, t("bidding.none.mediator_asked")),
                h("p", {}, h("a", { href: `#/cases/${c.id}/room` }, t("bidding.none.to_room"))),
              )
            : null,
          bothChoseCourt(c, state) ? h("p", { class: "notice court-chosen" }, t("bidding.none.court_both")) : null,
          c.status === "open" ? choiceForm(page) : null,
        ],
    pastRounds(state.round, reasons),
    myBidsList(c, state),
  ];
}
