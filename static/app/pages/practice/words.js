// A rehearsal's issues, packages and the robot's words in the reader's language (../practice.js).
//
// A typical dispute's issues and options come from the server as keys (odr/practice/routes.py,
// negotiation/practice_templates.py): they are worded here, from the "practice" strings. A case's
// come with the labels the claimant typed, in each language it gave them. Every message from the
// server is a key with parameters (docs/api.md, Practice): issue names in them become labels.
import { h } from "../../dom.js";
import { formatMoney, formatNumber } from "../../format.js";
import { language, t } from "../../i18n.js";

const UNITS = { days: "practice.unit.days", months: "practice.unit.months" };

// [{ name, label, range, options: [{ id, label }] }]: what the page shows for each issue.
export function viewIssues(start) {
  const lang = language();
  const typical = start.source === "template";
  return start.issues.map((issue) => ({
    name: issue.name,
    label: typical ? t(`practice.issue.${issue.name}`) : issue.labels?.[lang] || issue.label,
    range: issue.range,
    options: issue.options?.map((option) => ({
      id: option.id,
      label: typical ? t(`practice.option.${issue.name}.${option.id}`) : option.labels?.[lang] || option.label,
    })),
    typical,
  }));
}

// The values of a range, as the server's option ids ("150000", "2.5").
export function rangeIds(range) {
  const ids = [];
  const count = Math.round((range.max - range.min) / range.step);
  for (let k = 0; k <= count; k++) {
    const value = Math.min(range.max, range.min + k * range.step);
    ids.push(String(Math.round(value * 1e9) / 1e9));
  }
  if (ids.at(-1) !== String(range.max)) ids.push(String(range.max));
  return [...new Set(ids)];
}

export function amountText(issue, id) {
  const value = Number(id);
  const unit = issue.range.unit;
  if (unit === "KZT") return formatMoney(value, "KZT");
  if (unit === "percent") return `${formatNumber(value)} %`;
  if (issue.typical && Object.hasOwn(UNITS, unit)) return `${formatNumber(value)} ${t(UNITS[unit])}`;
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

export function optionText(issues, name, id) {
  const issue = issues.find((i) => i.name === name);
  if (!issue) return String(id);
  if (issue.range) return amountText(issue, id);
  return issue.options.find((o) => o.id === id)?.label ?? String(id);
}

export function labelOf(issues, name) {
  return issues.find((i) => i.name === name)?.label ?? name;
}

// A package as a list a person can read ("Child support a month: 80 000 ₸").
export function packageList(issues, pkg, attrs = {}) {
  return h(
    "dl",
    { class: "package", ...attrs },
    issues
      .filter((issue) => issue.name in pkg)
      .map((issue) =>
        h(
          "div",
          { class: "package-row" },
          h("dt", {}, issue.label),
          h("dd", {}, optionText(issues, issue.name, pkg[issue.name])),
        ),
      ),
  );
}

// The robot's replies and the debrief's tips (negotiation/practice_robot.py, practice_debrief.py).
const KNOWN = [
  "practice.reply.opening",
  "practice.reply.accepted",
  "practice.reply.moved",
  "practice.reply.held",
  "practice.reply.back_to_yours",
  "practice.reply.beyond_limit",
  "practice.reply.final",
  "practice.reply.walked_away",
  "practice.tip.their_priority",
  "practice.tip.trade",
  "practice.tip.compared",
  "practice.tip.no_zone",
];

export function messageText(issues, message) {
  const p = { ...message.params };
  if (message.key === "practice.tip.style") return t(`practice.tip.style.${p.style}`);
  if (!KNOWN.includes(message.key)) return "";
  for (const name of ["issue", "give", "get"]) if (p[name] !== undefined) p[name] = labelOf(issues, p[name]);
  if (Array.isArray(p.issues)) p.issues = p.issues.map((n) => labelOf(issues, n)).join("; ");
  return t(message.key, p);
}

// The engine's explanation of a package (explain.js) with this rehearsal's words for options:
// explain.js words an option by its case, so it gets the text already (and the issue's label).
export function explainable(issues, messages) {
  const c = { issues: issues.map((i) => ({ name: i.name, label: i.label })) };
  const worded = messages.map((m) => {
    const p = { ...m.params };
    for (const name of ["option", "preferred"]) {
      if (p[name] !== undefined && p.issue !== undefined) p[name] = optionText(issues, p.issue, p[name]);
    }
    return { ...m, params: p };
  });
  return { c, messages: worded };
}
