// Charts for the centre's analytics, drawn as inline SVG from plain data (no library, no
// inline styles: colours come from presentation attributes and centre.css). Each bar has its
// label on its own line above it, so long names fit and the text stays legible on a phone.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return el;
}

function clip(text, length) {
  const value = String(text);
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}

// Horizontal bars: rows = [{label, value (0..max), text}]. The figures are also given as a
// table by dataTable(), for screen readers and for anyone who wants the numbers.
export function barChart(rows, { max = 1, title = "" } = {}) {
  const width = 340;
  const rowHeight = 42;
  const track = width - 96;
  const height = rows.length * rowHeight + 4;
  const chart = svg(
    "svg",
    {
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-label": title,
      class: "chart",
    },
    svg("title", {}, title),
  );
  rows.forEach((row, i) => {
    const y = i * rowHeight;
    const share = max > 0 ? Math.min(1, Math.max(0, row.value / max)) : 0;
    chart.append(
      svg("text", { x: 0, y: y + 15, "font-size": 13, fill: "currentColor" }, clip(row.label, 44)),
      svg("rect", { x: 0, y: y + 21, width: track, height: 14, rx: 3, fill: "#e3e8ee" }),
      svg("rect", {
        x: 0,
        y: y + 21,
        width: Math.max(share * track, share > 0 ? 2 : 0),
        height: 14,
        rx: 3,
        fill: "#1e6b34",
      }),
      svg("text", { x: track + 6, y: y + 33, "font-size": 13, "font-weight": 600, fill: "currentColor" }, row.text),
    );
  });
  return chart;
}

// The same figures as a table, folded away under the chart.
export function dataTable(headers, rows) {
  return h(
    "details",
    { class: "chart-table" },
    h("summary", {}, t("centre.as_table")),
    h(
      "table",
      { class: "figures-table" },
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
    ),
  );
}
