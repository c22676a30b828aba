// Charts for the centre's analytics, drawn as inline SVG from plain data (no library, no
// inline styles: colours come from presentation attributes and styles.css).

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return el;
}

// Horizontal bars: rows = [{label, value (0..max), text}]; an accessible title and a table
// fallback are the caller's.
export function barChart(rows, { max = 1, title = "" } = {}) {
  const rowHeight = 26;
  const labelWidth = 140;
  const width = 460;
  const height = Math.max(rowHeight * rows.length + 8, 34);
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": title,
    class: "chart",
  }, svg("title", {}, title));
  rows.forEach((row, i) => {
    const y = 4 + i * rowHeight;
    const barWidth = max > 0 ? Math.max(0, (row.value / max) * (width - labelWidth - 60)) : 0;
    chart.append(
      svg("text", { x: 0, y: y + 16, "font-size": 12, fill: "currentColor" }, row.label.slice(0, 20)),
      svg("rect", { x: labelWidth, y: y + 4, width: barWidth, height: 16, rx: 3, fill: "#2f6f5e" }),
      svg("text", { x: labelWidth + barWidth + 6, y: y + 16, "font-size": 12, fill: "currentColor" }, row.text),
    );
  });
  return chart;
}
