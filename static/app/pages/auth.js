import { api } from "../api.js";
import { h, mount } from "../dom.js";
import { language, t } from "../i18n.js";
import { setUser } from "../session.js";
import { field, formError, showError } from "./form.js";

const STAFF = ["mediator", "clerk", "admin"];

// A party goes to its cases (or the invitation it came with); centre staff to their dashboard.
function afterLogin(body) {
  setUser(body.user);
  const pending = sessionStorage.getItem("kelisim.invite");
  if (pending) location.href = `/join#token=${pending}`;
  else location.href = STAFF.includes(body.user.role) ? "/#/mediator" : "/#/cases";
}

export function loginPage() {
  const form = h("form", { novalidate: true },
    formError(),
    field("email", t("auth.email"), { type: "email", autocomplete: "email", required: true }),
    field("password", t("auth.password"), { type: "password", autocomplete: "current-password", required: true }),
    h("button", { type: "submit", class: "button primary" }, t("auth.login_button")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    try {
      afterLogin(await api("POST", "/api/auth/login", data));
    } catch (error) {
      showError(form, error);
    }
  });
  mount(h("h1", {}, t("auth.login_title")), form,
    h("p", {}, h("a", { href: "#/forgot" }, t("auth.forgot"))),
    h("p", {}, h("a", { href: "#/signup" }, t("auth.to_signup"))));
}

export function signupPage() {
  const form = h("form", { novalidate: true },
    formError(),
    field("display_name", t("auth.name"), { autocomplete: "name", required: true }),
    field("email", t("auth.email"), { type: "email", autocomplete: "email", required: true }),
    field("password", t("auth.password"), { type: "password", autocomplete: "new-password", required: true, minlength: 8 }, t("auth.password_hint")),
    h("button", { type: "submit", class: "button primary" }, t("auth.signup_button")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = { ...Object.fromEntries(new FormData(form)), language: language() };
    try {
      afterLogin(await api("POST", "/api/auth/signup", data));
    } catch (error) {
      showError(form, error);
    }
  });
  mount(h("h1", {}, t("auth.signup_title")), form,
    h("p", {}, h("a", { href: "#/login" }, t("auth.to_login"))));
}
