// A case's issues in plain words: labels instead of machine names, amounts with their unit.
import { h } from "./dom.js";
import { formatMoney, formatNumber } from "./format.js";
import { t } from "./i18n.js";

export function issueOf(c, name) {
  return c.issues.find((issue) => issue.name === name);
}

export function issueLabel(c, name) {
  return issueOf(c, name)?.label ?? name;
}

// The option id of a range value, as the server writes it (integers without a decimal point).
export function gridId(value) {
  const tidy = Math.round(Number(value) * 1e9) / 1e9;
  return String(tidy);
}

export function gridValues(range) {
  const values = [];
  const count = Math.floor((range.max - range.min) / range.step + 1e-9);
  for (let n = 0; n <= count; n++) values.push(Math.round((range.min + n * range.step) * 1e9) / 1e9);
  return values;
}

export function formatAmount(value, unit) {
  if (unit === "KZT") return formatMoney(value, "KZT");
  const text = formatNumber(value);
  return unit ? `${text} ${unit}` : text;
}

export function optionLabel(c, name, option) {
  const issue = issueOf(c, name);
  if (issue?.range) return formatAmount(option, issue.range.unit);
  return String(option);
}

// A package as a list a person can read: "Amount: 300 000 ₸", "Deadline: in a month".
export function packageView(c, pkg, attrs = {}) {
  return h(
    "dl",
    { class: "package", ...attrs },
    c.issues
      .filter((issue) => issue.name in pkg)
      .map((issue) =>
        h(
          "div",
          { class: "package-row" },
          h("dt", {}, issue.label),
          h("dd", {}, optionLabel(c, issue.name, pkg[issue.name])),
        ),
      ),
  );
}

export function roleName(role) {
  return t(`role.${role}`);
}
