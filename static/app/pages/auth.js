// Log in and sign up. Every refusal is said at its field in the page's language, chosen by its
// `code` (docs/api.md): the server's English ("wrong e-mail or password", zxcvbn's advice) helps
// nobody reading Kazakh or Russian on a phone. What can be checked here is checked before sending.
import { api, ApiError } from "../api.js";
import { h, mount } from "../dom.js";
import { language, t } from "../i18n.js";
import { refusalText, ruleText } from "../refusals.js";
import { setUser } from "../session.js";
import { field, problemBox, sayProblems } from "./form.js";

const STAFF = ["mediator", "clerk", "admin"];
// The server's limits (odr/auth/schemas.py NewPassword, odr/web/schema.py Name).
const MIN_PASSWORD = 8;
const MAX_PASSWORD = 128;
const MAX_NAME = 200;
// What odr/web/boundary.py calls a character a name may not hold (pasted invisible ones).
const INVISIBLE = ["control_character", "line_break", "lone_surrogate"];

const length = (text) => [...text].length; // characters as the server counts them

const NEXT = "kelisim.next";

// A page that needs a logged-in person sends an anonymous one here, remembering where they were
// going ("open a case", a case's link from an e-mail): after logging in or signing up, on this
// tab, they arrive there instead of at a list they did not ask for.
export function loginFirst() {
  if (location.hash.startsWith("#/")) sessionStorage.setItem(NEXT, location.hash);
  location.hash = "#/login";
}

// Where a person goes once known: the invitation it came with; else the page it was going to;
// else centre staff to their dashboard, a party that just signed up (it has no case yet: "open a
// case" brought it here) to the new case's form, and a party logging in to its cases.
function afterLogin(body, signedUp) {
  setUser(body.user);
  const pending = sessionStorage.getItem("kelisim.invite");
  const next = sessionStorage.getItem(NEXT);
  sessionStorage.removeItem(NEXT);
  if (pending) location.href = `/join#token=${pending}`;
  else if (next && /^#\/[\w/.-]*$/.test(next)) location.href = `/${next}`;
  else if (STAFF.includes(body.user.role)) location.href = "/#/mediator";
  else location.href = signedUp ? "/#/cases/new" : "/#/cases";
}

// The pieces of the e-mail's local part and of the name that a new password may not contain,
// cut as odr/auth/strength.py cuts them; used only to say which of `password_weak`'s two
// reasons applies (the server's message, which says it, is English).
function personalWords(email, name) {
  const local = email.trim().toLowerCase().split("@")[0];
  const cut = (text) => text.split(/[^\p{L}\p{N}]+/u);
  return [local, ...cut(local), ...cut(name.trim().toLowerCase())].filter((piece) => length(piece) >= 3);
}

function weakText(form) {
  const password = form.elements.password.value.toLowerCase();
  const name = form.elements.display_name?.value ?? "";
  const personal = personalWords(form.elements.email.value, name).some((piece) => password.includes(piece));
  return t(personal ? "auth.error.weak_personal" : "password.error.weak");
}

function emailProblem(input) {
  if (!input.value.trim()) return ["email", t("forgot.email_empty")];
  if (input.validity.typeMismatch) return ["email", t("forgot.email_bad")];
  return null;
}

// One invalid field of a 422, in words: by the field and the rule's code (pydantic's, or
// odr/web/boundary.py's).
function fieldText(form, name, code, params = {}) {
  const signup = Boolean(form.elements.display_name);
  if (name === "email") return t(code === "missing" ? "forgot.email_empty" : "forgot.email_bad");
  if (name === "password") {
    if (code === "missing" || (code === "string_too_short" && !signup)) return t("auth.error.password_empty");
    if (!signup) return t("auth.error.login_failed"); // too long to be anybody's password
    if (code === "string_too_short") return t("password.error.too_short");
    if (code === "string_too_long") return t("password.error.too_long");
    if (code === "password_weak") return weakText(form);
  }
  if (name === "display_name") {
    if (code === "missing" || code === "string_too_short") return t("auth.error.name_empty");
    if (code === "string_too_long") return t("auth.error.name_long");
    if (INVISIBLE.includes(code)) return t("auth.error.name_invisible");
  }
  return ruleText(code, params);
}

// Where a refusal of log-in or sign-up is said and what it says: [field name or null, text].
function placeAuthRefusal(form, error) {
  switch (error.code) {
    case "login_failed": // which of the two is wrong is never said: it would tell who has an account
      return [[null, t("auth.error.login_failed")]];
    case "email_taken":
      return [["email", t("auth.error.email_taken")]];
    case "password_weak":
      return [["password", weakText(form)]];
    case "validation_failed":
      if (error.fields.length) return error.fields.map((f) => [f.field, fieldText(form, f.field, f.code, f.params)]);
      break;
    default:
      break;
  }
  return [[null, refusalText(error)]];
}

// Sends the form once at a time; says what is wrong before sending, and every refusal after.
function submitting(form, check, send, signedUp = false) {
  let sending = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    const problems = check().filter(Boolean);
    sayProblems(form, problems);
    if (problems.length) return;
    sending = true;
    try {
      afterLogin(await send(), signedUp);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sayProblems(form, placeAuthRefusal(form, error));
    } finally {
      sending = false;
    }
  });
}

export function loginPage() {
  const form = h(
    "form",
    { novalidate: true },
    problemBox(),
    field("email", t("auth.email"), { type: "email", autocomplete: "email", required: true }),
    field("password", t("auth.password"), { type: "password", autocomplete: "current-password", required: true }),
  );
  form.append(h("button", { type: "submit", class: "button primary" }, t("auth.login_button")));
  submitting(
    form,
    () => [
      emailProblem(form.elements.email),
      form.elements.password.value ? null : ["password", t("auth.error.password_empty")],
    ],
    () => api("POST", "/api/auth/login", { email: form.elements.email.value, password: form.elements.password.value }),
  );
  mount(
    h("h1", {}, t("auth.login_title")),
    form,
    h("p", {}, h("a", { href: "#/forgot" }, t("auth.forgot"))),
    h("p", {}, h("a", { href: "#/signup" }, t("auth.to_signup"))),
  );
}

function newPasswordProblem(value) {
  if (!value) return ["password", t("auth.error.password_empty")];
  if (length(value) < MIN_PASSWORD) return ["password", t("password.error.too_short")];
  if (length(value) > MAX_PASSWORD) return ["password", t("password.error.too_long")];
  return null;
}

export function signupPage() {
  const form = h(
    "form",
    { novalidate: true },
    problemBox(),
    field("display_name", t("auth.name"), { autocomplete: "name", required: true }),
    field("email", t("auth.email"), { type: "email", autocomplete: "email", required: true }),
    field(
      "password",
      t("auth.password"),
      { type: "password", autocomplete: "new-password", required: true, minlength: MIN_PASSWORD },
      t("password.rules"),
    ),
  );
  form.append(h("button", { type: "submit", class: "button primary" }, t("auth.signup_button")));
  const name = () => form.elements.display_name.value.trim();
  submitting(
    form,
    () => [
      !name() ? ["display_name", t("auth.error.name_empty")] : null,
      length(name()) > MAX_NAME ? ["display_name", t("auth.error.name_long")] : null,
      emailProblem(form.elements.email),
      newPasswordProblem(form.elements.password.value),
    ],
    () =>
      api("POST", "/api/auth/signup", {
        display_name: form.elements.display_name.value,
        email: form.elements.email.value,
        password: form.elements.password.value,
        language: language(),
      }),
    true,
  );
  mount(h("h1", {}, t("auth.signup_title")), form, h("p", {}, h("a", { href: "#/login" }, t("auth.to_login"))));
}
