// #/forgot: a person who forgot the password asks for a link to choose a new one. The answer is
// the same whether or not an account exists for the address (the server answers 202 either way),
// so the page never tells a stranger who has an account here.
import { api } from "../api.js";
import { announce, h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { generalText, plural } from "../refusals.js";
import { field, problemBox, sayProblems } from "./form.js";
import { placeRefusal } from "./password_form.js";

// How long an e-mailed link works, when the server's answer does not say (ODR default).
const LINK_MINUTES = 30;
// Refusals said as everywhere (refusals.js): too many links asked for, with how long to wait
// (Retry-After); a form sent from another site.
const SAID_GENERALLY = ["reset_throttled", "origin_not_allowed"];

function checkEmail(form) {
  const input = form.elements.email;
  if (!input.value.trim()) return [["email", t("forgot.email_empty")]];
  if (input.validity.typeMismatch) return [["email", t("forgot.email_bad")]];
  return [];
}

export function forgotPage(email = "") {
  const form = h(
    "form",
    { novalidate: true },
    problemBox(),
    field("email", t("auth.email"), {
      type: "email",
      autocomplete: "email",
      required: true,
      value: email,
      "aria-describedby": "f-email-error",
    }),
    h("button", { type: "submit", class: "button primary" }, t("forgot.button")),
  );
  let sending = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    const problems = checkEmail(form);
    sayProblems(form, problems);
    if (problems.length) return;
    const address = form.elements.email.value.trim();
    sending = true;
    let answer;
    try {
      answer = await api("POST", "/api/auth/password-reset", { email: address });
    } catch (error) {
      const general = SAID_GENERALLY.includes(error.code) ? generalText(error) : null;
      sayProblems(form, general ? [[null, general]] : placeRefusal(error));
      return;
    } finally {
      sending = false;
    }
    sent(address, answer?.expires_in_minutes ?? LINK_MINUTES);
  });
  mount(
    h("h1", {}, t("forgot.title")),
    h("p", {}, t("forgot.lead")),
    form,
    h("p", {}, h("a", { href: "/#/login" }, t("forgot.to_login"))),
  );
}

// The one answer for every address: where to look, for how long the link works, what to do if
// nothing came.
function sent(address, minutes) {
  const again = h("button", { type: "button", class: "button" }, t("forgot.again"));
  again.addEventListener("click", () => forgotPage(address));
  mount(
    h("h1", {}, t("forgot.sent_title")),
    h(
      "div",
      { class: "saved" },
      h("p", {}, t("forgot.sent", { email: address })),
      h("p", {}, plural("forgot.sent_for", minutes)),
      h("p", {}, t("forgot.sent_spam")),
    ),
    h("p", { class: "actions" }, again, h("a", { class: "button", href: "/#/login" }, t("forgot.to_login"))),
  );
  announce(t("forgot.sent_title"));
}
