// The other parties of a case, named for sentences such as "waiting for Ruslan, Dana and Erlan":
// every party taking part but the reader (a withdrawn one no longer counts), or, while nobody
// else has joined, those invited (the respondent's name as the claimant typed it).
import { t } from "../i18n.js";

// My side in the case: claimant, respondent or own (in a case from before sides, my role's).
export function mySideIn(c) {
  return c.parties?.find((p) => p.role === c.my_role)?.side || c.my_role;
}

// Parties other than me that take part, optionally only those of one side.
export function otherParties(c, side = null) {
  return (c.parties || []).filter((p) => p.role !== c.my_role && !p.withdrawn_at && (side === null || p.side === side));
}

// Names in a sentence: "A", "A and B", "A, B and C" in the reader's language.
export function namesList(names) {
  if (names.length < 2) return names[0] || "";
  return t("parties.list_and", { first: names.slice(0, -1).join(", "), last: names.at(-1) });
}

// The other parties' names, for every "the other party" of a page.
export function othersNames(c) {
  const joined = otherParties(c).map((p) => p.display_name);
  if (joined.length) return namesList(joined);
  const invited = (c.invited_parties || []).filter((p) => p.status !== "dropped").map((p) => p.name);
  return namesList(invited.length ? invited : [c.respondent_name || t("role.respondent")]);
}
