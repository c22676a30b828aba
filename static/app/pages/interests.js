// My private interests: what matters most (drag or up/down buttons), what I could accept on each
// point, and how firm I am. Sent with PUT /api/cases/{id}/interests, never shown to anyone else.
import { api, ApiError } from "../api.js";
import { announce, h, mount } from "../dom.js";
import { formatMoment } from "../format.js";
import { t } from "../i18n.js";
import { formatAmount, gridValues, labelIn, optionIn } from "../issues.js";
import { loginFirst } from "./auth.js";
import { currentUser } from "../session.js";
import { problemBox, sayAbove, sayProblems } from "./form.js";
import { refusalText } from "../refusals.js";
import { importanceList } from "./importance.js";
import { mySideIn, otherParties, othersNames } from "./other_parties.js";
import { sharingApplies } from "./sharing.js";

const MARKS = ["ideal", "acceptable", "unacceptable"];
const WALK_AWAY = ["firm", "balanced", "flexible"];
const RANGE_PARTS = ["best", "acceptable", "limit"];

export function privacyPromise(id = "promise", c = null) {
  return h(
    "aside",
    { class: "promise", "aria-labelledby": `${id}-title` },
    h("p", { class: "promise-title", id: `${id}-title` }, t("interests.promise_title")),
    h("p", {}, t("interests.promise_text")),
    c && sharingApplies(c.status) ? h("p", {}, h("a", { href: `#/cases/${c.id}/sharing` }, t("share.link"))) : null,
  );
}

function nearest(values, target) {
  return values.reduce((best, v) => (Math.abs(v - target) < Math.abs(best - target) ? v : best));
}

// Where a range's best and limit start: low for who pays (the respondent's side), high for the
// others (the claimant's side, and a party on its own side, until it moves them).
function rangeDefaults(issue, side) {
  const { min, max } = issue.range;
  const values = gridValues(issue.range);
  const [best, limit] = side === "respondent" ? [min, max] : [max, min];
  return { best, acceptable: nearest(values, (min + max) / 2), limit };
}

function discreteEditor(issue, saved) {
  const marks = saved?.options || {};
  return issue.options.map((option, o) => {
    const name = `mark-${issue.name}-${o}`;
    return h(
      "fieldset",
      { class: "option", "data-field": `issues.${issue.name}.options.${option}`, "data-option": option },
      h("legend", {}, optionIn(issue, option)),
      h(
        "div",
        { class: "marks" },
        MARKS.map((mark) =>
          h(
            "label",
            { class: `mark mark-${mark}` },
            h("input", { type: "radio", name, value: mark, checked: marks[option] === mark }),
            h("span", {}, t(`interests.mark.${mark}`)),
          ),
        ),
      ),
      h("p", { class: "error", role: "alert" }),
    );
  });
}

function rangeEditor(issue, saved, side) {
  const { min, max, step, unit } = issue.range;
  const values = saved && typeof saved.best === "number" ? saved : rangeDefaults(issue, side);
  return [
    h(
      "p",
      { class: "hint" },
      t("interests.range_hint", {
        min: formatAmount(min, unit),
        max: formatAmount(max, unit),
        step: formatAmount(step, unit),
      }),
    ),
    ...RANGE_PARTS.map((part) => {
      const id = `range-${issue.name}-${part}`;
      return h(
        "p",
        { class: "field", "data-field": `issues.${issue.name}.${part}` },
        h("label", { for: id }, t(`interests.range.${part}`)),
        h("span", { class: "hint", id: `${id}-hint` }, t(`interests.range.${part}_hint`)),
        amountInput({
          id,
          min,
          max,
          step,
          unit,
          value: values[part] ?? "",
          "data-part": part,
          "aria-describedby": `${id}-hint`,
        }),
        h("span", { class: "error", role: "alert" }),
      );
    }),
  ];
}

// A number box that also shows the amount as people write it ("250 000 ₸").
export function amountInput({ unit, value, ...attrs }) {
  const input = h("input", { type: "number", inputmode: "decimal", value, ...attrs });
  const shown = h("span", { class: "amount-preview", "aria-hidden": "true" });
  const update = () => {
    shown.textContent =
      input.value.trim() === "" || !Number.isFinite(Number(input.value))
        ? ""
        : `= ${formatAmount(Number(input.value), unit)}`;
  };
  input.addEventListener("input", update);
  update();
  return h("span", { class: "amount" }, input, shown);
}

function walkAwayEditor(saved) {
  const current = saved || "balanced";
  return h(
    "fieldset",
    { class: "walk-away", "data-field": "walk_away" },
    h("legend", {}, t("interests.walk_title")),
    h("p", { class: "hint" }, t("interests.walk_hint")),
    WALK_AWAY.map((level) =>
      h(
        "label",
        { class: "radio choice" },
        h("input", { type: "radio", name: "walk_away", value: level, checked: level === current }),
        h("span", {}, h("strong", {}, t(`interests.walk.${level}`)), " ", t(`interests.walk.${level}_text`)),
      ),
    ),
  );
}

// Reads the form; returns [answers, problems] where problems are [group, message] pairs (a group
// is a box's `data-field`, see form.js).
function readAnswers(c, form, order) {
  const problems = [];
  const issues = {};
  for (const issue of c.issues) {
    const box = form.querySelector(`[data-issue="${CSS.escape(issue.name)}"]`);
    if (issue.range) {
      const values = {};
      for (const part of RANGE_PARTS) {
        const input = box.querySelector(`[data-part="${part}"]`);
        const value = input.value.trim() === "" ? NaN : Number(input.value);
        if (!Number.isFinite(value) || value < issue.range.min || value > issue.range.max) {
          problems.push([
            input.closest(".field").dataset.field,
            t("interests.error.range_number", {
              min: formatAmount(issue.range.min, issue.range.unit),
              max: formatAmount(issue.range.max, issue.range.unit),
            }),
          ]);
        }
        values[part] = value;
      }
      const { best, acceptable, limit } = values;
      if (
        Number.isFinite(best + acceptable + limit) &&
        !(Math.min(best, limit) <= acceptable && acceptable <= Math.max(best, limit))
      ) {
        problems.push([`issues.${issue.name}.acceptable`, t("interests.error.between")]);
      }
      issues[issue.name] = values;
    } else {
      const options = {};
      for (const fieldset of box.querySelectorAll("fieldset.option")) {
        const checked = fieldset.querySelector("input:checked");
        if (!checked) problems.push([fieldset.dataset.field, t("interests.error.mark")]);
        else options[fieldset.dataset.option] = checked.value;
      }
      if (
        Object.keys(options).length === issue.options.length &&
        Object.values(options).every((m) => m === "unacceptable")
      ) {
        problems.push([box.querySelector("fieldset.option").dataset.field, t("interests.error.all_no")]);
      }
      issues[issue.name] = { options };
    }
  }
  const walkAway = form.querySelector('input[name="walk_away"]:checked')?.value || "balanced";
  return [{ importance: { ranking: order() }, issues, walk_away: walkAway }, problems];
}

// The first thing found wrong with a box is what its line says, as the reader corrects one
// thing at a time; every problem still marks its box.
function showProblems(form, problems) {
  const said = new Set();
  const first = problems.filter(([name]) => !said.has(name) && said.add(name));
  return sayProblems(form, first);
}

// Server field paths (answers.issues.amount.limit) → the box that asks that question.
function serverProblems(form, error) {
  const problems = [];
  for (const { field } of error.fields || []) {
    const path = field.replace(/^answers\.?/, "");
    let box = null;
    for (let p = path; p && !box; p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "") {
      box = form.querySelector(`[data-field="${CSS.escape(p)}"]`);
    }
    if (box) problems.push([box.dataset.field, t("interests.error.check")]);
  }
  return problems;
}

// Whether everyone has answered; among several parties, naming them all (not who is missing:
// the room says who answered).
function waitingText(c, saved) {
  const several = otherParties(c).length > 1;
  if (saved.all_submitted) return t(several ? "interests.all_in" : "interests.both_in");
  return several ? t("interests.waiting_others", { names: othersNames(c) }) : t("interests.waiting_other");
}

function savedNote(c, saved) {
  const at = formatMoment(saved.submitted_at);
  return h(
    "div",
    { class: "saved", id: "saved-note" },
    h("p", {}, h("strong", {}, t("interests.saved", { at }))),
    h("p", {}, waitingText(c, saved)),
    // Before the other side joins there are no proposals nor room yet: back to the case, which
    // says when they join.
    c.status === "awaiting_respondent"
      ? h(
          "p",
          { class: "actions" },
          h("a", { class: "button primary", href: `#/cases/${c.id}` }, t("interests.to_case")),
        )
      : h(
          "p",
          { class: "actions" },
          h("a", { class: "button primary", href: `#/cases/${c.id}/proposals` }, t("interests.to_proposals")),
          h("a", { class: "button", href: `#/cases/${c.id}/room` }, t("case.room")),
        ),
  );
}

export async function interestsPage(caseId) {
  if (!(await currentUser())) {
    loginFirst();
    return;
  }
  const c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  // The case says whether I have answered: nothing is asked for that is not there.
  const saved = c.my_interests_stated ? await api("GET", `/api/cases/${c.id}/interests`) : null;
  const answers = saved?.answers || {};
  const ranking = (answers.importance?.ranking || []).flat();
  const names = c.issues.map((i) => i.name);
  const ordered = [...ranking.filter((n) => names.includes(n)), ...names.filter((n) => !ranking.includes(n))];
  const importance = importanceList(ordered.map((name) => c.issues.find((i) => i.name === name)));

  const form = h(
    "form",
    { novalidate: true, class: "interests" },
    problemBox(),
    h("h2", { id: "importance-title" }, t("interests.step1")),
    h("p", { class: "hint", id: "importance-hint" }, t("interests.step1_hint")),
    importance.element,
    h("h2", {}, t("interests.step2")),
    h("p", { class: "hint" }, t("interests.step2_hint")),
    c.issues.map((issue) =>
      h(
        "fieldset",
        { class: "issue", "data-issue": issue.name, "data-field": `issues.${issue.name}` },
        h("legend", {}, labelIn(issue)),
        issue.range
          ? rangeEditor(issue, answers.issues?.[issue.name], mySideIn(c))
          : discreteEditor(issue, answers.issues?.[issue.name]),
        h("p", { class: "error", role: "alert" }),
      ),
    ),
    h("h2", {}, t("interests.step3")),
    walkAwayEditor(answers.walk_away),
    privacyPromise("promise-again", c),
    h("button", { type: "submit", class: "button primary wide" }, t("interests.save")),
  );

  const note = h("div", { "aria-live": "polite" }, saved ? savedNote(c, saved) : null);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const [body, problems] = readAnswers(c, form, importance.order);
    showProblems(form, problems);
    if (problems.length) {
      sayAbove(form, t("interests.error.summary"));
      return;
    }
    try {
      const result = await api("PUT", `/api/cases/${c.id}/interests`, { answers: body });
      note.replaceChildren(savedNote(c, result));
      announce(t("interests.saved_short"));
      note.scrollIntoView({ block: "start" });
      note.querySelector("a")?.focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showProblems(form, serverProblems(form, error));
      sayAbove(
        form,
        error.code === "network"
          ? t("error.network")
          : error.code === "case_not_open"
            ? t("interests.error.not_open")
            : error.code === "not_a_party"
              ? refusalText(error)
              : t("interests.error.summary"),
      );
    }
  });

  mount(
    h("p", { class: "crumbs" }, h("a", { href: `#/cases/${c.id}` }, t("cases.reference", { reference: c.reference }))),
    h("h1", {}, t("interests.title")),
    privacyPromise("promise", c),
    note,
    form,
  );
}
