// What the server's settlement answer (GET /api/cases/{id}/settlement) means for the person
// reading the page, and what a newer answer changes: pure, no DOM. `s` is an answer, `me` this
// person's role, `others` every other party's (two to ten parties: settlement_text.othersOf),
// `names` the parties' names by role (settlement_text.namesOf).
import { t } from "../../i18n.js";
import { nameList } from "../../settlement_text.js";

export const finished = (s) => s.status === "signed" || s.status === "filed";

// Nothing on the page can change any more: filed by the court, or signed by both with no court
// to file it. The page stops asking the server then.
export const settled = (s) => s.status === "filed" || (s.status === "signed" && !s.court);

export const signedRoles = (s) => new Set(s.signatures.map((x) => x.role));

const hasSigned = (s, role) => s.signatures.some((x) => x.role === role);

// The other parties who have not given their details yet, in party order.
export const detailsAwaited = (s, others) => others.filter((role) => !s.parties[role]);

// The other parties whose signature of this text is still awaited, in party order.
export const signaturesAwaited = (s, others) => {
  const signed = signedRoles(s);
  return others.filter((role) => !signed.has(role));
};

// "Signed by 3 of 5: waiting for Dana, Erlan" (among three or more parties, once someone
// signed; null between two, whose page names the one other party in its own sentences).
export function signedCount(s, me, others, names) {
  if (others.length < 2 || !s.record || finished(s) || !s.signatures.length) return null;
  const waiting = s.awaiting ?? signaturesAwaited(s, [me, ...others]);
  const total = others.length + 1;
  return t("signing.party.signed_count", { signed: total - waiting.length, total, names: nameList(names, waiting) });
}

// One sentence: what this person should do now (`eds`: the page offers EDS first).
export function nowText(s, me, others, names, eds = false) {
  if (s.status === "filed") return t("settlement.now.filed", { number: s.filed?.court_case_number || "" });
  if (finished(s)) return t(others.length > 1 ? "signing.party.now_signed" : "settlement.now.signed");
  if (!s.parties[me]) return t("settlement.now.details");
  if (!s.terms.place) return t("settlement.now.place");
  const noDetails = detailsAwaited(s, others);
  if (noDetails.length) return t("settlement.now.wait_details", { name: nameList(names, noDetails) });
  if (s.problems.length || !s.record) return t("settlement.now.problems");
  if (!signedRoles(s).has(me)) return t(eds ? "signing.now.sign" : "settlement.now.sign");
  return t("settlement.now.wait_sign", { name: nameList(names, signaturesAwaited(s, others)) });
}

// The four steps and where each stands: [catalogue key, "done" | "now" | "waiting" | "later"].
export function steps(s, me, others) {
  const signed = signedRoles(s);
  const allSigned = signaturesAwaited(s, others).length === 0;
  return [
    ["settlement.step1", s.parties[me] ? "done" : "now"],
    ["settlement.step2", s.terms.place ? "done" : s.parties[me] ? "now" : "later"],
    ["settlement.step3", signed.has(me) ? (allSigned ? "done" : "waiting") : s.record ? "now" : "later"],
    ["settlement.step4", finished(s) ? "done" : "later"],
  ];
}

// JSON with sorted keys, to compare two versions of the terms.
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

// What the page shows depends on these only; an answer equal in them is no news.
const fingerprint = (x) =>
  JSON.stringify([x.version, x.status, x.record_sha256, x.signatures.map((g) => g.role), x.filed]);

// What a newer answer (`next`, from polling) changes for a page showing `before`, while the
// person is `typing` or not: { adopt: take `next` as the page's answer, redraw: draw it, news:
// what to tell the person }. News: null; "sealed" (the document was just sealed or filed: the
// banner says it); "changed" (the text to sign changed); "they_signed" (one of the `others` (a
// role or a list of roles) signed since); "changed_while_typing".
//
// A page is never redrawn over what the person is typing, unless the document was sealed
// meanwhile (then nothing typed can be used). A signature changes no text, so it is taken in
// silently apart from the news; any other change is met later by the version check (terms) or
// the record check (signing), which then show the latest text.
export function pollNews(before, next, others, typing) {
  if (fingerprint(next) === fingerprint(before)) return { adopt: false, redraw: false, news: null };
  const theySigned = [others].flat().some((role) => hasSigned(next, role) && !hasSigned(before, role));
  const sealed = finished(next) && !finished(before);
  if (typing && !sealed) {
    if (next.version === before.version) return { adopt: true, redraw: false, news: theySigned ? "they_signed" : null };
    return { adopt: false, redraw: false, news: "changed_while_typing" };
  }
  let news = null;
  if (sealed || (next.status === "filed" && before.status !== "filed")) news = "sealed";
  else if (next.record_sha256 && before.record_sha256 && next.record_sha256 !== before.record_sha256) news = "changed";
  else if (theySigned) news = "they_signed";
  return { adopt: true, redraw: true, news };
}
