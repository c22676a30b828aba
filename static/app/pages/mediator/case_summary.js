// Where a case stands, at the top of the mediator's case view: subject, status, mechanism and its
// public state, deadline, parties, the assignments it had, and what a party shared with its
// mediator (only ever the current mediator's, and only if the party chose to share).
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { labelIn, optionLabel } from "../../issues.js";
import { daysLeft, formatDate, isClosed, roleName, statusBadge, takingPart, urgent, when } from "./common.js";
import { mechanismView } from "./mechanism.js";

function assignmentReason(reason) {
  if (reason === "automatic") return t("centre.assigned_auto");
  if (reason === "automatic: no eligible mediator") return t("centre.assigned_none");
  return reason;
}

// A party's shared private answers in words: its priorities, what it wants, could accept and
// will not go beyond on each point, and how firm it is.
function sharedView(issues, shared) {
  const c = { issues };
  const answers = shared.answers || {};
  const label = (name) => labelIn(issues.find((issue) => issue.name === name)) ?? name;
  const ranking = (answers.importance?.ranking || []).flat();
  const rows = issues
    .filter((issue) => answers.issues?.[issue.name])
    .map((issue) => {
      const given = answers.issues[issue.name];
      const text = issue.range
        ? ["best", "acceptable", "limit"]
            .filter((part) => part in given)
            .map((part) => `${t(`centre.shared_answer.${part}`)}: ${optionLabel(c, issue.name, given[part])}`)
            .join("; ")
        : Object.entries(given.options || {})
            .map(([option, mark]) => `${option} — ${t(`centre.shared_answer.${mark}`)}`)
            .join("; ");
      return h("div", { class: "package-row" }, h("dt", {}, labelIn(issue)), h("dd", {}, text));
    });
  return h(
    "div",
    { class: "shared-party" },
    h("h3", {}, roleName(shared.role)),
    ranking.length
      ? h(
          "p",
          {},
          `${t("centre.shared_answer.priorities")}: `,
          ranking.map((name, i) => `${i + 1}. ${label(name)}`).join(", "),
        )
      : null,
    h("dl", { class: "package" }, rows),
    answers.walk_away
      ? h("p", {}, `${t("centre.shared_answer.firmness")}: ${t(`centre.shared_answer.walk_${answers.walk_away}`)}`)
      : null,
  );
}

function assignmentsView(view, names) {
  if (view.assignments.length <= 1) return null;
  return h(
    "section",
    { "aria-labelledby": "assignments-title" },
    h("h2", { id: "assignments-title", tabindex: -1 }, t("centre.assignments")),
    h(
      "ul",
      { class: "assignments" },
      view.assignments.map((a) => {
        const name = names.get(a.mediator_id); // known to the centre's administrators
        return h(
          "li",
          {},
          `${formatDate(a.assigned_at, true)} — ${name ? `${name}: ` : ""}${assignmentReason(a.reason)}`,
        );
      }),
    ),
  );
}

// The side a party stands on, when it is worth saying: any party beyond the first two, or one of
// them standing with the other side.
function sideOf(p) {
  const usual = p.role === "claimant" || p.role === "respondent" ? p.role : null;
  return p.side === usual ? null : t(`centre.side.${p.side}`);
}

// Every party of the case (2 to 10): its name, label and side, whether it is still invited or
// withdrew, and when it last acted in the room.
function rosterView(c) {
  return h(
    "ul",
    { class: "roster", "aria-label": t("centre.parties") },
    c.roster.map((p) =>
      h(
        "li",
        { class: `party party-${p.state}`, "data-role": p.role },
        h("strong", {}, p.name),
        ` — ${[roleName(p.role), sideOf(p)].filter(Boolean).join(", ")}`,
        ["invited", "dropped"].includes(p.state)
          ? h("span", { class: "meta" }, ` · ${t(`centre.party.${p.state}`)}`)
          : null,
        p.state === "withdrawn"
          ? h("span", { class: "meta" }, ` · ${t("centre.party.withdrawn", { date: formatDate(p.withdrawn_at) })}`)
          : null,
        p.last_active_at
          ? h("span", { class: "meta" }, ` · ${t("centre.party.last_active")} `, when(p.last_active_at))
          : null,
      ),
    ),
  );
}

// `names`: mediator id → name, for the centre's administrators (empty for a mediator).
export function summaryOf(view, names) {
  const c = view.case;
  const deadline = isClosed(c.status)
    ? null
    : h(
        "p",
        { class: urgent(c) ? "deadline urgent" : "deadline" },
        t("centre.deadline_line", { date: formatDate(c.deadline_at), left: daysLeft(c) }),
      );
  return [
    h("p", { class: "subject-line" }, c.subject),
    h(
      "p",
      {},
      statusBadge(c.status),
      c.stalled ? h("span", { class: "flag flag-stalled" }, t("centre.stalled")) : null,
    ),
    h(
      "p",
      { class: "mechanism-line", id: "case-mechanism" },
      `${t("centre.col.mechanism")}: `,
      mechanismView(c.mechanism, takingPart(c), { withSwitch: false, inline: true }),
    ),
    deadline,
    view.paused_at
      ? h("p", { class: "meta" }, t("centre.paused_since", { date: formatDate(view.paused_at, true) }))
      : null,
    view.attested_at
      ? h("p", { class: "meta" }, t("centre.attested_on", { date: formatDate(view.attested_at) }))
      : null,
    rosterView(c),
    c.mine ? null : h("p", { class: "meta" }, `${t("centre.col.mediator")}: ${c.mediator || t("centre.unassigned")}`),
    assignmentsView(view, names),
    view.shared_interests.length
      ? h(
          "section",
          { "aria-labelledby": "shared-title", class: "shared" },
          h("h2", { id: "shared-title" }, t("centre.shared")),
          view.shared_interests.map((s) => sharedView(view.issues, s)),
        )
      : h("p", { class: "meta" }, t("centre.nothing_shared")),
  ];
}
