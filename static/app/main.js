// Entry point: pick the language, draw the navigation, route by the URL fragment.
import { api, ApiError } from "./api.js";
import { h, leavePage, mount } from "./dom.js";
import { detectLanguage, setLanguage, t } from "./i18n.js";
import { agreementPage } from "./pages/agreement.js";
import { casePage } from "./pages/case.js";
import { casesPage } from "./pages/cases.js";
import { loginPage, signupPage } from "./pages/auth.js";
import { interestsPage } from "./pages/interests.js";
import { joinPage } from "./pages/join.js";
import { landingPage } from "./pages/landing.js";
import { mediatorCasePage } from "./pages/mediator/case.js";
import { mediatorDashboardPage } from "./pages/mediator/dashboard.js";
import { newCasePage } from "./pages/newcase.js";
import { proposalsPage } from "./pages/proposals.js";
import { roomPage } from "./pages/room.js";
import { settlementPage } from "./pages/settlement.js";
import { verifyPage } from "./pages/verify.js";
import { leaveRoomsExcept } from "./room/live.js";
import { currentUser, setUser } from "./session.js";

const ROUTES = [
  [/^#\/login$/, loginPage],
  [/^#\/signup$/, signupPage],
  [/^#\/cases$/, casesPage],
  [/^#\/cases\/new$/, newCasePage],
  [/^#\/cases\/([0-9a-f]{32})$/, casePage],
  [/^#\/cases\/([0-9a-f]{32})\/sharing$/, (id) => casePage(id, "sharing")],
  [/^#\/cases\/([0-9a-f]{32})\/interests$/, interestsPage],
  [/^#\/cases\/([0-9a-f]{32})\/proposals$/, proposalsPage],
  [/^#\/cases\/([0-9a-f]{32})\/room$/, roomPage],
  [/^#\/cases\/([0-9a-f]{32})\/agreement$/, agreementPage],
  [/^#\/cases\/([0-9a-f]{32})\/settlement$/, settlementPage],
  [/^#\/verify(?:\/([^/]+))?$/, verifyPage],
  [/^#\/mediator$/, mediatorDashboardPage],
  [/^#\/mediator\/cases\/([0-9a-f]{32})$/, mediatorCasePage],
];
const LIVE_PAGES = /^#\/cases\/([0-9a-f]{32})\/(proposals|room|agreement)$/;

async function drawNav() {
  const user = await currentUser();
  const links = user
    ? [h("a", { href: "#/cases" }, t("nav.cases")),
       ...(["mediator", "admin", "clerk"].includes(user.role) ? [h("a", { href: "#/mediator" }, t("centre.nav"))] : []),
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
  leavePage();
  leaveRoomsExcept(location.hash.match(LIVE_PAGES)?.[1]);
  document.querySelector(".skip").textContent = t("app.skip");
  document.getElementById("lang-label").textContent = t("app.language");
  document.getElementById("verify-link").textContent = t("verify.footer");
  await drawNav();
  if (location.pathname === "/join") return joinPage();
  try {
    for (const [pattern, page] of ROUTES) {
      const match = location.hash.match(pattern);
      if (match) return await page(...match.slice(1));
    }
    return landingPage();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setUser(null);
      location.hash = "#/login";
      return undefined;
    }
    const text = error instanceof ApiError && error.code === "network" ? t("error.network")
      : t("error.generic", { message: error.message || String(error) });
    mount(h("h1", {}, t("error.title")), h("p", { role: "alert" }, text),
      h("p", {}, h("a", { href: "#/cases" }, t("nav.cases"))));
    return undefined;
  }
}

let previousUrl = location.href;

function skipToMain() {
  const main = document.getElementById("main");
  main.focus();
  main.scrollIntoView({ block: "start" });
}

function start() {
  setLanguage(detectLanguage());
  const picker = document.getElementById("lang");
  picker.value = document.documentElement.lang;
  picker.addEventListener("change", () => {
    setLanguage(picker.value);
    render();
  });
  // The skip link moves the focus to the page's content. Its href="#main" would change the
  // fragment, and the router would draw the landing page: it must not navigate.
  document.querySelector(".skip").addEventListener("click", (event) => {
    event.preventDefault();
    skipToMain();
  });
  window.addEventListener("hashchange", () => {
    if (location.hash === "#main") { // typed or followed some other way: not a route
      history.replaceState(null, "", previousUrl);
      skipToMain();
      return;
    }
    previousUrl = location.href;
    render();
  });
  render();
}

start();
