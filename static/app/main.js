// Entry point: pick the language, draw the navigation, route by the URL fragment.
//
// Only what the first page needs is loaded before it is drawn: this module, i18n, dom, api,
// session (index.html preloads them and the landing page), the catalogue of one language and the
// page's own module. Every other page is imported the first time its route is visited.
import { api, ApiError } from "./api.js";
import { announce, h, leavePage, mount } from "./dom.js";
import { detectLanguage, language, t, useCentreStrings, useLanguage, useStrings } from "./i18n.js";
import { refusalText } from "./refusals.js";
import { currentUser, setUser } from "./session.js";

// room/live.js, once a page that talks to the room has loaded it (nothing can be open before).
let rooms = null;

// What some pages need besides their module: the room's connections, the centre's strings.
const LIVE = async () => {
  rooms = await import("./room/live.js");
};
const STAFF = () => useCentreStrings();
// A page that talks to the room and needs the strings of some feature parts (i18n.js).
const LIVE_WITH =
  (...parts) =>
  () =>
    Promise.all([LIVE(), useStrings(...parts)]);
const STRINGS =
  (...parts) =>
  () =>
    useStrings(...parts);

// [fragment, the page's module, how to draw it with the fragment's parts, what else it needs]
const ROUTES = [
  [/^#\/login$/, () => import("./pages/auth.js"), (m) => m.loginPage()],
  [/^#\/signup$/, () => import("./pages/auth.js"), (m) => m.signupPage()],
  [/^#\/forgot$/, () => import("./pages/forgot.js"), (m) => m.forgotPage()],
  [/^#\/account$/, () => import("./pages/account.js"), (m) => m.accountPage()],
  [/^#\/cases$/, () => import("./pages/cases.js"), (m) => m.casesPage()],
  [/^#\/notifications$/, () => import("./pages/notifications.js"), (m) => m.notificationsPage(), STRINGS("notify")],
  [/^#\/cases\/new$/, () => import("./pages/newcase.js"), (m) => m.newCasePage(), STRINGS("intake")],
  // The case page follows its room while the mediator's switch of the mechanism may come.
  [/^#\/cases\/([0-9a-f]{32})$/, () => import("./pages/case.js"), (m, id) => m.casePage(id), LIVE_WITH("intake")],
  [
    /^#\/cases\/([0-9a-f]{32})\/sharing$/,
    () => import("./pages/case.js"),
    (m, id) => m.casePage(id, "sharing"),
    LIVE_WITH("intake"),
  ],
  [/^#\/cases\/([0-9a-f]{32})\/interests$/, () => import("./pages/interests.js"), (m, id) => m.interestsPage(id)],
  // The pages that show packages word a division's (item → party) with the "division" strings.
  [
    /^#\/cases\/([0-9a-f]{32})\/proposals$/,
    () => import("./pages/proposals.js"),
    (m, id) => m.proposalsPage(id),
    LIVE_WITH("division"),
  ],
  [
    /^#\/cases\/([0-9a-f]{32})\/room$/,
    () => import("./pages/room.js"),
    (m, id) => m.roomPage(id),
    LIVE_WITH("mechanisms", "division", "sessions", "room", "fulfilment"), // fulfilment: the schedule's steps
  ],
  [
    /^#\/cases\/([0-9a-f]{32})\/bidding$/,
    () => import("./pages/bidding.js"),
    (m, id) => m.biddingPage(id),
    LIVE_WITH("bidding", "mechanisms"),
  ],
  [
    /^#\/cases\/([0-9a-f]{32})\/division$/,
    () => import("./pages/division.js"),
    (m, id) => m.divisionPage(id),
    LIVE_WITH("division", "mechanisms", "intake"), // intake: the items' photos
  ],
  [
    /^#\/cases\/([0-9a-f]{32})\/improvement$/,
    () => import("./pages/improvement.js"),
    (m, id) => m.improvementPage(id),
    LIVE_WITH("mechanisms"),
  ],
  [
    /^#\/cases\/([0-9a-f]{32})\/agreement$/,
    () => import("./pages/agreement.js"),
    (m, id) => m.agreementPage(id),
    LIVE_WITH("division"),
  ],
  [
    /^#\/cases\/([0-9a-f]{32})\/settlement$/,
    () => import("./pages/settlement/page.js"),
    (m, id) => m.settlementPage(id),
  ],
  [/^#\/verify(?:\/([^/]+))?$/, () => import("./pages/verify.js"), (m, code) => m.verifyPage(code)],
  [/^#\/practice$/, () => import("./pages/practice.js"), (m) => m.practicePage(), STRINGS("practice")],
  [
    /^#\/cases\/([0-9a-f]{32})\/practice$/,
    () => import("./pages/practice.js"),
    (m, id) => m.practicePage(id),
    STRINGS("practice"),
  ],
  [/^#\/mediator$/, () => import("./pages/mediator/dashboard.js"), (m) => m.mediatorDashboardPage(), STAFF],
  [
    /^#\/mediator\/cases\/([0-9a-f]{32})$/,
    () => import("./pages/mediator/case.js"),
    (m, id) => m.mediatorCasePage(id),
    STAFF,
  ],
];
const JOIN = [null, () => import("./pages/join.js"), (m) => m.joinPage(), STRINGS("intake", "guidance")];
const RESET = [null, () => import("./pages/reset.js"), (m) => m.resetPage()];
const LANDING = [null, () => import("./pages/landing.js"), (m) => m.landingPage()];
const LIVE_PAGES = /^#\/cases\/([0-9a-f]{32})(\/(proposals|room|agreement|bidding|division|improvement|sharing))?$/;

// The page for the current address and the parts of its fragment.
function route() {
  if (location.pathname === "/join") return [JOIN, []];
  // /reset#token=… (the e-mailed link); a menu link followed from there (#/…) is that page's.
  if (location.pathname === "/reset" && !location.hash.startsWith("#/")) return [RESET, []];
  for (const entry of ROUTES) {
    const match = location.hash.match(entry[0]);
    if (match) return [entry, match.slice(1)];
  }
  return [LANDING, []];
}

async function drawNav() {
  const user = await currentUser();
  // The notifications link (with its unread count, one request) takes the placeholder's place
  // when it is ready: the page is not held back for it. A page drawn late after its address
  // changed showed the old page's form meanwhile, and what was typed into it was lost.
  const notices = h("span", { hidden: true });
  const links = user
    ? [
        h("a", { href: "#/cases" }, t("nav.cases")),
        ...(["mediator", "admin", "clerk"].includes(user.role)
          ? [h("a", { href: "#/mediator" }, t("nav.centre"))]
          : []),
        notices,
        h("a", { href: "#/account" }, t("nav.account")),
        h("button", { type: "button", class: "link", onclick: logout }, t("nav.logout")),
      ]
    : [h("a", { href: "#/login" }, t("nav.login")), h("a", { href: "#/signup" }, t("nav.signup"))];
  document.getElementById("nav").replaceChildren(...links);
  if (user) {
    import("./pages/notifications.js")
      .then((m) => m.navEntry())
      .then((link) => notices.replaceWith(link))
      .catch(() => {}); // the menu works without it; the page itself says if the network is gone
  }
}

async function logout() {
  await api("POST", "/api/auth/logout");
  setUser(null);
  location.hash = "#/";
  await render();
}

// A module or a catalogue did not arrive (a phone losing its network): say so, offer to retry.
// The retry asks again in place; after a second failure in a row it reloads the whole page, for
// browsers that remember a failed import instead of fetching it again.
let failures = 0;

function loadFailed() {
  failures += 1;
  const retry = failures > 1 ? () => location.reload() : () => render();
  mount(
    h("h1", {}, t("error.load_title")),
    h("p", { role: "alert" }, t("error.load")),
    h("p", {}, h("button", { type: "button", class: "button primary", onclick: retry }, t("error.retry"))),
  );
}

let renders = 0; // the latest render wins: an earlier one whose module arrives late draws nothing

export async function render() {
  const turn = ++renders;
  leavePage();
  rooms?.leaveRoomsExcept(location.hash.match(LIVE_PAGES)?.[1]);
  document.querySelector(".skip").textContent = t("app.skip");
  document.getElementById("lang-label").textContent = t("app.language");
  document.getElementById("verify-link").textContent = t("verify.footer");
  const [[, page, draw, needs], parts] = route();
  const loading = Promise.all([page(), needs?.()]); // fetched while the session is asked for
  loading.catch(() => {}); // handled below, after the navigation
  await drawNav();
  if (turn !== renders) return undefined;
  // On a slow network, a page seen for the first time says it is coming.
  const slow = setTimeout(() => {
    if (turn === renders)
      document.getElementById("main").replaceChildren(h("p", { class: "loading" }, t("status.loading")));
  }, 500);
  let module;
  try {
    [module] = await loading;
  } catch {
    if (turn === renders) loadFailed();
    return undefined;
  } finally {
    clearTimeout(slow);
  }
  failures = 0;
  if (turn !== renders) return undefined;
  try {
    return await draw(module, ...parts);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setUser(null);
      location.hash = "#/login";
      return undefined;
    }
    // In the reader's words from the refusal's code; a fault of the page itself is not worded in
    // its (English) exception text, which stays in the console.
    if (!(error instanceof ApiError)) console.error(error);
    const text = error instanceof ApiError ? refusalText(error) : t("error.generic");
    mount(
      h("h1", {}, t("error.title")),
      h("p", { role: "alert" }, text),
      h("p", {}, h("a", { href: "#/cases" }, t("nav.cases"))),
    );
    return undefined;
  }
}

let previousUrl = location.href;

function skipToMain() {
  const main = document.getElementById("main");
  main.focus();
  main.scrollIntoView({ block: "start" });
}

// Before any string can be shown: its catalogue failed, so say it in all three languages.
function startFailed() {
  const main = document.getElementById("main");
  main.replaceChildren(
    h("p", { role: "alert" }, "Kelisim could not be loaded. Kelisim жүктелмеді. Kelisim не загрузился."),
    h(
      "p",
      {},
      h(
        "button",
        { type: "button", class: "button primary", onclick: () => location.reload() },
        "Try again · Қайталау · Попробовать снова",
      ),
    ),
  );
}

async function start() {
  // The page's module and the session are asked for while the strings arrive.
  route()[0][1]().catch(() => {}); // a failure is shown by render()
  currentUser().catch(() => {});
  let ready = false; // until then, the first render draws wherever the address has moved to
  // The skip link moves the focus to the page's content. Its href="#main" would change the
  // fragment, and the router would draw the landing page: it must not navigate.
  document.querySelector(".skip").addEventListener("click", (event) => {
    event.preventDefault();
    skipToMain();
  });
  window.addEventListener("hashchange", () => {
    if (location.hash === "#main") {
      // typed or followed some other way: not a route
      history.replaceState(null, "", previousUrl);
      skipToMain();
      return;
    }
    previousUrl = location.href;
    if (ready) render();
  });
  try {
    await useLanguage(detectLanguage());
  } catch {
    startFailed();
    return;
  }
  const picker = document.getElementById("lang");
  picker.value = language();
  picker.addEventListener("change", async () => {
    let switched;
    try {
      switched = await useLanguage(picker.value);
    } catch {
      picker.value = language();
      announce(t("error.language"));
      return;
    }
    if (switched) render();
  });
  ready = true;
  render();
}

start();
