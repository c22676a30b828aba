// Once a case is over, each party rates the process once: four 1–5 ratings (service, procedure,
// fairness, ease) and an optional comment, for the conciliation centre (POST …/feedback).
//
// The server has no GET for a rating given: this browser remembers that it sent one, and a
// second try is answered 409 feedback_given, which the panel takes as "already rated".
import { api, ApiError } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

const CONCLUDED = ["agreed", "signed", "filed", "failed", "expired", "referred"];
const SCORES = ["service", "procedure", "fairness", "ease"];

export function feedbackApplies(status) {
  return CONCLUDED.includes(status);
}

const memoryKey = (user, c) => `kelisim.feedback.${user.id}.${c.id}`;

function scale(name) {
  const id = `fb-${name}`;
  return h("fieldset", { class: "rating", "data-score": name, "aria-describedby": `${id}-ends ${id}-error` },
    h("legend", {}, t(`feedback.q.${name}`)),
    h("div", { class: "scale" }, [1, 2, 3, 4, 5].map((n) => h("label", { class: "score" },
      h("input", { type: "radio", name, value: n, id: `${id}-${n}` }),
      h("span", {}, String(n))))),
    h("p", { class: "scale-ends", id: `${id}-ends` },
      h("span", {}, t("feedback.low")), h("span", {}, t("feedback.high"))),
    h("p", { class: "error", id: `${id}-error` }));
}

function thanks(key) {
  return h("div", { class: "feedback-thanks" },
    h("p", { class: "strong", tabindex: "-1" }, t(key)),
    h("p", {}, t("feedback.thanks_text")));
}

// The panel for case c: the form, or the thank-you once this person has rated.
export function feedbackPanel(c, user) {
  const box = h("section", { class: "feedback-panel", id: "feedback", "aria-labelledby": "fb-title" },
    h("h2", { id: "fb-title" }, t("feedback.title")));
  const finish = (key) => {
    localStorage.setItem(memoryKey(user, c), "1");
    box.replaceChildren(h("h2", { id: "fb-title" }, t("feedback.title")), thanks(key));
    // The thanks gets the focus, so a screen reader reads it (once: not also through #status).
    box.querySelector(".feedback-thanks p").focus();
  };
  if (localStorage.getItem(memoryKey(user, c))) {
    box.append(thanks("feedback.already"));
    return box;
  }
  const problem = h("p", { class: "form-error", role: "alert" });
  const form = h("form", { class: "feedback-form", novalidate: true },
    h("p", { class: "hint" }, t("feedback.intro")),
    SCORES.map(scale),
    h("p", { class: "field" },
      h("label", { for: "fb-comment" }, t("feedback.comment")),
      h("span", { class: "hint", id: "fb-comment-hint" }, t("feedback.comment_hint")),
      h("textarea", { id: "fb-comment", name: "comment", rows: 3, maxlength: 4000, "aria-describedby": "fb-comment-hint" })),
    problem,
    h("p", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("feedback.send"))));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.textContent = "";
    const missing = [];
    const body = {};
    for (const name of SCORES) {
      const group = form.querySelector(`fieldset[data-score="${name}"]`);
      const picked = group.querySelector("input:checked");
      group.querySelector(".error").textContent = picked ? "" : t("feedback.pick");
      group.querySelectorAll("input").forEach((input) => (picked
        ? input.removeAttribute("aria-invalid") : input.setAttribute("aria-invalid", "true")));
      if (picked) body[name] = Number(picked.value);
      else missing.push(group);
    }
    if (missing.length) {
      problem.textContent = t("feedback.missing");
      missing[0].querySelector("input").focus();
      return;
    }
    const comment = form.elements.comment.value.trim();
    if (comment) body.comment = comment;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await api("POST", `/api/cases/${c.id}/feedback`, body);
      finish("feedback.thanks");
    } catch (error) {
      button.disabled = false;
      if (!(error instanceof ApiError)) throw error;
      if (error.code === "feedback_given") {
        finish("feedback.already");
        return;
      }
      problem.textContent = error.code === "network" ? t("error.network")
        : error.code === "case_not_over" ? t("feedback.not_over")
        : t("error.generic", { message: error.message });
      button.focus();
    }
  });
  box.append(form);
  return box;
}
