// How a case is settled, in plain words: the three mechanisms and the items of a division, as
// the intake form, the invitation and the case page say them (strings: part "intake").
import { h } from "../../dom.js";
import { formatMoney } from "../../format.js";
import { t } from "../../i18n.js";
import { photoFigure } from "./item_photo.js";

export const MECHANISMS = ["packages", "bidding", "division"];

export const mechanismName = (mechanism) => t(`intake.mech.${mechanism}`);
export const mechanismText = (mechanism) => t(`intake.mech.${mechanism}.text`);

// Who holds an item now, from the reader's side ("you have it" / "Ruslan has it"); null when
// the claimant did not say. `names` gives a party's name by its key (any of several parties);
// `otherName` is the other one's of two.
function holderText(heldBy, myRole, names, otherName) {
  if (!heldBy) return null;
  if (heldBy === myRole) return t("intake.held_by.you");
  return t("intake.held_by.other", { name: names[heldBy] ?? otherName });
}

// Each party's name by its key, from a case's `parties` ({role, display_name}) and
// `invited_parties` or an invitation preview's `parties` ({role, name}).
export function partyNames(...lists) {
  const names = {};
  for (const party of lists.flat()) {
    if (party && !(party.role in names)) names[party.role] = party.display_name ?? party.name;
  }
  return names;
}

// A division's items: name, agreed value, note and holder, each on its own line; with `photos`
// ({caseId, editable, token}: item_photo.js `photoFigure`) each item's photo below it.
export function itemsList(items, { currency = "KZT", myRole = null, names = {}, otherName = "", photos = null } = {}) {
  const holder = (item) => holderText(item.held_by, myRole, names, otherName);
  return h(
    "ul",
    { class: "items" },
    items.map((item) =>
      h(
        "li",
        {},
        h("strong", {}, item.name),
        item.value !== null && item.value !== undefined
          ? h("span", { class: "meta" }, ` · ${t("intake.item.value", { amount: formatMoney(item.value, currency) })}`)
          : null,
        item.note ? h("span", { class: "meta" }, ` · ${item.note}`) : null,
        holder(item) ? h("span", { class: "meta" }, ` · ${holder(item)}`) : null,
        photos && (item.photo || photos.editable) ? photoFigure(photos.caseId, item, photos) : null,
      ),
    ),
  );
}

// "How you settle: Blind bidding" and its sentence.
export function mechanismSummary(mechanism, lead) {
  return [
    h("p", { class: "mechanism" }, lead, " ", h("strong", {}, mechanismName(mechanism))),
    h("p", { class: "hint" }, mechanismText(mechanism)),
  ];
}
