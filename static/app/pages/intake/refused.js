// Where a refusal of the new-case form is said, and in which words: pure, no DOM. The server
// names a field by its path in the body ("items[1].held_by") with a stable code (docs/api.md);
// the form says it at the input the path is about, in the reader's language.
import { t } from "../../i18n.js";

// Rules of the case's shape: said at the way-to-settle choice or the items list.
const SHAPE = {
  division_needs_items: ["mechanism", "intake.refusal.division_needs_items"],
  bidding_needs_one_amount: ["mechanism", "intake.refusal.bidding_needs_one_amount"],
  items_need_division: ["mechanism", "intake.refusal.items_need_division"],
  items_not_distinct: ["items", "intake.refusal.items_not_distinct"],
};

const ITEM_PARTS = {
  name: ["item_name", "intake.refusal.item_name"],
  value: ["item_value", "intake.refusal.item_value"],
  note: ["item_note", "intake.refusal.item_note"],
  held_by: ["item_held", "intake.refusal.held_by_invalid"],
};

const PLAIN = {
  subject: ["subject", "intake.refusal.subject"],
  "respondent.name": ["respondent_name", "intake.refusal.respondent_name"],
  "respondent.email": ["respondent_email", "intake.refusal.respondent_email"],
  "claim.amount": ["amount", "intake.refusal.amount"],
  issues: ["issues", "intake.refusal.issues"],
  items: ["items", "intake.refusal.items_count"],
};

// [input or group name, text] for one refused field, or null when the form has no place for it
// (the line above the form then says the case was not opened). `itemKeys[i]` is the key of the
// row items[i] was read from.
export function placeOfRefusal({ field, code }, itemKeys) {
  if (Object.hasOwn(SHAPE, code)) {
    const [name, key] = SHAPE[code];
    return [name, t(key)];
  }
  const item = field.match(/^items\[(\d+)\]\.(\w+)$/);
  if (item) {
    const rowKey = itemKeys[Number(item[1])];
    if (rowKey === undefined || !Object.hasOwn(ITEM_PARTS, item[2])) return null;
    const [prefix, key] = ITEM_PARTS[item[2]];
    return [`${prefix}_${rowKey}`, t(key)];
  }
  if (Object.hasOwn(PLAIN, field)) {
    const [name, key] = PLAIN[field];
    return [name, t(key)];
  }
  if (/^issues\[\d+\]/.test(field)) return ["issues", t("intake.refusal.issue")];
  return null;
}
