// Where a refusal of the settlement's forms is said, and in which words: pure, no DOM. The server
// names a refused field by its path in the request body ("obligations[1].instalments[0].amount")
// and explains in English; the page says it at the input the path is about, in the reader's
// language. A Kazakh or Russian page never shows the English: a sentence known here is said in
// the reader's words, any other as a plain "not accepted, check it" in the reader's language.
import { formatMoney as money } from "../../format.js";
import { language, t } from "../../i18n.js";
import { sumOfParts } from "./instalments.js";

// The server's message without pydantic's "Value error, " in front.
function english(message) {
  return String(message || "").replace(/^Value error, /, "");
}

// The server's message as the reader may see it: as it is on an English page; on a Kazakh or
// Russian one in the reader's words where the rule is known here, else a plain sentence.
export function serverText(message) {
  const text = english(message);
  if (language() === "en") return text;
  return known(text, null) ?? t("refusal.rule.other");
}

const REPRESENTATIVE = {
  "representative.full_name": "rep_full_name",
  "representative.iin": "rep_iin",
  "representative.power_of_attorney.number": "rep_poa_number",
  "representative.power_of_attorney.date": "rep_poa_date",
  "representative.power_of_attorney.issued_by": "rep_poa_issued_by",
  "representative.power_of_attorney.settlement_authority": "rep_authority",
};

// The input of the identity form a refused path is about, or null. The server checks IIN and BIN
// digits; its reason goes next to the number it is about.
export function identityInputOf(path, message) {
  if (path.startsWith("signatory.")) return `signatory_${path.slice(10)}`;
  if (path.startsWith("representative")) return REPRESENTATIVE[path] || null;
  if (["full_name", "iin", "bin", "legal_form", "address"].includes(path)) return path;
  if (/\bIIN\b/.test(message)) return "iin";
  if (/\bBIN\b/.test(message)) return "bin";
  return null;
}

// Whether `message` (the server's English, or serverText()'s words for it on a Kazakh or Russian
// page) says the rule `pattern` matches in English and `key` words.
const says = (message, pattern, key) => pattern.test(message) || message === t(key);

// A payment whose parts do not add up to its amount (said at the amount).
const partsMissAmount = (message, sent) =>
  sent?.kind === "payment" && says(message, /must add up/, "settlement.error.parts_sum_plain");

// The input of the terms form a refused path is about, or null: `keys[i]` is the key of the box
// obligations[i] came from, `sent` that obligation as it was sent.
export function termsInputOf(path, message, keys, sent) {
  if (path === "place" || path === "document_language") return path;
  const ob = path.match(/^obligations\[(\d+)\](.*)$/);
  if (!ob || keys[Number(ob[1])] === undefined) return null;
  const key = keys[Number(ob[1])];
  const rest = ob[2];
  const part = rest.match(/^\.instalments\[(\d+)\](\.\w+)?/);
  if (part) return part[2] === ".amount" ? `part-${key}-${part[1]}` : `due-${key}-${part[1]}`;
  // The whole schedule: parts that do not add up are said at the amount; their dates (order,
  // after the due date) in the obligation's box, with every date input marked.
  if (rest === ".instalments") return partsMissAmount(message, sent) ? `ob-${key}-amount` : null;
  if (rest.startsWith(".due_date")) return `due-${key}`;
  if (rest.startsWith(".account")) return `account-${key}`;
  if (rest.startsWith(".description")) return `ob-${key}-description`;
  if (rest.startsWith(".amount") || rest.startsWith(".currency")) return `ob-${key}-amount`;
  if (rest.startsWith(".debtor") || rest.startsWith(".creditor")) return `ob-${key}-debtor`;
  if (rest.startsWith(".kind")) return `ob-${key}-debtor`; // a payment or transfer left without one debtor
  if (rest === "") {
    // A rule about the whole obligation: at the input it is about, if one.
    const needsAmount = says(message, /needs an amount/, "settlement.error.amount");
    if (partsMissAmount(message, sent) || (needsAmount && sent?.kind === "payment")) return `ob-${key}-amount`;
    if (says(message, /debtor and creditor/, "settlement.error.same_party")) return `ob-${key}-debtor`;
  }
  return null;
}

// The reader's words for a server sentence this page knows, or null. `sent`: the obligation it
// is about, as it was sent, when there is one.
function known(text, sent) {
  const vague = text.match(/^'(.+)' is vague/);
  if (vague) return t("settlement.error.vague", { word: vague[1] });
  if (/\bIIN\b/.test(text)) return t("refusal.rule.iin_invalid");
  if (/\bBIN\b/.test(text)) return t("refusal.rule.bin_invalid");
  if (/instalment dates must be increasing/.test(text)) return t("settlement.error.instalment_order");
  if (/cannot be due after/.test(text)) return t("settlement.error.instalment_after");
  if (/must add up to the amount/.test(text)) {
    if (!sent) return t("settlement.error.parts_sum_plain");
    return t("settlement.error.parts_sum", {
      sum: money(sumOfParts(sent.instalments), sent.currency),
      amount: money(sent.amount, sent.currency),
    });
  }
  if (/debtor and creditor/.test(text)) return t("settlement.error.same_party");
  // Who performs (issue #13): one party, or all of them for a joint action; only parties (#17).
  if (/has no creditor/.test(text)) return t("settlement.error.joint_no_creditor");
  if (/needs one party as debtor|needs a debtor/.test(text)) return t("settlement.error.debtor_needed");
  if (/needs (the other|another) party as creditor|needs a creditor/.test(text)) return t("settlement.error.who");
  if (/is not a party to this settlement/.test(text)) return t("signing.party.unknown");
  if (/joint action has no amount/.test(text)) return t("settlement.error.joint_amount");
  if (/needs an amount/.test(text)) return t("settlement.error.amount");
  if (/greater than 0\b/.test(text)) return t("settlement.error.amount_zero");
  if (/less than or equal to/.test(text)) return t("settlement.error.amount_big");
  if (/decimal/.test(text)) return t("settlement.error.amount");
  if (/at least 3 characters/.test(text)) return t("settlement.error.description");
  return null;
}

// What the server refuses in an obligation, in the reader's language where the rule is known;
// anything else as serverText() says it. `sent` is the obligation as it was sent.
export function obligationProblem(message, sent) {
  return known(english(message), sent) ?? serverText(message);
}
