// Entry point: pick the language, draw the navigation, route by the URL fragment.
import { api } from "./api.js";
import { h } from "./dom.js";
import { detectLanguage, setLanguage, t } from "./i18n.js";
import { casePage } from "./pages/case.js";
import { casesPage } from "./pages/cases.js";
import { loginPage, signupPage } from "./pages/auth.js";
import { joinPage } from "./pages/join.js";
import { landingPage } from "./pages/landing.js";
import { newCasePage } from "./pages/newcase.js";
import { currentUser, setUser } from "./session.js";

const ROUTES = [
  [/^#\/login$/, loginPage],
  [/^#\/signup$/, signupPage],
  [/^#\/cases$/, casesPage],
  [/^#\/cases\/new$/, newCasePage],
  [/^#\/cases\/([0-9a-f]{32})$/, casePage],
];

async function drawNav() {
  const user = await currentUser();
  const links = user
    ? [h("a", { href: "#/cases" }, t("nav.cases")),
       h("button", { type: "button", class: "link", onclick: logout }, t("nav.logout"))]
    : [h("a", { href: "#/login" }, t("nav.login")), h("a", { href: "#/signup" }, t("nav.signup"))];
  document.getElementById("nav").replaceChildren(...links);
}

async function logout() {
  await api("POST", "/api/auth/logout");
  setUser(null);
  location.hash = "#/";
  await render();
}

export async function render() {
  document.querySelector(".skip").textContent = t("app.skip");
  document.getElementById("lang-label").textContent = t("app.language");
  await drawNav();
  if (location.pathname === "/join") return joinPage();
  for (const [pattern, page] of ROUTES) {
    const match = location.hash.match(pattern);
    if (match) return page(...match.slice(1));
  }
  return landingPage();
}

function start() {
  setLanguage(detectLanguage());
  const picker = document.getElementById("lang");
  picker.value = document.documentElement.lang;
  picker.addEventListener("change", () => {
    setLanguage(picker.value);
    render();
  });
  window.addEventListener("hashchange", render);
  render();
}

start();
