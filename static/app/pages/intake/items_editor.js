// The items a fair division shares out, as the claimant lists them at intake: one box per item
// (name, agreed market value, note, who holds it now, a photo), 2 to 50. Each row keeps the key
// its inputs are named by, so a refusal of `items[i].value` is said at row i's value box. A
// photo is checked by its first bytes when chosen and shown small; it is sent once the case
// exists (item_photo.js `sendIntakePhotos`).
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { control, field } from "../form.js";
import { PHOTO_TYPES, sniffPhoto } from "./item_photo.js";

// The row's photo input, checked when a file is chosen, with a small preview of it.
function photoField(key) {
  const name = `item_photo_${key}`;
  const box = control(
    "input",
    name,
    t("intake.photo.optional"),
    { type: "file", accept: PHOTO_TYPES.join(",") },
    t("intake.photo.hint"),
  );
  const input = box.querySelector("input");
  const error = box.querySelector(".error");
  const preview = h("img", { class: "item-photo", alt: "", width: 160, hidden: true });
  input.addEventListener("change", async () => {
    const file = input.files[0];
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    preview.hidden = true;
    if (!file) return;
    if (!(await sniffPhoto(file))) {
      error.textContent = t("intake.photo.refused.photo_type_not_allowed");
      input.setAttribute("aria-invalid", "true");
      input.value = "";
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      preview.src = reader.result;
      preview.alt = t("intake.photo.chosen", { name: file.name });
      preview.hidden = false;
    };
    reader.readAsDataURL(file);
  });
  box.append(preview);
  return box;
}

export const MIN_ITEMS = 2;
export const MAX_ITEMS = 50;

// "9 500 000,50" as people type it → "9500000.50" as the API takes it; "" stays "".
export function amountText(typed) {
  return typed.replace(/[\s\u00a0]/g, "").replace(",", ".");
}

// Who may hold an item, as options: nobody said, me, then the other party ("the other side")
// or, among several, each other party by the name typed for it (its number while blank).
// `holders` are the parties besides the claimant, respondent first: [{role, name}].
function holderOptions(holders) {
  const others =
    holders.length < 2
      ? [h("option", { value: "respondent" }, t("intake.held.other"))]
      : holders.map(({ role, name }, i) =>
          h("option", { value: role }, name || t("intake.parties.party_n", { n: i + 2 })),
        );
  return [
    h("option", { value: "" }, t("intake.held.unknown")),
    h("option", { value: "claimant" }, t("intake.held.me")),
    ...others,
  ];
}

// The holder's choices as the parties are now (they may have been added, renamed or removed since
// the row was drawn); the choice made stays while its party does.
function refreshHolders(select, holders) {
  const chosen = select.value;
  select.replaceChildren(...holderOptions(holders()));
  select.value = [...select.options].some((option) => option.value === chosen) ? chosen : "";
}

function itemRow(key, number, onRemove, holders) {
  const held = control("select", `item_held_${key}`, t("intake.item_held"), {}, "", holderOptions(holders()));
  const select = held.querySelector("select");
  select.addEventListener("focus", () => refreshHolders(select, holders));
  return h(
    "fieldset",
    { class: "issue item", "data-key": key },
    h("legend", {}, t("intake.item_n", { n: number })),
    field(`item_name_${key}`, t("intake.item_name"), { maxlength: 200, autocomplete: "off" }),
    field(
      `item_value_${key}`,
      t("intake.item_value"),
      { inputmode: "decimal", autocomplete: "off" },
      t("intake.item_value_hint"),
    ),
    control("textarea", `item_note_${key}`, t("intake.item_note"), { rows: 2, maxlength: 1000 }),
    held,
    photoField(key),
    h("button", { type: "button", class: "link", onclick: onRemove }, t("intake.remove_item")),
  );
}

// The editor: `element` to place in the form, `read()` the items to send (rows left wholly
// empty are skipped) with the keys of their rows and the photo chosen for each (a File or
// null), `ensure()` puts the first two rows in. `holders()`: the parties besides the claimant as
// typed so far, [{role, name}] respondent first (holderOptions).
export function itemsEditor(holders = () => []) {
  let next = 0;
  const rows = h("div", { class: "item-rows" });
  const add = h("button", { type: "button", class: "button" }, t("intake.add_item"));
  const renumber = () => {
    const all = [...rows.children];
    all.forEach((row, i) => {
      row.querySelector("legend").textContent = t("intake.item_n", { n: i + 1 });
    });
    add.disabled = all.length >= MAX_ITEMS;
  };
  const addRow = () => {
    const row = itemRow(
      next++,
      rows.children.length + 1,
      () => {
        row.remove();
        renumber();
      },
      holders,
    );
    rows.append(row);
    renumber();
    return row;
  };
  add.addEventListener("click", () => addRow().querySelector("input").focus());
  const element = h(
    "div",
    { class: "items-editor", "data-field": "items" },
    h("h3", { id: "items-title" }, t("intake.items_title")),
    h("p", { class: "hint", id: "items-hint" }, t("intake.items_hint")),
    h("span", { class: "error", role: "alert" }),
    rows,
    add,
  );
  const read = () => {
    const items = [];
    const keys = [];
    const photos = [];
    for (const row of rows.children) {
      const key = row.dataset.key;
      const value = (part) => row.querySelector(`[name="item_${part}_${key}"]`).value;
      const name = value("name").trim();
      const amount = amountText(value("value"));
      const note = value("note").trim();
      const heldBy = value("held");
      if (!name && !amount && !note && !heldBy) continue;
      items.push({
        name,
        ...(amount ? { value: amount } : {}),
        ...(note ? { note } : {}),
        ...(heldBy ? { held_by: heldBy } : {}),
      });
      keys.push(key);
      photos.push(row.querySelector(`[name="item_photo_${key}"]`).files[0] ?? null);
    }
    return { items, keys, photos };
  };
  const ensure = () => {
    while (rows.children.length < MIN_ITEMS) addRow();
  };
  return { element, read, ensure };
}
