// Step 1's representative: the switch and fields of one who acts for the party under a power of
// attorney that expressly allows settling, and what was typed there (identities.js draws them).
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { field as input } from "../form.js";

// Optional: a representative who acts for this party under a power of attorney that allows
// settling. Behind a switch, off unless one was saved; what is typed survives a redraw (the
// person/organisation choice redraws the form). → { block: the switch and the fields, section:
// the fields, on the page or not }.
export function representativeFields(page, mine) {
  const saved = mine.representative;
  const rep = page.ui.repTyped ?? (saved ? { on: true, ...saved } : { on: false });
  const poa = rep.power_of_attorney || {};
  const section = h(
    "fieldset",
    { class: "issue representative", id: "rep-fields" },
    h("legend", {}, t("settlement.f.rep_title")),
    input(
      "rep_full_name",
      t("settlement.f.rep_full_name"),
      { maxlength: 200, autocomplete: "off", value: rep.full_name },
      t("settlement.f.rep_full_name_hint"),
    ),
    input(
      "rep_iin",
      t("settlement.f.rep_iin"),
      { inputmode: "numeric", autocomplete: "off", maxlength: 12, value: rep.iin },
      t("settlement.f.rep_iin_hint"),
    ),
    h(
      "fieldset",
      { class: "poa" },
      h("legend", {}, t("settlement.f.poa_title")),
      input(
        "rep_poa_number",
        t("settlement.f.poa_number"),
        { maxlength: 200, autocomplete: "off", value: poa.number },
        t("settlement.f.poa_number_hint"),
      ),
      input("rep_poa_date", t("settlement.f.poa_date"), { type: "date", value: poa.date }),
      input(
        "rep_poa_issued_by",
        t("settlement.f.poa_issued_by"),
        { maxlength: 200, autocomplete: "off", value: poa.issued_by },
        t("settlement.f.poa_issued_by_hint"),
      ),
      h(
        "p",
        { class: "check" },
        h("input", {
          type: "checkbox",
          id: "f-rep_authority",
          name: "rep_authority",
          checked: poa.settlement_authority === true,
          "aria-describedby": "f-rep_authority-hint f-rep_authority-error",
        }),
        h("label", { for: "f-rep_authority" }, t("settlement.f.poa_authority")),
      ),
      h("p", { class: "hint check-hint", id: "f-rep_authority-hint" }, t("settlement.f.poa_authority_hint")),
      h("p", { class: "error check-hint", id: "f-rep_authority-error" }),
    ),
  );
  // Off, the fields leave the page (nothing of them is sent, no label repeats "IIN"), but
  // keep what was typed in case the switch goes on again.
  const block = h("div", { class: "rep-block" });
  const toggle = h("input", {
    type: "checkbox",
    id: "f-has_representative",
    name: "has_representative",
    checked: rep.on,
    "aria-describedby": "f-has_representative-hint",
    onchange: () => {
      if (toggle.checked) block.append(section);
      else section.remove();
    },
  });
  block.append(
    h(
      "p",
      { class: "check rep-toggle" },
      toggle,
      h("label", { for: "f-has_representative" }, t("settlement.f.rep_toggle")),
    ),
    h("p", { class: "hint check-hint", id: "f-has_representative-hint" }, t("settlement.f.rep_toggle_hint")),
  );
  if (rep.on) block.append(section);
  return { block, section };
}

// The representative as typed, read from its fields even while they are off the page.
export function typedRepresentative(form) {
  const field = (name) => form.representative.querySelector(`[name="${name}"]`);
  const get = (name) => (field(name)?.value ?? "").trim();
  return {
    on: form.elements.has_representative.checked,
    full_name: get("rep_full_name"),
    iin: get("rep_iin"),
    power_of_attorney: {
      number: get("rep_poa_number"),
      date: get("rep_poa_date"),
      issued_by: get("rep_poa_issued_by"),
      settlement_authority: field("rep_authority")?.checked === true,
    },
  };
}
