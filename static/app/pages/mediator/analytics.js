// The centre's analytics for its administrators: settlement rate and median days to agreement
// overall, by mechanism, category, mediator, month and number of parties, the parties' ratings; charts with their
// figures as tables, and the CSV export.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { barChart, dataTable } from "./charts.js";
import { categoryName, formatMonth } from "./common.js";
import { mechanismName } from "./mechanism.js";

function percent(value) {
  return value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`;
}

// "2 parties", "3–5 parties", "6–10 parties": the server's bands of a case's number of parties.
const PARTY_BANDS = { 2: "two", "3–5": "few", "6–10": "many" };
function partiesName(key) {
  return PARTY_BANDS[key] ? t(`centre.parties_band.${PARTY_BANDS[key]}`) : key;
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

function days(value) {
  return value === null || value === undefined ? "—" : String(value);
}

// By mechanism: the rate as a chart, and a table with the counts and median days to agreement.
function mechanismBlock(items) {
  const title = t("centre.by_mechanism");
  return h(
    "section",
    { class: "chart-block", "aria-labelledby": "by-mechanism" },
    h("h3", { id: "by-mechanism" }, title),
    items.length
      ? [
          barChart(
            items.map((b) => ({
              label: mechanismName(b.key),
              value: b.settlement_rate ?? 0,
              text: `${percent(b.settlement_rate)} (${b.settled}/${b.concluded})`,
            })),
            { title },
          ),
          dataTable(
            [
              t("centre.col.mechanism"),
              t("centre.col.cases"),
              t("centre.col.settled"),
              t("centre.col.rate"),
              t("centre.col.median"),
            ],
            items.map((b) => [
              mechanismName(b.key),
              b.cases,
              `${b.settled}/${b.concluded}`,
              percent(b.settlement_rate),
              days(b.median_days_to_settlement),
            ]),
          ),
        ]
      : h("p", { class: "meta" }, t("centre.no_data")),
  );
}

export function analyticsSection(report) {
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
      mechanismBlock(report.by_mechanism),
      breakdown("by-category", t("centre.by_category"), t("centre.col.category"), report.by_category, categoryName),
      breakdown("by-mediator", t("centre.by_mediator"), t("centre.col.mediator"), report.by_mediator, mediatorName),
      breakdown("by-month", t("centre.by_month"), t("centre.col.month"), report.by_month, monthName),
      breakdown("by-parties", t("centre.by_parties"), t("centre.col.parties"), report.by_parties || [], partiesName),
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
