// The centre's reports for its administrators (docs/centre.md "Reports"): caseload and ageing by
// mediator, outcomes by category and mechanism, feedback, for a period of Astana days. Each
// report is an SVG chart with its figures in a table beside it (for screen readers and for
// anyone who wants the numbers), and links to the CSV of each report and the XLSX workbook, in
// the page's language. Figures only: the server sends no party's name.
import { api } from "../../api.js";
import { h } from "../../dom.js";
import { language, t, useStrings } from "../../i18n.js";
import { barChart } from "./charts.js";
import { categoryName } from "./common.js";
import { mechanismName } from "./mechanism.js";

const AGES = ["under_7", "from_7_to_30", "from_30_to_60", "over_60"];
const OUTCOMES = ["settled", "not_settled", "referred", "expired"];
const SCORES = ["service", "procedure", "fairness", "ease"];
const FILES = ["caseload", "outcomes", "feedback", "comments"];
const CODES = ["bad_period", "bad_date", "not_centre_admin"];

// The analytics' bar chart under a class of its own, so the reports' charts are told apart.
function chart(rows, options) {
  const svg = barChart(rows, options);
  svg.setAttribute("class", "report-chart");
  return svg;
}

function percent(value) {
  return value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`;
}

function shown(value) {
  return value === null || value === undefined ? "—" : String(value);
}

// The figures of a chart as a visible table beside it.
function figures(caption, headers, rows) {
  const table = h(
    "table",
    { class: "figures-table" },
    h("caption", {}, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        headers.map((text) => h("th", { scope: "col" }, text)),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((cells) =>
        h(
          "tr",
          {},
          cells.map((text, i) => (i === 0 ? h("th", { scope: "row" }, String(text)) : h("td", {}, String(text)))),
        ),
      ),
    ),
  );
  // A wide table scrolls on a phone: focusable, so the keyboard scrolls it too.
  return h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": caption }, table);
}

function block(id, title, ...content) {
  return h("section", { class: "chart-block", "aria-labelledby": id }, h("h3", { id }, title), ...content);
}

function mediatorName(line) {
  return line.mediator_id ? line.mediator : t("reports.unassigned");
}

function caseloadBlock(lines) {
  const title = t("reports.caseload");
  const max = Math.max(1, ...lines.map((l) => l.open));
  const columns = ["open", ...AGES, "past_deadline", "closed_in_period"];
  return block(
    "report-caseload",
    title,
    h("p", { class: "meta" }, t("reports.caseload_note")),
    lines.length
      ? [
          chart(
            lines.map((l) => ({ label: mediatorName(l), value: l.open, text: String(l.open) })),
            { max, title },
          ),
          figures(
            title,
            [t("reports.col.mediator"), ...columns.map((c) => t(`reports.col.${c}`))],
            lines.map((l) => [mediatorName(l), ...columns.map((c) => l[c])]),
          ),
        ]
      : h("p", { class: "meta" }, t("centre.no_data")),
  );
}

function outcomeRows(lines, name) {
  return lines.map((l) => [
    name(l.key),
    l.concluded,
    ...OUTCOMES.map((o) => `${l[o]} (${percent(l[`${o}_rate`])})`),
    shown(l.median_days_to_outcome),
  ]);
}

function outcomeHeaders(first) {
  return [
    first,
    t("reports.col.concluded"),
    ...OUTCOMES.map((o) => t(`reports.outcome.${o}`)),
    t("reports.col.median"),
  ];
}

function outcomesBlock(report) {
  const total = report.outcomes;
  const title = t("reports.outcomes");
  return block(
    "report-outcomes",
    title,
    total.concluded
      ? [
          chart(
            OUTCOMES.map((o) => ({
              label: t(`reports.outcome.${o}`),
              value: total[`${o}_rate`] ?? 0,
              text: `${total[o]} (${percent(total[`${o}_rate`])})`,
            })),
            { title },
          ),
          figures(
            title,
            outcomeHeaders(t("reports.col.group")),
            outcomeRows([total], () => t("reports.total")),
          ),
          figures(
            t("reports.by_category"),
            outcomeHeaders(t("centre.col.category")),
            outcomeRows(report.outcomes_by_category, categoryName),
          ),
          figures(
            t("reports.by_mechanism"),
            outcomeHeaders(t("centre.col.mechanism")),
            outcomeRows(report.outcomes_by_mechanism, mechanismName),
          ),
        ]
      : h("p", { class: "meta" }, t("centre.no_data")),
  );
}

function feedbackBlock(f) {
  const title = t("reports.feedback");
  let body;
  if (!f.responses) body = h("p", { class: "meta" }, t("centre.no_data"));
  else if (f.suppressed) body = h("p", { class: "meta" }, t("reports.suppressed", { n: f.min_responses }));
  else {
    body = [
      chart(
        SCORES.map((s) => ({ label: t(`centre.score.${s}`), value: f[s] ?? 0, text: shown(f[s]) })),
        { max: 5, title },
      ),
      figures(
        title,
        [t("reports.col.question"), t("reports.col.average")],
        SCORES.map((s) => [t(`centre.score.${s}`), shown(f[s])]),
      ),
    ];
  }
  return block("report-feedback", title, h("p", {}, t("reports.responses", { n: f.responses })), body);
}

function query(choice, extra = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...choice, ...extra })) if (value) params.set(name, value);
  return params.toString();
}

function downloads(choice) {
  const lang = language();
  const link = (href, key) => h("a", { href, download: "", class: "button" }, t(key));
  return h(
    "p",
    { class: "report-files", "aria-label": t("reports.download") },
    link(`/api/centre/reports.xlsx?${query(choice, { lang })}`, "reports.file.xlsx"),
    ...FILES.map((name) =>
      link(`/api/centre/reports.csv?${query(choice, { report: name, lang })}`, `reports.file.${name}`),
    ),
  );
}

function refusal(error) {
  return CODES.includes(error.code) ? t(`reports.error.${error.code}`) : t("reports.error.other");
}

// The form (period, centre) and the reports it shows; the first answer fills in the period
// the server chose (the 30 days to today in Astana).
export async function reportsSection() {
  await useStrings("reports");
  const centres = (await api("GET", "/api/centres")).centres;
  const from = h("input", { type: "date", id: "report-from", name: "from", required: true });
  const to = h("input", { type: "date", id: "report-to", name: "to", required: true });
  const centre = h(
    "select",
    { id: "report-centre", name: "centre_id" },
    h("option", { value: "" }, t("reports.all_centres")),
    centres.map((c) => h("option", { value: c.id }, c.name)),
  );
  const status = h("p", { role: "alert", class: "form-error", hidden: true });
  const output = h("div", { id: "report-output" });
  const show = async (choice) => {
    status.hidden = true;
    try {
      const report = await api("GET", `/api/centre/reports?${query(choice)}`);
      from.value = report.period.start;
      to.value = report.period.end;
      const chosen = { ...choice, from: report.period.start, to: report.period.end };
      output.replaceChildren(
        downloads(chosen),
        h(
          "div",
          { class: "chart-grid" },
          caseloadBlock(report.caseload),
          outcomesBlock(report),
          feedbackBlock(report.feedback),
        ),
      );
    } catch (error) {
      status.textContent = refusal(error);
      status.hidden = false;
    }
  };
  const form = h(
    "form",
    { class: "report-period" },
    h("label", { for: "report-from" }, t("reports.from")),
    from,
    h("label", { for: "report-to" }, t("reports.to")),
    to,
    centres.length > 1 ? [h("label", { for: "report-centre" }, t("reports.centre")), centre] : "",
    h("button", { type: "submit" }, t("reports.show")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    show({ from: from.value, to: to.value, centre_id: centre.value });
  });
  await show({});
  return h(
    "section",
    { class: "reports", "aria-labelledby": "reports-title" },
    h("h2", { id: "reports-title" }, t("reports.title")),
    h("p", { class: "meta" }, t("reports.intro")),
    form,
    status,
    output,
  );
}
