// What the three password pages share (forgotten password, new password from an e-mailed link,
// change of password in "My account"): the new password with its rules in plain words, a "show
// the passwords" switch, the checks made before anything is sent, and every refusal said at its
// field in the reader's language, chosen by its `code` (placeRefusal's pairs, said by form.js's
// sayProblems). The server's English message is never shown: people here read Kazakh or Russian,
// and "string_too_short" helps nobody.
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { field } from "./form.js";

// The server's limits for a new password (odr/auth/schemas.py), checked here first so that a
// person hears about a short password before waiting for the network.
const MIN_LENGTH = 8;
const MAX_LENGTH = 128;

// A password input whose error is part of its description: a screen reader that lands on the
// field (the first wrong one is focused) reads the label, the rules and what is wrong.
export function passwordField(name, label, autocomplete, hint = "") {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : "", `${id}-error`].filter(Boolean).join(" ");
  return field(
    name,
    label,
    {
      type: "password",
      autocomplete,
      required: true,
      "data-secret": true,
      autocapitalize: "off",
      spellcheck: "false",
      "aria-describedby": described,
    },
    hint,
  );
}

// The new password twice: a mistyped one on a phone would need a new link to undo.
export function newPasswordFields() {
  return [
    passwordField("new_password", t("password.new"), "new-password", t("password.rules")),
    passwordField("new_password_again", t("password.again"), "new-password"),
  ];
}

// One switch for every password on the form, so a person can see what the phone's keyboard typed.
export function showPasswords(form) {
  const box = h("input", { type: "checkbox", id: "show-passwords" });
  box.addEventListener("change", () => {
    form.querySelectorAll("[data-secret]").forEach((input) => {
      input.type = box.checked ? "text" : "password";
    });
  });
  return h("p", { class: "check" }, box, h("label", { for: "show-passwords" }, t("password.show")));
}

const length = (text) => [...text].length; // characters as the server counts them, not UTF-16 units

// What is wrong with the new password and its repetition before sending: [field, text] pairs.
export function checkNewPassword(form) {
  const value = form.elements.new_password.value;
  if (!value) return [["new_password", t("password.error.new_empty")]];
  if (length(value) < MIN_LENGTH) return [["new_password", t("password.error.too_short")]];
  if (length(value) > MAX_LENGTH) return [["new_password", t("password.error.too_long")]];
  if (form.elements.new_password_again.value !== value) {
    return [["new_password_again", t("password.error.mismatch")]];
  }
  return [];
}

// One invalid field of a 422, in words: by its name and pydantic's code for what was wrong.
function fieldText(name, code) {
  if (name === "email") return t(code === "missing" ? "forgot.email_empty" : "forgot.email_bad");
  if (name === "current_password") return t("password.error.current_empty");
  if (name === "new_password") {
    if (code === "string_too_short" || code === "missing") return t("password.error.too_short");
    if (code === "string_too_long") return t("password.error.too_long");
    return t("password.error.weak"); // our own validators: common, or too easy to guess
  }
  return t("password.error.other", { code });
}

// Where a refusal is said and what it says: [field name, or null for the whole form, text].
export function placeRefusal(error) {
  switch (error.code) {
    case "network":
      return [[null, t("error.network")]];
    case "password_wrong":
      return [["current_password", t("password.error.current_wrong")]];
    case "password_weak":
      return [["new_password", t("password.error.weak")]];
    case "validation_failed":
      if (error.fields.length) return error.fields.map((f) => [f.field, fieldText(f.field, f.code)]);
      break;
    default:
      break;
  }
  if (error.status === 429) return [[null, t("password.error.too_many")]];
  return [[null, t("password.error.other", { code: error.code })]];
}
