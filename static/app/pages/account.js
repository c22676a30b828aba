// #/account: who is logged in, and changing the password. Changing it ends the person's other
// sessions (a lost phone, a shared computer), so the page says that they were logged out there.
import { api } from "../api.js";
import { announce, h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { generalText } from "../refusals.js";
import { loginFirst } from "./auth.js";
import { currentUser, setUser } from "../session.js";
import { problemBox, sayProblems } from "./form.js";
import { checkNewPassword, newPasswordFields, passwordField, placeRefusal, showPasswords } from "./password_form.js";

const STAFF = ["mediator", "clerk", "admin"];
// Refusals said as everywhere (refusals.js), above the form: too many wrong passwords, with how
// long to wait (Retry-After); a stale page; a form sent from another site.
const SAID_GENERALLY = ["reauth_throttled", "csrf_failed", "origin_not_allowed"];

export async function accountPage() {
  const user = await currentUser();
  if (!user) {
    loginFirst();
    return;
  }
  const form = h(
    "form",
    { novalidate: true, "aria-labelledby": "password-title" },
    problemBox(),
    passwordField("current_password", t("account.current"), "current-password"),
    ...newPasswordFields(),
  );
  form.append(showPasswords(form), h("button", { type: "submit", class: "button primary" }, t("account.button")));
  let sending = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    const problems = form.elements.current_password.value
      ? checkNewPassword(form)
      : [["current_password", t("password.error.current_empty")]];
    sayProblems(form, problems);
    if (problems.length) return;
    sending = true;
    try {
      await api("POST", "/api/auth/password", {
        current_password: form.elements.current_password.value,
        new_password: form.elements.new_password.value,
      });
    } catch (error) {
      if (error.code === "not_authenticated") {
        // the session ended meanwhile
        setUser(null);
        loginFirst();
        return;
      }
      const general = SAID_GENERALLY.includes(error.code) ? generalText(error) : null;
      sayProblems(form, general ? [[null, general]] : placeRefusal(error));
      return;
    } finally {
      sending = false;
    }
    changed(user);
  });
  mount(
    h("h1", {}, t("account.title")),
    who(user),
    h("h2", { id: "password-title" }, t("account.password_title")),
    form,
  );
}

function who(user) {
  return h("p", {}, t("account.who", { name: user.display_name, email: user.email }));
}

function changed(user) {
  mount(
    h("h1", {}, t("account.title")),
    who(user),
    h("div", { class: "saved" }, h("h2", {}, t("account.done_title")), h("p", {}, t("account.done"))),
    h(
      "p",
      { class: "actions" },
      STAFF.includes(user.role)
        ? h("a", { class: "button primary", href: "#/mediator" }, t("nav.centre"))
        : h("a", { class: "button primary", href: "#/cases" }, t("nav.cases")),
    ),
  );
  announce(t("account.done_title"));
}
