// Once a case is over, each party rates the process once: four 1–5 ratings (service, procedure,
// fairness, ease) and an optional comment, for the conciliation centre (POST …/feedback).
//
// The panel asks the server first (GET …/feedback: may I rate, and my rating once given), so a
// rating given on another device shows as given and no form is offered again. A rating sent
// from elsewhere meanwhile is answered 409 feedback_given, which the panel takes the same way.
import { api, ApiError } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { fieldText, refusalText } from "../refusals.js";
import { clearProblems, problemBox, sayAbove, sayProblems } from "./form.js";

const CONCLUDED = ["agreed", "signed", "filed", "failed", "expired", "referred"];
const SCORES = ["service", "procedure", "fairness", "ease"];

export function feedbackApplies(status) {
  return CONCLUDED.includes(status);
}

function scale(name) {
  const id = `fb-${name}`;
  return h(
    "fieldset",
    { class: "rating", "data-score": name, "data-field": name, "aria-describedby": `${id}-ends ${id}-error` },
    h("legend", {}, t(`feedback.q.${name}`)),
    h(
      "div",
      { class: "scale" },
      [1, 2, 3, 4, 5].map((n) =>
        h(
          "label",
          { class: "score" },
          h("input", { type: "radio", name, value: n, id: `${id}-${n}` }),
          h("span", {}, String(n)),
        ),
      ),
    ),
    h(
      "p",
      { class: "scale-ends", id: `${id}-ends` },
      h("span", {}, t("feedback.low")),
      h("span", {}, t("feedback.high")),
    ),
    h("p", { class: "error", id: `${id}-error` }),
  );
}

// The thank-you; with the rating as given, when the server sent it back.
function thanks(key, given = null) {
  return h(
    "div",
    { class: "feedback-thanks" },
    h("p", { class: "strong", tabindex: "-1" }, t(key)),
    given
      ? [
          h("p", { class: "feedback-given-title" }, t("feedback.your_rating")),
          h(
            "dl",
            { class: "package feedback-given" },
            SCORES.map((name) =>
              h(
                "div",
                { class: "package-row" },
                h("dt", {}, t(`feedback.q.${name}`)),
                h("dd", {}, t("feedback.score", { n: given[name] })),
              ),
            ),
          ),
        ]
      : null,
    h("p", {}, t("feedback.thanks_text")),
  );
}

// The panel for case c: the form, or the thank-you once this person has rated (here or on
// another device), as the server says.
export async function feedbackPanel(c) {
  const state = await api("GET", `/api/cases/${c.id}/feedback`);
  const box = h(
    "section",
    { class: "feedback-panel", id: "feedback", "aria-labelledby": "fb-title" },
    h("h2", { id: "fb-title" }, t("feedback.title")),
  );
  const finish = (key, given = null) => {
    box.replaceChildren(h("h2", { id: "fb-title" }, t("feedback.title")), thanks(key, given));
    // The thanks gets the focus, so a screen reader reads it (once: not also through #status).
    box.querySelector(".feedback-thanks p").focus();
  };
  if (state.given) {
    box.append(thanks("feedback.already", state.given));
    return box;
  }
  if (!state.open) {
    box.append(h("p", {}, t("feedback.not_over")));
    return box;
  }
  const problem = problemBox();
  const form = h(
    "form",
    { class: "feedback-form", novalidate: true },
    h("p", { class: "hint" }, t("feedback.intro")),
    SCORES.map(scale),
    h(
      "p",
      { class: "field" },
      h("label", { for: "fb-comment" }, t("feedback.comment")),
      h("span", { class: "hint", id: "fb-comment-hint" }, t("feedback.comment_hint")),
      h("textarea", {
        id: "fb-comment",
        name: "comment",
        rows: 3,
        maxlength: 4000,
        "aria-describedby": "fb-comment-hint",
      }),
    ),
    problem,
    h("p", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("feedback.send"))),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblems(form);
    const missing = [];
    const body = {};
    for (const name of SCORES) {
      const picked = form.querySelector(`fieldset[data-score="${name}"] input:checked`);
      if (picked) body[name] = Number(picked.value);
      else missing.push([name, t("feedback.pick")]);
    }
    if (missing.length) {
      sayProblems(form, [[null, t("feedback.missing")], ...missing]);
      return;
    }
    const comment = form.elements.comment.value.trim();
    if (comment) body.comment = comment;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      finish("feedback.thanks", await api("POST", `/api/cases/${c.id}/feedback`, body));
    } catch (error) {
      button.disabled = false;
      if (!(error instanceof ApiError)) throw error;
      if (error.code === "feedback_given") {
        // rated on another device meanwhile
        const now = await api("GET", `/api/cases/${c.id}/feedback`).catch(() => ({ given: null }));
        finish("feedback.already", now.given);
        return;
      }
      sayAbove(
        form,
        error.code === "network"
          ? t("error.network")
          : error.code === "case_not_over"
            ? t("feedback.not_over")
            : [refusalText(error), ...error.fields.map(fieldText)].join(" "),
      );
      button.focus();
    }
  });
  box.append(form);
  return box;
}
