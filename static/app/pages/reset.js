// /reset#token=…: the link from the "forgot your password" e-mail. The token stays in the URL
// fragment, which browsers never send to a server (nor in a Referer), like an invitation's.
// The person chooses a new password; a used, expired or cut-off link is said plainly, with the way
// to ask for a new one.
import { api } from "../api.js";
import { announce, h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { problemBox, sayProblems } from "./form.js";
import { checkNewPassword, newPasswordFields, placeRefusal, showPasswords } from "./password_form.js";

// A 422 about the token itself means the link is broken, whatever the password was.
const linkIsDead = (error) =>
  error.code === "reset_token_invalid" ||
  (error.code === "validation_failed" && error.fields.some((f) => f.field === "token"));

export function resetPage() {
  const token = new URLSearchParams(location.hash.slice(1)).get("token");
  if (!token) {
    deadLink();
    return;
  }
  const form = h("form", { novalidate: true }, problemBox(), ...newPasswordFields());
  form.append(showPasswords(form), h("button", { type: "submit", class: "button primary" }, t("reset.button")));
  let sending = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    const problems = checkNewPassword(form);
    sayProblems(form, problems);
    if (problems.length) return;
    sending = true;
    try {
      await api("POST", "/api/auth/password-reset/confirm", { token, new_password: form.elements.new_password.value });
    } catch (error) {
      if (linkIsDead(error)) deadLink();
      else sayProblems(form, placeRefusal(error));
      return;
    } finally {
      sending = false;
    }
    changed();
  });
  mount(h("h1", {}, t("reset.title")), h("p", {}, t("reset.lead")), form);
}

function changed() {
  mount(
    h("h1", {}, t("reset.done_title")),
    h("div", { class: "saved" }, h("p", {}, t("reset.done"))),
    h("p", { class: "actions" }, h("a", { class: "button primary", href: "/#/login" }, t("reset.login"))),
  );
  announce(t("reset.done_title"));
}

function deadLink() {
  mount(
    h("h1", {}, t("reset.dead_title")),
    h("p", { role: "alert" }, t("reset.dead")),
    h("p", { class: "actions" }, h("a", { class: "button primary", href: "/#/forgot" }, t("reset.new_link"))),
  );
}
