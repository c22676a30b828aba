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
// the claimant did not say.
function holderText(heldBy, myRole, otherName) {
  if (!heldBy) return null;
  return heldBy === myRole ? t("intake.held_by.you") : t("intake.held_by.other", { name: otherName });
}

// A division's items: name, agreed value, note and holder, each on its own line; with `photos`
// ({caseId, editable, token}: item_photo.js `photoFigure`) each item's photo below it.
export function itemsList(items, { currency = "KZT", myRole = null, otherName = "", photos = null } = {}) {
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
        holderText(item.held_by, myRole, otherName)
          ? h("span", { class: "meta" }, ` · ${holderText(item.held_by, myRole, otherName)}`)
          : null,
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
