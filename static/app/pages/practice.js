// Practice with a robot (#/practice, #/cases/{id}/practice): a rehearsal that stores nothing.
//
// The server draws the robot and answers each move (docs/api.md, Practice); the rehearsal's state
// comes back sealed with every answer and is kept here, in this tab's sessionStorage, so a reload
// goes on where it was and closing the tab forgets it. Nothing reaches the other party: the page
// says so at the top, in every state. On a case, the rehearsal uses the case's issues and the
// reader's own stated interests (the server reads only the reader's).
import { ApiError, api } from "../api.js";
import { announce, h, mount } from "../dom.js";
import { explanation } from "../explain.js";
import { t } from "../i18n.js";
import { refusalText } from "../refusals.js";
import { currentUser } from "../session.js";
import { control, problemBox } from "./form.js";
import { explainable, messageText, optionText, packageList, rangeIds, viewIssues } from "./practice/words.js";

const CATEGORIES = ["family", "consumer", "labour", "commercial", "civil"];
const GONE = ["practice_state_invalid", "practice_expired", "practice_over"];

const storageKey = (caseId) => `kelisim.practice.${caseId || "typical"}`;

function remembered(caseId) {
  try {
    return JSON.parse(sessionStorage.getItem(storageKey(caseId)) || "null");
  } catch {
    return null;
  }
}

function remember(caseId, session) {
  if (session) sessionStorage.setItem(storageKey(caseId), JSON.stringify(session));
  else sessionStorage.removeItem(storageKey(caseId));
}

export async function practicePage(caseId = null) {
  let c = null;
  if (caseId) {
    if (!(await currentUser())) {
      location.hash = "#/login";
      return;
    }
    c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  }
  const area = h("div", { class: "practice-body" });
  const page = { caseId, c, area, session: remembered(caseId), said: "" };
  mount(
    h("h1", {}, t("practice.title")),
    h("p", { class: "notice", role: "note", id: "practice-note" }, t("practice.rehearsal")),
    area,
  );
  draw(page);
}

function draw(page) {
  const nodes = page.session ? rehearsal(page) : startForm(page);
  page.area.replaceChildren(...nodes.filter(Boolean));
}

// -- before the first move: what to rehearse --------------------------------------------------

function startForm(page) {
  const problem = problemBox(page.said);
  page.said = "";
  const form = h("form", { id: "practice-start", novalidate: true }, problem);
  if (page.c) {
    form.append(h("p", {}, t("practice.case_lead", { subject: page.c.subject })));
  } else {
    form.append(h("p", { class: "lead" }, t("practice.lead")));
    const category = control(
      "select",
      "category",
      t("practice.category"),
      {},
      "",
      CATEGORIES.map((value) => h("option", { value }, t(`practice.category.${value}`))),
    );
    const sides = h("fieldset", { class: "choices", "data-field": "role" }, h("legend", {}, t("practice.side")));
    const drawSides = () => {
      const chosen = category.querySelector("select").value;
      sides.replaceChildren(
        h("legend", {}, t("practice.side")),
        ...["claimant", "respondent"].map((role) =>
          h(
            "label",
            { class: "choice" },
            h("input", { type: "radio", name: "role", value: role, checked: role === "claimant" }),
            ` ${t(`practice.you_are.${chosen}.${role}`)}`,
          ),
        ),
      );
    };
    category.querySelector("select").addEventListener("change", drawSides);
    drawSides();
    form.append(category, sides);
  }
  const button = h("button", { type: "submit", class: "primary" }, t("practice.start"));
  form.append(h("p", { class: "actions" }, button, page.c ? backToCase(page) : null));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const start = page.c
        ? await api("POST", `/api/cases/${page.c.id}/practice/start`, {})
        : await api("POST", "/api/practice/start", {
            category: form.querySelector("select").value,
            role: form.querySelector('input[name="role"]:checked')?.value || "claimant",
          });
      page.session = { start, turn: start, mine: null };
      remember(page.caseId, page.session);
      draw(page);
      announce(replyWords(page));
    } catch (error) {
      button.disabled = false;
      problem.textContent = refused(error);
    }
  });
  return [form];
}

function backToCase(page) {
  return h("a", { class: "button", href: `#/cases/${page.c.id}` }, t("practice.to_case"));
}

function refused(error) {
  if (!(error instanceof ApiError)) throw error;
  if (GONE.includes(error.code)) return t("practice.refused.gone");
  if (error.code === "practice_no_issues") return t("practice.refused.no_issues");
  return refusalText(error);
}

// -- the rehearsal: the robot's last word, my next move ---------------------------------------

function issuesOf(page) {
  page.issues ??= viewIssues(page.session.start);
  return page.issues;
}

function replyWords(page) {
  const issues = issuesOf(page);
  return page.session.turn.reply.messages.map((m) => messageText(issues, m)).join(" ");
}

function rehearsal(page) {
  const { start, turn } = page.session;
  const issues = issuesOf(page);
  const intro = page.c
    ? h("p", {}, t(start.interests_used ? "practice.with_interests" : "practice.without_interests"))
    : null;
  const round = h(
    "p",
    { class: "practice-round" },
    t("practice.round", { round: Math.min(turn.round + 1, turn.max_rounds), max: turn.max_rounds }),
  );
  const said = h(
    "ul",
    { class: "practice-reply", "aria-live": "polite" },
    turn.reply.messages.map((m) => h("li", {}, messageText(issues, m))),
  );
  if (turn.over) return [intro, said, ...debrief(page)];
  const robot = turn.reply.package;
  return [
    intro,
    round,
    h(
      "section",
      { "aria-labelledby": "practice-robot-title" },
      h("h2", { id: "practice-robot-title" }, t("practice.robot_offer")),
      said,
      robot ? packageList(issues, robot, { "aria-labelledby": "practice-robot-title" }) : null,
    ),
    offerForm(page, robot),
  ];
}

function offerForm(page, robot) {
  const issues = issuesOf(page);
  const start = page.session.mine || robot || {};
  const problem = problemBox();
  const fields = issues.map((issue) => {
    const ids = issue.range ? rangeIds(issue.range) : issue.options.map((o) => o.id);
    return control(
      "select",
      `practice-${issue.name}`,
      issue.label,
      { "data-issue": issue.name },
      "",
      ids.map((id) =>
        h("option", { value: id, selected: id === start[issue.name] }, optionText(issues, issue.name, id)),
      ),
    );
  });
  const send = h("button", { type: "submit", class: "primary" }, t("practice.send"));
  const accept = h("button", { type: "button" }, t("practice.accept"));
  const stop = h("button", { type: "button", class: "link" }, t("practice.stop"));
  const form = h(
    "form",
    { id: "practice-offer", "aria-labelledby": "practice-offer-title", novalidate: true },
    h("h2", { id: "practice-offer-title" }, t("practice.your_offer")),
    problem,
    ...fields,
    h("p", { class: "actions" }, send, robot ? accept : null, stop),
  );
  const move = async (body, button) => {
    for (const b of [send, accept, stop]) b.disabled = true;
    try {
      const turn = await api("POST", "/api/practice/offer", { state: page.session.turn.state, ...body });
      page.session = { ...page.session, turn, mine: body.package || page.session.mine };
      remember(page.caseId, page.session);
      draw(page);
      announce(replyWords(page));
      document.querySelector(turn.over ? "#practice-outcome" : ".practice-round")?.focus();
    } catch (error) {
      for (const b of [send, accept, stop]) b.disabled = false;
      problem.textContent = refused(error);
      if (error instanceof ApiError && GONE.includes(error.code)) {
        remember(page.caseId, null);
        page.session = null;
        page.said = problem.textContent;
        draw(page);
      }
      button.focus();
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const pkg = Object.fromEntries(
      [...form.querySelectorAll("select[data-issue]")].map((s) => [s.dataset.issue, s.value]),
    );
    move({ action: "offer", package: pkg }, send);
  });
  accept.addEventListener("click", () => move({ action: "accept" }, accept));
  stop.addEventListener("click", () => move({ action: "end" }, stop));
  return form;
}

// -- the end: the outcome and what a compromise could look like -------------------------------

function debrief(page) {
  const issues = issuesOf(page);
  const lesson = page.session.turn.debrief;
  const outcome = h(
    "section",
    { id: "practice-outcome", tabindex: "-1", "aria-labelledby": "practice-outcome-title" },
    h("h2", { id: "practice-outcome-title" }, t(lesson.agreed ? "practice.outcome.agreed" : "practice.outcome.none")),
    lesson.agreed ? packageList(issues, lesson.agreed, { "aria-labelledby": "practice-outcome-title" }) : null,
  );
  const compromise = lesson.compromise
    ? h(
        "section",
        { "aria-labelledby": "practice-lesson-title" },
        h("h2", { id: "practice-lesson-title" }, t("practice.lesson")),
        h("p", {}, t("practice.lesson_text")),
        packageList(issues, lesson.compromise, { "aria-labelledby": "practice-lesson-title" }),
        (() => {
          const { c, messages } = explainable(issues, lesson.explanation);
          return explanation(c, messages, "practice-lesson");
        })(),
      )
    : null;
  const tips = h(
    "section",
    { "aria-labelledby": "practice-tips-title" },
    h("h2", { id: "practice-tips-title" }, t("practice.tips")),
    h(
      "ul",
      { class: "practice-tips" },
      lesson.tips.map((m) => h("li", {}, messageText(issues, m))),
    ),
  );
  const again = h("button", { type: "button", class: "primary" }, t("practice.again"));
  again.addEventListener("click", () => {
    remember(page.caseId, null);
    page.session = null;
    page.issues = undefined;
    draw(page);
  });
  return [outcome, compromise, tips, h("p", { class: "actions" }, again, page.c ? backToCase(page) : null)];
}
