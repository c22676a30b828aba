// Where a refusal of the new-case form is said, and in which words: pure, no DOM. The server
// names a field by its path in the body ("items[1].held_by") with a stable code (docs/api.md);
// the form says it at the input the path is about, in the reader's language.
import { t } from "../../i18n.js";
import { placeOfParty } from "./parties_editor.js";

// Rules of the case's shape: said at the way-to-settle choice or the items list.
const SHAPE = {
  division_needs_items: ["mechanism", "intake.refusal.division_needs_items"],
  bidding_needs_one_amount: ["mechanism", "intake.refusal.bidding_needs_one_amount"],
  items_need_division: ["mechanism", "intake.refusal.items_need_division"],
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

// The keys of the rows whose names another row has too, ignoring case (as the server compares).
function rowsNamedAlike(items, itemKeys) {
  const names = items.map((item) => item.name.toLocaleLowerCase());
  return itemKeys.filter((_, i) => names.indexOf(names[i]) !== names.lastIndexOf(names[i]));
}

// [input or group name, text] pairs for one refused field, none when the form has no place for
// it (the line above the form then says the case was not opened). `sent` is what the form sent:
// its `items`, and `itemKeys[i]` the key of the row items[i] was read from (`partyKeys[i]`
// likewise for other_parties[i]).
export function placesOfRefusal(refused, sent) {
  const party = placeOfParty(refused, sent.partyKeys ?? []);
  if (party) return [party];
  if (refused.code === "items_not_distinct") {
    const alike = rowsNamedAlike(sent.items, sent.itemKeys);
    const text = t("intake.refusal.items_not_distinct");
    return alike.length ? alike.map((key) => [`item_name_${key}`, text]) : [["items", text]];
  }
  const place = placeOfRefusal(refused, sent.itemKeys);
  return place ? [place] : [];
}

function placeOfRefusal({ field, code }, itemKeys) {
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
