// How the invitation reaches the respondent, in the case form: a mobile number for an SMS besides
// the e-mail (optional) and the language the invitation is written in (the form's by default:
// a claimant writing in Kazakh may invite someone who reads Russian). Strings: part "notify".
import { h } from "../dom.js";
import { LANGUAGES, language, t } from "../i18n.js";
import { control, field } from "./form.js";

export function respondentReach() {
  const options = LANGUAGES.map((lang) =>
    h("option", { value: lang, selected: lang === language() }, t(`notify.language.${lang}`)),
  );
  return [
    field(
      "respondent_phone",
      t("notify.respondent_phone"),
      { type: "tel", autocomplete: "off" },
      t("notify.respondent_phone_hint"),
    ),
    control("select", "respondent_language", t("notify.respondent_language"), {}, "", options),
  ];
}

// The respondent's phone (when typed) and language, for POST /api/cases.
export function reachOf(value) {
  const phone = value("respondent_phone").trim();
  return { language: value("respondent_language"), ...(phone ? { phone } : {}) };
}
