// The parties besides the respondent, as the claimant adds them at intake (#17): heirs, co-owners,
// a guarantor… Each row asks a name, an e-mail, a mobile number (optional, for an SMS), the
// language of its invitation (the form's by default; strings of part "notify") and whose side the
// party is on; up to 8 rows, 10 parties in all with the claimant and the respondent.
// Each row keeps the key its inputs are named by, so a refusal of `other_parties[i].email` is
// said at row i's e-mail box (placeOfParty).
import { h } from "../../dom.js";
import { LANGUAGES, language, t } from "../../i18n.js";
import { control, field } from "../form.js";

export const MAX_OTHER_PARTIES = 8;
const SIDES = ["own", "claimant", "respondent"];

function partyRow(key, onRemove) {
  const sides = SIDES.map((side) => h("option", { value: side }, t(`intake.parties.side.${side}`)));
  const languages = LANGUAGES.map((lang) =>
    h("option", { value: lang, selected: lang === language() }, t(`notify.language.${lang}`)),
  );
  return h(
    "fieldset",
    { class: "other-party", "data-key": key },
    h("legend", {}),
    field(`party_name_${key}`, t("intake.parties.name"), { required: true, autocomplete: "off" }),
    field(`party_email_${key}`, t("intake.parties.email"), { type: "email", required: true, autocomplete: "off" }),
    field(
      `party_phone_${key}`,
      t("intake.parties.phone"),
      { type: "tel", autocomplete: "off" },
      t("intake.parties.phone_hint"),
    ),
    control("select", `party_language_${key}`, t("notify.respondent_language"), {}, "", languages),
    control("select", `party_side_${key}`, t("intake.parties.side"), {}, t("intake.parties.side_hint"), sides),
    h("button", { type: "button", class: "link", onclick: onRemove }, t("intake.parties.remove")),
  );
}

// The editor's element and a reader of its rows ({parties, keys}: keys[i] names row i's inputs).
export function partiesEditor() {
  let next = 0;
  const rows = h("div", { class: "other-parties" });
  const add = h("button", { type: "button", class: "button" }, t("intake.parties.add"));
  const full = h("p", { class: "hint", hidden: true }, t("intake.parties.full", { max: MAX_OTHER_PARTIES + 2 }));
  const renumber = () => {
    const all = [...rows.children];
    all.forEach((row, n) => {
      row.querySelector("legend").textContent = t("intake.parties.party_n", { n: n + 3 });
    });
    add.hidden = all.length >= MAX_OTHER_PARTIES;
    full.hidden = !add.hidden;
  };
  add.addEventListener("click", () => {
    const key = next++;
    const row = partyRow(key, () => {
      row.remove();
      renumber();
      add.focus();
    });
    rows.append(row);
    renumber();
    row.querySelector("input").focus();
  });
  const element = h(
    "div",
    { class: "parties-editor", "data-field": "other_parties" },
    h("h3", {}, t("intake.parties.title")),
    h("p", { class: "hint" }, t("intake.parties.hint")),
    h("span", { class: "error", role: "alert" }),
    rows,
    add,
    full,
  );
  const read = () => {
    const keys = [...rows.children].map((row) => row.dataset.key);
    const value = (name) => rows.querySelector(`[name="${name}"]`).value.trim();
    const parties = keys.map((key) => {
      const phone = value(`party_phone_${key}`);
      return {
        name: value(`party_name_${key}`),
        email: value(`party_email_${key}`),
        side: value(`party_side_${key}`),
        language: value(`party_language_${key}`),
        ...(phone ? { phone } : {}),
      };
    });
    return { parties, keys };
  };
  return { element, read };
}

const PARTY_PARTS = {
  name: ["party_name", "intake.refusal.respondent_name"],
  email: ["party_email", "intake.refusal.respondent_email"],
  phone: ["party_phone", "notify.phone_invalid"],
  side: ["party_side", "intake.parties.refused.side"],
};

// Codes that say more than "check this e-mail".
const EMAIL_CODES = {
  duplicate_email: "intake.parties.refused.duplicate_email",
  own_email: "intake.parties.refused.own_email",
};

// [input name, text] for a refused field about the parties, or null when it is about another.
// `partyKeys[i]` is the key of the row other_parties[i] was read from.
export function placeOfParty({ field, code }, partyKeys) {
  if (field === "other_parties") return ["other_parties", t("intake.parties.full", { max: MAX_OTHER_PARTIES + 2 })];
  if (field === "respondent.email" && Object.hasOwn(EMAIL_CODES, code)) {
    return ["respondent_email", t(EMAIL_CODES[code])];
  }
  const party = field.match(/^other_parties\[(\d+)\]\.(\w+)$/);
  if (!party) return null;
  const key = partyKeys[Number(party[1])];
  if (key === undefined || !Object.hasOwn(PARTY_PARTS, party[2])) return null;
  const [prefix, words] = PARTY_PARTS[party[2]];
  const text = party[2] === "email" && Object.hasOwn(EMAIL_CODES, code) ? t(EMAIL_CODES[code]) : t(words);
  return [`${prefix}_${key}`, text];
}
