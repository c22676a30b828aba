// The mediator's dashboard: my cases, the ones that need attention first (no activity for a
// while, deadline close or passed), kept live over /ws/centre; and, for a centre's
// administrators, analytics with charts and a CSV export.
import { api } from "../../api.js";
import { announce, h, mount, onLeave } from "../../dom.js";
import { t } from "../../i18n.js";
import { currentUser } from "../../session.js";
import { barChart, dataTable } from "./charts.js";
import {
  categoryName,
  centreStyles,
  daysLeft,
  formatDate,
  formatMonth,
  isClosed,
  statusBadge,
  urgent,
  when,
} from "./common.js";

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
  const columns = ["reference", "status", "deadline", "activity", ...(showMediator ? ["mediator"] : [])];
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

function percent(value) {
  return value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`;
}

function monthName(key) {
  const [year, month] = key.split("-").map(Number);
  return year && month ? formatMonth(year, month) : key;
}

// One breakdown (by category, mediator or month) as a chart with its figures as a table.
function breakdown(id, title, column, items, name) {
  const rows = items.map((b) => ({
    label: name(b.key),
    value: b.settlement_rate ?? 0,
    text: `${percent(b.settlement_rate)} (${b.settled}/${b.concluded})`,
  }));
  return h(
    "section",
    { class: "chart-block", "aria-labelledby": id },
    h("h3", { id }, title),
    rows.length
      ? [
          barChart(rows, { title }),
          dataTable(
            [column, t("centre.col.cases"), t("centre.col.rate"), t("centre.col.settled")],
            items.map((b) => [name(b.key), b.cases, percent(b.settlement_rate), `${b.settled}/${b.concluded}`]),
          ),
        ]
      : h("p", { class: "meta" }, t("centre.no_data")),
  );
}

function analyticsSection(report) {
  const o = report.overall;
  const f = report.feedback;
  const scores = ["service", "procedure", "fairness", "ease"];
  const figure = (label, value) => h("div", { class: "figure" }, h("dt", {}, label), h("dd", {}, String(value)));
  const mediatorName = (key) => (key === "—" ? t("centre.unassigned") : key);
  return h(
    "section",
    { "aria-labelledby": "analytics-title", class: "analytics" },
    h("h2", { id: "analytics-title" }, t("centre.analytics")),
    h(
      "dl",
      { class: "figures" },
      figure(t("centre.stat.cases"), o.cases),
      figure(t("centre.stat.concluded"), o.concluded),
      figure(t("centre.stat.settled"), o.settled),
      figure(t("centre.stat.rate"), percent(o.settlement_rate)),
      figure(t("centre.stat.median"), o.median_days_to_settlement ?? "—"),
      figure(t("centre.stat.responses"), f.responses),
    ),
    h(
      "p",
      {},
      h("a", { href: "/api/centre/analytics.csv", download: "centre-analytics.csv", class: "button" }, t("centre.csv")),
    ),
    h(
      "div",
      { class: "chart-grid" },
      breakdown("by-category", t("centre.by_category"), t("centre.col.category"), report.by_category, categoryName),
      breakdown("by-mediator", t("centre.by_mediator"), t("centre.col.mediator"), report.by_mediator, mediatorName),
      breakdown("by-month", t("centre.by_month"), t("centre.col.month"), report.by_month, monthName),
      h(
        "section",
        { class: "chart-block", "aria-labelledby": "by-score" },
        h("h3", { id: "by-score" }, t("centre.feedback")),
        f.responses
          ? [
              barChart(
                scores.map((k) => ({ label: t(`centre.score.${k}`), value: f[k] ?? 0, text: f[k] ?? "—" })),
                { max: 5, title: t("centre.feedback") },
              ),
              dataTable(
                [t("centre.col.score"), t("centre.col.average")],
                scores.map((k) => [t(`centre.score.${k}`), f[k] ?? "—"]),
              ),
            ]
          : h("p", { class: "meta" }, t("centre.no_data")),
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
