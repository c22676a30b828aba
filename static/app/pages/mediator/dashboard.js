// The mediator's dashboard: my cases with status, days to deadline, last activity and a
// "stalled" marker, kept live over /ws/centre; and, for a centre's administrators, analytics
// with charts and a CSV export.
import { api, ApiError } from "../../api.js";
import { announce, h, mount, onLeave } from "../../dom.js";
import { t } from "../../i18n.js";
import { currentUser } from "../../session.js";
import { barChart } from "./charts.js";

const STAFF = ["mediator", "admin", "clerk"];

function caseRow(c) {
  const days = c.days_to_deadline;
  return h("tr", { "data-case": c.id, class: c.stalled ? "stalled" : null },
    h("td", {}, h("a", { href: `#/mediator/cases/${c.id}` }, c.reference)),
    h("td", {}, c.subject),
    h("td", {}, t(`centre.status.${c.status}`)),
    h("td", { class: days < 3 ? "urgent" : null }, t("centre.days", { days })),
    h("td", {}, new Date(c.last_activity_at).toLocaleString(), c.last_event ? ` · ${t(`centre.event.${c.last_event}`)}` : ""),
    h("td", {}, c.stalled ? h("span", { class: "badge stalled" }, t("centre.stalled")) : ""),
    h("td", {}, c.mine ? t("centre.mine") : (c.mediator || t("centre.unassigned"))));
}

function casesTable(cases) {
  if (!cases.length) return h("p", { id: "centre-cases" }, t("centre.no_cases"));
  return h("table", { id: "centre-cases", class: "table" },
    h("caption", {}, t("centre.cases_caption")),
    h("thead", {}, h("tr", {}, ["reference", "subject", "status", "deadline", "activity", "stalled", "mediator"]
      .map((k) => h("th", { scope: "col" }, t(`centre.col.${k}`))))),
    h("tbody", {}, cases.map(caseRow)));
}

function percent(value) {
  return value === null ? "—" : `${Math.round(value * 100)}%`;
}

function analyticsSection(report) {
  const rows = (items) => items.map((b) => ({
    label: b.key, value: b.settlement_rate ?? 0,
    text: `${percent(b.settlement_rate)} · ${b.settled}/${b.concluded}`,
  }));
  const o = report.overall;
  return h("section", { "aria-labelledby": "analytics-title" },
    h("h2", { id: "analytics-title" }, t("centre.analytics")),
    h("p", {}, t("centre.overall", {
      rate: percent(o.settlement_rate), cases: o.cases,
      median: o.median_days_to_settlement ?? "—",
    })),
    h("h3", {}, t("centre.by_category")),
    barChart(rows(report.by_category), { title: t("centre.by_category") }),
    h("h3", {}, t("centre.by_mediator")),
    barChart(rows(report.by_mediator), { title: t("centre.by_mediator") }),
    h("h3", {}, t("centre.by_month")),
    barChart(rows(report.by_month), { title: t("centre.by_month") }),
    h("h3", {}, t("centre.feedback")),
    barChart(["service", "procedure", "fairness", "ease"].map((k) => ({
      label: t(`centre.score.${k}`), value: report.feedback[k] ?? 0,
      text: report.feedback[k] ?? "—",
    })), { max: 5, title: t("centre.feedback") }),
    h("p", {}, h("a", { href: "/api/centre/analytics.csv", download: "centre-analytics.csv" }, t("centre.csv"))));
}

export async function mediatorDashboardPage() {
  const user = await currentUser();
  if (!user) {
    location.hash = "#/login";
    return;
  }
  if (!STAFF.includes(user.role)) {
    mount(h("h1", {}, t("centre.title")), h("p", { role: "alert" }, t("centre.staff_only")));
    return;
  }
  const { cases } = await api("GET", "/api/centre/dashboard");
  let report = null;
  try {
    report = await api("GET", "/api/centre/analytics");
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403) throw error;
  }
  const live = h("p", { class: "meta", id: "centre-live" }, t("centre.connecting"));
  mount(h("h1", {}, t("centre.title")), live, casesTable(cases),
    report ? analyticsSection(report) : "");

  let timer = null;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const fresh = await api("GET", "/api/centre/dashboard");
      document.getElementById("centre-cases")?.replaceWith(casesTable(fresh.cases));
    }, 250);
  };
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  let socket = null;
  let closed = false;
  const connect = () => {
    socket = new WebSocket(`${scheme}://${location.host}/ws/centre`);
    socket.addEventListener("message", (message) => {
      const frame = JSON.parse(message.data);
      if (frame.type === "ready") live.textContent = t("centre.live");
      if (frame.type === "activity" || frame.type === "assigned" || frame.type === "unassigned") {
        announce(t("centre.updated"));
        refresh();
      }
    });
    socket.addEventListener("close", () => {
      live.textContent = t("centre.reconnecting");
      if (!closed) setTimeout(connect, 2000);
    });
  };
  connect();
  const ping = setInterval(() => socket?.readyState === 1 && socket.send('{"type":"ping"}'), 25000);
  onLeave(() => {
    closed = true;
    clearInterval(ping);
    clearTimeout(timer);
    socket?.close();
  });
}
