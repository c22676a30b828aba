// The mediator's actions on a case: only those its state allows (pause or resume, extend, close,
// refer, attest, declare a conflict of interest; the server refuses the others anyway), each a small form that reports its
// outcome. Attesting is offered with EDS through NCALayer first where the service takes EDS
// (attest_eds.js), the plain attestation beside it. Also the message form, which sends through the room.
import { ApiError } from "../../api.js";
import { announce, h } from "../../dom.js";
import { t } from "../../i18n.js";
import { refusalText } from "../../refusals.js";
import { clearProblems, problemBox, sayAbove } from "../form.js";
import { chosenCourt, courtField } from "../referral_note.js";
import { attestEdsForm } from "./attest_eds.js";

const RUNNING = ["awaiting_respondent", "open", "paused", "expired"];
const REASON = { maxlength: 2000, autocomplete: "off" };

let fieldCount = 0;
function field(name, type = "text", extra = {}) {
  const id = `f-${name}-${++fieldCount}`;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, t(`centre.field.${name}`)),
    h("input", { id, name, type, required: true, ...extra }),
  );
}

export function actionForm(name, fields, submit, { danger = false } = {}) {
  const error = problemBox();
  const button = h(
    "button",
    { type: "submit", class: danger ? "button danger" : "button" },
    t(`centre.action.${name}`),
  );
  const form = h(
    "form",
    { class: `action-form action-${name}`, "aria-label": t(`centre.action.${name}`) },
    fields,
    button,
    error,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblems(form);
    button.disabled = true;
    try {
      await submit(new FormData(form));
      form.reset();
      announce(t("centre.done"));
    } catch (failure) {
      // In the reader's language from the refusal's code, never the server's English message.
      sayAbove(form, failure instanceof ApiError ? refusalText(failure) : t("refusal.other"));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

// Which actions the case's state allows.
export function allowed(view) {
  const s = view.case.status;
  const running = RUNNING.includes(s) && (!view.outcome || view.outcome === "expired");
  return {
    pause: s === "open",
    resume: s === "paused",
    deadline: RUNNING.includes(s),
    close_failed: running,
    close_settled: s === "agreed" && !view.outcome,
    refer: s === "failed" || s === "expired",
    attest: s === "agreed" && !view.attested_at,
    attest_eds: s === "agreed" && !view.attested_at && Boolean(view.eds),
    conflict: ["awaiting_respondent", "open", "paused"].includes(s),
  };
}

// The forms for what `can` allows: `act(path, body)` posts to the case's action and redraws;
// `reload()` rereads the case (after an EDS attestation, whose answer is not the case).
export function actionForms(can, act, refer, view = null, reload = null) {
  const reason = () => field("reason", "text", REASON);
  const forms = [];
  if (can.pause) forms.push(actionForm("pause", reason(), (d) => act("pause", { reason: d.get("reason") })));
  if (can.resume) forms.push(actionForm("resume", [], () => act("resume")));
  if (can.deadline)
    forms.push(
      actionForm("deadline", [field("days", "number", { min: 1, max: 365, inputmode: "numeric" }), reason()], (d) =>
        act("deadline", { days: Number(d.get("days")), reason: d.get("reason") }),
      ),
    );
  if (can.close_settled)
    forms.push(
      actionForm("close_settled", reason(), (d) => act("close", { outcome: "settled", reason: d.get("reason") })),
    );
  const contractDate = () => field("contract_date", "date", { max: new Date().toISOString().slice(0, 10) });
  if (can.attest_eds && view && reload) forms.push(attestEdsForm(view, contractDate(), reload));
  if (can.attest)
    forms.push(
      actionForm("attest", contractDate(), (d) => act("attest", { mediation_contract_date: d.get("contract_date") })),
    );
  const ending = [];
  if (can.close_failed)
    ending.push(
      actionForm("close_failed", reason(), (d) => act("close", { outcome: "failed", reason: d.get("reason") }), {
        danger: true,
      }),
    );
  if (can.refer)
    ending.push(
      actionForm("refer", [reason(), courtField()], (d) => refer(d.get("reason"), chosenCourt(d)), { danger: true }),
    );
  // A declared conflict of interest hands the case on at once: it is no longer this reader's.
  const leave = async (d) => {
    await act("conflict", { reason: d.get("reason") });
    location.hash = "#/mediator";
  };
  if (can.conflict) ending.push(actionForm("conflict", reason(), leave, { danger: true }));
  return { forms, ending };
}

// The section's content: the forms, the ending ones folded away, or why there are none.
export function actionsContent(view, act, refer, reload = null) {
  if (!view.case.mine) return h("p", { class: "meta" }, t("centre.read_only"));
  const { forms, ending } = actionForms(allowed(view), act, refer, view, reload);
  if (!forms.length && !ending.length) return h("p", { class: "meta" }, t("centre.no_actions"));
  return [
    h("div", { class: "action-grid" }, forms),
    ending.length
      ? h(
          "details",
          { class: "ending" },
          h("summary", {}, t("centre.actions_end")),
          h("div", { class: "action-grid" }, ending),
        )
      : null,
  ];
}

// Messages go through the room; `say(text)` resolves on the room's ack.
export function messageBox(say) {
  return h(
    "section",
    { "aria-labelledby": "message-title", class: "message-box" },
    h("h2", { id: "message-title" }, t("centre.message_title")),
    h("p", { class: "hint" }, t("centre.message_hint")),
    actionForm("message", field("text", "text", { maxlength: 4000, autocomplete: "off" }), (d) => say(d.get("text"))),
  );
}
