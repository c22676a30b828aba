// The mediator's dashboard: my cases, the ones that need attention first (no activity for a
// while, deadline close or passed), each with its mechanism and where it stands there, kept live
// over /ws/centre; and, for a centre's administrators, analytics (analytics.js), reports
// (reports.js) and the centre's mediators and administrators (people.js).
import { api } from "../../api.js";
import { announce, h, mount, onLeave } from "../../dom.js";
import { t } from "../../i18n.js";
import { currentUser } from "../../session.js";
import { analyticsSection } from "./analytics.js";
import { centreStyles, daysLeft, formatDate, isClosed, statusBadge, takingPart, urgent, when } from "./common.js";
import { mechanismView } from "./mechanism.js";
import { peopleSection } from "./people.js";
import { reportsSection } from "./reports.js";

const STAFF = ["mediator", "admin", "clerk"];

function needsAttention(c) {
  return c.stalled || urgent(c) || c.status === "expired";
}

function flags(c) {
  return [
    c.stalled ? h("span", { class: "flag flag-stalled" }, t("centre.stalled")) : null,
    urgent(c) && c.status !== "expired" ? h("span", { class: "flag flag-urgent" }, t("centre.deadline_soon")) : null,
  ];
}

function cell(label, ...children) {
  return h("td", { "data-label": label }, h("div", { class: "cell" }, ...children));
}

function caseRow(c, showMediator) {
  return h(
    "tr",
    { "data-case": c.id, class: needsAttention(c) ? "attention" : null },
    h(
      "th",
      { scope: "row" },
      h(
        "div",
        { class: "cell" },
        h("a", { href: `#/mediator/cases/${c.id}`, class: "case-link" }, c.reference),
        h("span", { class: "subject-line" }, c.subject),
        h("span", { class: "meta" }, c.parties.join(" — ")),
      ),
    ),
    cell(t("centre.col.status"), statusBadge(c.status), ...flags(c)),
    cell(t("centre.col.mechanism"), mechanismView(c.mechanism, takingPart(c))),
    cell(
      t("centre.col.deadline"),
      h("span", { class: urgent(c) ? "days urgent" : "days" }, daysLeft(c)),
      isClosed(c.status) ? null : h("span", { class: "meta" }, formatDate(c.deadline_at)),
    ),
    cell(
      t("centre.col.activity"),
      h("span", {}, c.last_event ? t(`centre.event.${c.last_event}`) : t("centre.event.opened")),
      h("span", { class: "meta" }, when(c.last_activity_at)),
    ),
    showMediator
      ? cell(t("centre.col.mediator"), c.mine ? t("centre.mine") : c.mediator || t("centre.unassigned"))
      : null,
  );
}

// What needs the mediator comes first; closed cases last; then the nearest deadline.
function order(a, b) {
  const rank = (c) => (needsAttention(c) ? 0 : isClosed(c.status) ? 2 : 1);
  return rank(a) - rank(b) || a.days_to_deadline - b.days_to_deadline;
}

function casesBlock(cases) {
  if (!cases.length) return h("div", { id: "centre-cases" }, h("p", {}, t("centre.no_cases")));
  const showMediator = cases.some((c) => !c.mine);
  const attention = cases.filter(needsAttention).length;
  const columns = ["reference", "status", "mechanism", "deadline", "activity", ...(showMediator ? ["mediator"] : [])];
  return h(
    "div",
    { id: "centre-cases" },
    h(
      "p",
      { class: attention ? "summary summary-attention" : "summary" },
      t("centre.summary", { cases: cases.length, attention }),
    ),
    h(
      "table",
      { class: "cases-table" },
      h("caption", { class: "visually-hidden" }, t("centre.cases_caption")),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          columns.map((k) => h("th", { scope: "col" }, t(`centre.col.${k}`))),
        ),
      ),
      h(
        "tbody",
        {},
        [...cases].sort(order).map((c) => caseRow(c, showMediator)),
      ),
    ),
  );
}

export async function mediatorDashboardPage() {
  const user = await currentUser();
  if (!user) {
    location.hash = "#/login";
    return;
  }
  await centreStyles();
  if (!STAFF.includes(user.role)) {
    mount(h("h1", {}, t("centre.title")), h("p", { role: "alert" }, t("centre.staff_only")));
    return;
  }
  const { cases, sees_analytics: seesAnalytics } = await api("GET", "/api/centre/dashboard");
  // Only a centre's administrators (and the platform's) see analytics; the dashboard says so.
  const report = seesAnalytics ? await api("GET", "/api/centre/analytics") : null;
  const live = h("p", { class: "live-state", id: "centre-live" }, t("centre.connecting"));
  mount(
    h(
      "div",
      { class: "centre" },
      h("h1", {}, t("centre.title")),
      live,
      casesBlock(cases),
      report ? analyticsSection(report) : "",
      report ? await reportsSection() : "",
      report ? await peopleSection(user) : "",
    ),
  );

  let timer = null;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        const fresh = await api("GET", "/api/centre/dashboard");
        document.getElementById("centre-cases")?.replaceWith(casesBlock(fresh.cases));
      } catch {
        live.textContent = t("centre.reconnecting");
        live.classList.remove("live-on");
      }
    }, 250);
  };
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  let socket = null;
  let closed = false;
  let connectedBefore = false;
  const connect = () => {
    if (closed) return; // the page was left while waiting to reconnect
    socket = new WebSocket(`${scheme}://${location.host}/ws/centre`);
    socket.addEventListener("message", (message) => {
      const frame = JSON.parse(message.data);
      if (frame.type === "ready") {
        live.textContent = t("centre.live");
        live.classList.add("live-on");
        if (connectedBefore) refresh(); // whatever happened while the socket was down
        connectedBefore = true;
      }
      if (frame.type === "activity" || frame.type === "assigned" || frame.type === "unassigned") {
        announce(t("centre.updated"));
        refresh();
      }
    });
    socket.addEventListener("close", (event) => {
      if (event.code === 1012) {
        connect(); // service restart: another instance takes over at once, nothing to show
        return;
      }
      live.textContent = t("centre.reconnecting");
      live.classList.remove("live-on");
      if (!closed) setTimeout(connect, 2000);
    });
  };
  connect();
  const ping = setInterval(() => socket?.readyState === 1 && socket.send('{"type":"ping"}'), 25000);
  // Days left, "5 min ago" and "no activity" change with time alone: reread every minute.
  const tick = setInterval(refresh, 60000);
  onLeave(() => {
    closed = true;
    clearInterval(ping);
    clearInterval(tick);
    clearTimeout(timer);
    socket?.close();
  });
}
