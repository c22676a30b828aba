// Choices the document words itself in each of its languages (the codes of
// odr/documents/record.py): the law, how an obligation is performed, the state fee. Chosen from a
// list, so no party has to type them, and each column of a kk+ru document says them in its own
// language. A text a party gave instead of a code (an older draft) stays selectable as it is.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { termText } from "../../settlement_text.js";
import { control } from "../form.js";

export const CODES = {
  basis: ["civil_code", "consumer_protection_law", "labour_code", "marriage_family_code"],
  method: ["bank_transfer", "cash", "handover_record", "as_described"],
  state_fee: ["refund_by_law", "not_paid", "stays_with_payer"],
};
const KEEP = "keep"; // the option standing for a text given instead of a code

// A select of `kind`'s codes named `name`, `current` (a {code} or a text) selected.
export function codeSelect(name, label, kind, current) {
  const options = CODES[kind].map((code) =>
    h("option", { value: code, selected: current?.code === code }, t(`settlement.code.${kind}.${code}`)),
  );
  if (current && !current.code) options.push(h("option", { value: KEEP, selected: true }, termText(current, kind)));
  return control("select", name, label, {}, "", options);
}

// What the select named `name` says: a {code}, or `current` when its text was kept.
export function chosen(form, name, current) {
  const value = form.elements[name]?.value;
  if (value === undefined) return current;
  return value === KEEP ? current : { code: value };
}
