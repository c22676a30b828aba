// My points: one whole-number input per item (its agreed value and note beside it), a count of
// the points left, the ranking alternative, save (PUT …/points) and every refusal at its input.
// The points go to the server and nowhere else: the page never shows them outside this form.
import { api, ApiError } from "../../api.js";
import { announce, h } from "../../dom.js";
import { formatMoney } from "../../format.js";
import { t } from "../../i18n.js";
import { refusalText } from "../../refusals.js";
import { caseCurrency } from "../../issues.js";
import { control, problemBox, sayProblems } from "../form.js";
import { rankingPanel } from "./ranking.js";

const fieldOf = (item) => `points.${item.id}`; // the server names a refused item so: points.item2

function itemHint(c, item) {
  const value = item.value == null ? null : t("division.value", { amount: formatMoney(item.value, caseCurrency(c)) });
  return [value, item.note].filter(Boolean).join(" · ");
}

// What the inputs hold: {points: {item: n}, bad: [field names not a whole number 0–100]}.
// An empty input counts 0, as an item left out does on the server.
function read(form, items) {
  const points = {};
  const bad = [];
  for (const item of items) {
    const text = form.querySelector(`[name="${CSS.escape(fieldOf(item))}"]`).value.trim();
    if (text === "") points[item.id] = 0;
    else if (/^\d{1,3}$/.test(text) && Number(text) <= 100) points[item.id] = Number(text);
    else bad.push(fieldOf(item));
  }
  return { points, bad };
}

const sumOf = (points) => Object.values(points).reduce((sum, n) => sum + n, 0);

function leftText(sum) {
  if (sum === 100) return t("division.all_shared");
  return sum < 100 ? t("division.left", { n: 100 - sum }) : t("division.over", { n: sum - 100 });
}

// saved: my stored points (or null); onSaved(answer of the PUT) redraws where the case stands.
export function pointsForm(c, saved, { otherName, onSaved }) {
  const items = c.items;
  // The count is a polite live region, so it is said once the person pauses typing, not per key.
  const left = h("p", { class: "points-left", role: "status" });
  const problem = problemBox();
  const form = h(
    "form",
    { class: "points-form", novalidate: true, "aria-labelledby": "points-title" },
    h("h2", { id: "points-title", tabindex: "-1" }, t("division.points_title")),
    h("p", {}, t("division.points_hint", { name: otherName })),
    h("p", { class: "hint" }, t("division.restate_hint")),
    problem,
    h(
      "div",
      { class: "points-inputs", "data-field": "points" },
      left,
      h("span", { class: "error", role: "alert" }),
      items.map((item) =>
        control(
          "input",
          fieldOf(item),
          item.name,
          {
            type: "number",
            inputmode: "numeric",
            min: 0,
            max: 100,
            step: 1,
            value: saved?.[item.id] ?? "",
          },
          itemHint(c, item),
        ),
      ),
    ),
    rankingPanel(items, (points) => {
      for (const item of items) form.querySelector(`[name="${CSS.escape(fieldOf(item))}"]`).value = points[item.id];
      count(true);
      form.querySelector("input").focus();
    }),
    h("p", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("division.save"))),
  );

  let timer = null;
  const count = (now = false) => {
    clearTimeout(timer);
    const say = () => {
      const text = leftText(sumOf(read(form, items).points));
      if (left.textContent !== text) left.textContent = text;
    };
    if (now) say();
    else timer = setTimeout(say, 600);
  };
  form.addEventListener("input", () => count());
  count(true);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { points, bad } = read(form, items);
    const problems = bad.map((name) => [name, t("division.error.whole")]);
    if (!bad.length && sumOf(points) !== 100)
      problems.push(["points", t("division.error.sum", { sum: sumOf(points) })]);
    if (sayProblems(form, problems)) return;
    let answer;
    try {
      answer = await api("PUT", `/api/cases/${c.id}/points`, { points });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sayProblems(form, refusalProblems(error, points));
      return;
    }
    sayProblems(form, []);
    announce(t("division.saved"));
    await onSaved(answer);
  });
  return form;
}

// A refusal from the server as [input name or null, words] problems (docs/api.md "Fair division").
function refusalProblems(error, points) {
  if (error.code === "case_not_open") return [[null, t("division.error.not_open")]];
  if (error.code !== "validation_failed" || !error.fields.length) return [[null, refusalText(error)]];
  return error.fields.map(({ field }) => {
    if (field === "points") return ["points", t("division.error.sum", { sum: sumOf(points) })];
    const id = field.replace(/^points\./, "");
    return id in points ? [field, t("division.error.whole")] : [null, t("division.error.item")];
  });
}
