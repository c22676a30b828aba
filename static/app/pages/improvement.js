// Post-settlement improvement: after an agreement, the engine may find an arrangement at least as
// good for both parties. This page shows the reader its OWN gain only (GET …/improvement answers
// nothing else: not the other's gain, not the other's answer), and takes its answer: accept, or
// keep the agreement. It reads the offer again whenever the room logs improvement_* events, so
// "adopted" or "the agreement stands" appears live.
import { ApiError, api } from "../api.js";
import { announce, h, mount, onLeave } from "../dom.js";
import { formatMoment, formatNumber } from "../format.js";
import { t } from "../i18n.js";
import { issueLabel, optionLabel, packageView } from "../issues.js";
import { refusalText } from "../refusals.js";
import { roomFor } from "../room/live.js";
import { currentUser } from "../session.js";
import { confirmDialog } from "./confirm.js";
import { problemBox } from "./form.js";

const SETTLED = ["agreed", "signed", "filed"]; // a case's statuses once agreed (odr/cases/status.py)
const signed = (points) => `${points > 0 ? "+" : points < 0 ? "−" : ""}${formatNumber(Math.abs(points))}`;

// My gain, issue by issue, in my own points (the server computed it from my answers only). A
// list, not a table: four columns do not fit a 360 px phone.
function changesList(c, gain) {
  return h(
    "section",
    { "aria-labelledby": "changes-title" },
    h("h2", { id: "changes-title" }, t("imp.changes")),
    h(
      "ul",
      { class: "gain-list" },
      gain.issues.map((row) =>
        h(
          "li",
          {},
          t(row.points === 0 ? "imp.change_same" : "imp.change", {
            issue: issueLabel(c, row.issue),
            agreed: optionLabel(c, row.issue, row.agreed),
            offered: optionLabel(c, row.issue, row.offered),
            points: signed(row.points),
          }),
        ),
      ),
    ),
  );
}

// What an ended offer means: adopted → the settlement to sign (drafted again); lapsed → the
// agreement stands, for the reason the log gives.
function outcome(c, offer) {
  if (offer.status === "adopted") {
    return [
      h("p", { class: "agreed-banner" }, t("imp.adopted")),
      packageView(c, offer.package, { "aria-label": t("imp.whole") }),
      h(
        "p",
        { class: "actions" },
        h("a", { class: "button primary", href: `#/cases/${c.id}/settlement` }, t("imp.to_settlement")),
      ),
    ];
  }
  return [
    h("p", {}, t(`imp.lapsed.${offer.reason}`)),
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button primary", href: `#/cases/${c.id}/agreement` }, t("imp.to_agreement")),
    ),
  ];
}

export async function improvementPage(caseId) {
  if (!(await currentUser())) {
    location.hash = "#/login";
    return;
  }
  const c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  const path = `/api/cases/${c.id}/improvement`;
  const body = h("div", { class: "improvement-body" }, h("p", {}, t("status.loading")));
  const state = h("div", { class: "improvement-state", tabindex: "-1" }); // said by announce()
  const problem = problemBox();
  let offer = null;
  let busy = false;

  const answer = async (accept) => {
    const asked = accept
      ? { title: t("imp.accept_q"), text: t("imp.accept_text"), yes: t("imp.accept_yes") }
      : { title: t("imp.keep_q"), text: t("imp.keep_text"), yes: t("imp.keep_yes") };
    if (busy || !(await confirmDialog(asked))) return;
    busy = true;
    problem.textContent = "";
    try {
      offer = await api("POST", `${path}/answer`, { round: offer.round, accept });
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "improvement_closed") {
        problem.textContent = refusalText(error);
        busy = false;
        return;
      }
      announce(t("imp.closed"));
      offer = await api("GET", path);
    }
    busy = false;
    draw();
    announce(state.textContent);
    (state.querySelector("a, button") || state).focus(); // the pressed button is gone
  };

  const drawState = () => {
    if (offer.status !== "open") return outcome(c, offer);
    if (offer.my_answer === "accepted") return [h("p", { class: "notice" }, t("imp.accepted"))];
    return [
      h("p", {}, t("imp.deadline", { deadline: formatMoment(offer.expires_at) })),
      h(
        "p",
        { class: "actions" },
        h("button", { type: "button", class: "button primary", onclick: () => answer(true) }, t("imp.accept")),
        h("button", { type: "button", class: "button", onclick: () => answer(false) }, t("imp.keep")),
      ),
    ];
  };

  const draw = () => {
    const gain = offer.my_gain;
    body.replaceChildren(
      h("p", { class: "lead" }, t("imp.lead")),
      h("p", { class: "hint" }, t("imp.private")),
      h(
        "p",
        { class: "gain" },
        gain.points > 0 ? t("imp.gain", { points: formatNumber(gain.points) }) : t("imp.gain_none"),
      ),
      gain.issues.length ? changesList(c, gain) : null,
      h("h2", {}, t("imp.whole")),
      packageView(c, offer.package, { "aria-label": t("imp.whole") }),
    );
    state.replaceChildren(...drawState());
  };

  // Reads the offer; none at all is said plainly (the agreement is already the best for both).
  const read = async () => {
    try {
      offer = await api("GET", path);
    } catch (error) {
      if (error instanceof ApiError && error.code === "no_improvement") {
        // Before an agreement there is nothing to improve; after one, nothing was found.
        if (!SETTLED.includes(c.status)) {
          body.replaceChildren(h("p", {}, t("agreement.none")));
          state.replaceChildren(
            h("p", { class: "actions" }, h("a", { class: "button", href: `#/cases/${c.id}/room` }, t("case.room"))),
          );
          return;
        }
        body.replaceChildren(h("p", {}, t("imp.none")));
        state.replaceChildren(
          h(
            "p",
            { class: "actions" },
            h("a", { class: "button", href: `#/cases/${c.id}/agreement` }, t("imp.to_agreement")),
          ),
        );
        return;
      }
      throw error;
    }
    draw();
  };

  // Live: the room's improvement events end (or start) the offer; read our own view again (once
  // for a burst, as a replay brings them together) and say what changed, if anything did.
  const room = roomFor(c.id);
  let again = null;
  const reread = async () => {
    again = null;
    const before = offer && `${offer.round}:${offer.status}:${offer.my_answer}`;
    await read();
    if (offer && `${offer.round}:${offer.status}:${offer.my_answer}` !== before) announce(state.textContent);
  };
  const stop = room.subscribe((change) => {
    if (change.type === "event" && change.event.event.startsWith("improvement_")) {
      again ??= setTimeout(() => reread().catch(() => {}), 50);
    }
  });
  onLeave(() => {
    stop();
    clearTimeout(again);
  });

  await read();
  mount(
    h("p", { class: "crumbs" }, h("a", { href: `#/cases/${c.id}` }, t("cases.reference", { reference: c.reference }))),
    h("h1", {}, t("imp.title")),
    h("p", { class: "subject" }, c.subject),
    body,
    problem,
    state,
  );
}
