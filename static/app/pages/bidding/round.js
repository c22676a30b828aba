// One open round of blind bidding: where it stands ("Round 2 of 3, open until …"), the one
// amount field with what the amount means for my side, the rule that binds it to my last bid,
// and once sent "your bid is sealed", with when the answer comes: by default at the round's
// deadline (a time, not a spinner: nothing can come sooner). Only my own bids are on this page.
import { h } from "../../dom.js";
import { formatMoment, formatMoney } from "../../format.js";
import { language, t } from "../../i18n.js";
import { confirmDialog } from "../confirm.js";
import { namesList } from "../other_parties.js";
import { field, problemBox, sayProblems } from "../form.js";
import {
  announceOf,
  currencyLabel,
  currencyOf,
  myBids,
  mySide,
  otherName,
  parseBid,
  previousBid,
  sealedBid,
  sideName,
  sideRound,
} from "./model.js";
import { rulesSummary } from "./rules.js";

const money = (c, tiyn) => formatMoney(tiyn / 100, currencyOf(c));

// Rounds that ended "not yet" (every round before the open one, all of them once bidding ended
// without settlement), with why when the room told us (`reasons`: round → "bids" | "deadline").
export function pastRounds(upTo, reasons) {
  if (upTo < 1) return null;
  const rows = [];
  for (let n = 1; n <= upTo; n++) {
    const why = reasons.get(n) === "deadline" ? ` ${t("bidding.past.deadline")}` : "";
    rows.push(h("li", {}, t("bidding.past.not_yet", { n }), why));
  }
  return h(
    "section",
    { "aria-labelledby": "past-title" },
    h("h3", { id: "past-title" }, t("bidding.past.title")),
    h("ul", { class: "explain past-rounds" }, rows),
  );
}

// My own amounts so far, by round (never anything of the other party's).
export function myBidsList(c, state) {
  const bids = myBids(state);
  if (!bids.length) return null;
  return h(
    "section",
    { "aria-labelledby": "my-bids-title" },
    h("h3", { id: "my-bids-title" }, t("bidding.mine.title")),
    h("p", { class: "hint" }, t("bidding.mine.hint")),
    h(
      "ul",
      { class: "explain my-bids" },
      bids.map((b) => h("li", {}, t("bidding.mine.row", { n: b.round, amount: money(c, b.amount) }))),
    ),
  );
}

// My side's bid while its members agree on it: what each entered this round, and who has not
// entered the amount I entered (the side's bid counts once all of us entered the same).
function sidePanel(c, state) {
  const entries = sideRound(state);
  const names = (roles) => namesList(roles.map((role) => sideName(c, role)));
  const rows = Object.entries(entries?.entered || {}).map(([role, amount]) =>
    h("li", {}, t("bidding.side.entered", { name: sideName(c, role), amount: money(c, amount) })),
  );
  const waiting = entries?.waiting_for?.length ? names(entries.waiting_for) : null;
  return h(
    "section",
    { class: "notice side-bid", "aria-labelledby": "side-title" },
    h("h3", { id: "side-title" }, t("bidding.side.title")),
    h("p", {}, t("bidding.side.how", { names: names(state.side.members) })),
    rows.length ? h("ul", { class: "explain side-entries" }, rows) : null,
    waiting ? h("p", { class: "hint" }, t("bidding.side.waiting", { names: waiting })) : null,
  );
}

function bidForm(page) {
  const { c, state } = page;
  const role = mySide(c);
  const before = previousBid(state);
  const typed = page.typed.bid?.round === state.round ? page.typed.bid.text : "";
  const preview = h("span", { class: "amount-preview", "aria-hidden": "true" });
  const input = field(
    "amount",
    t(`bidding.bid.label.${role}`, { currency: currencyLabel(c) }),
    { inputmode: "decimal", autocomplete: "off", value: typed, class: "amount-input" },
    t("bidding.bid.sealed_hint", { name: otherName(c) }),
  );
  const box = input.querySelector("input");
  const showPreview = () => {
    page.typed.bid = { round: state.round, text: box.value };
    const read = box.value.trim() ? parseBid(box.value, language(), role) : null;
    preview.textContent = read && !read.error ? `= ${money(c, read.tiyn)}` : "";
  };
  box.addEventListener("input", showPreview);
  box.after(preview);
  showPreview();
  const form = h(
    "form",
    { class: "bid-form", novalidate: true },
    h("p", {}, t(`bidding.bid.means.${role}`, { name: otherName(c) })),
    input,
    before
      ? h("p", { class: "hint monotone" }, t(`bidding.bid.monotone.${role}`, { amount: money(c, before.amount) }))
      : h("p", { class: "hint" }, t(`bidding.bid.first.${role}`)),
    problemBox(),
    h("p", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("bidding.bid.seal"))),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const read = parseBid(box.value, language(), role);
    if (read.error) {
      sayProblems(form, [["amount", t(read.error)]]);
      return;
    }
    const sure = await confirmDialog({
      title: t("bidding.bid.confirm_title", { amount: money(c, read.tiyn) }),
      text: t("bidding.bid.confirm_text", { n: state.round }),
      yes: t("bidding.bid.confirm_yes"),
    });
    if (!sure) return;
    page.send(form, "PUT", "bid", { round: state.round, amount: read.tiyn }, "bidding.said.sealed", () => {
      page.typed.bid = null;
    });
  });
  return form;
}

// When the answer to my sealed bid comes, as the agreed rules say.
function sealedText(c, state) {
  const name = otherName(c);
  if (announceOf(state.rules) === "at_deadline" && state.deadline_at)
    return t("bidding.sealed.at_deadline", { when: formatMoment(state.deadline_at), name });
  return t("bidding.sealed.text", { name });
}

export function roundView(page, reasons) {
  const { c, state } = page;
  const mine = sealedBid(state);
  return [
    h(
      "h2",
      { id: "bidding-now", tabindex: "-1" },
      t("bidding.round.title", { n: state.round, of: state.rules.rounds }),
    ),
    state.deadline_at
      ? h("p", { class: "lead" }, t("bidding.round.until", { when: formatMoment(state.deadline_at) }))
      : null,
    mine === null && state.side ? sidePanel(c, state) : null,
    mine === null
      ? bidForm(page)
      : h(
          "div",
          { class: "notice sealed" },
          h("p", { class: "strong" }, t("bidding.sealed.title", { amount: money(c, mine) })),
          h("p", {}, sealedText(c, state)),
        ),
    pastRounds(state.round - 1, reasons),
    myBidsList(c, state),
    h("details", {}, h("summary", {}, t("bidding.rules.agreed")), rulesSummary(c, state.rules)),
  ];
}
