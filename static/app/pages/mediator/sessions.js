// The mediator's joint sessions on the case page (#15): propose up to 5 times (Astana time, each
// with a video link or a place), see which times each party chose, confirm one (the one every
// party can attend is marked), move or cancel it, and record how it went. Each step is also a
// line of the case's record, which the parties read in their room.
import { api } from "../../api.js";
import { announce, h } from "../../dom.js";
import { t, useStrings } from "../../i18n.js";
import { control, field, problemBox } from "../form.js";
import { astana, fromAstana, sessionRefusal, slotText } from "../session_parts.js";
import { roleName } from "./common.js";

const MAX_SLOTS = 5;

// The inputs of one time; `n` names them apart.
function slotFields(n) {
  return h(
    "div",
    { class: "session-slot", "data-slot": String(n) },
    field(`s${n}_date`, t("sessions.date"), { type: "date", required: true }),
    field(`s${n}_time`, t("sessions.time"), { type: "time", required: true }),
    field(`s${n}_minutes`, t("sessions.minutes"), {
      type: "number",
      min: "15",
      max: "480",
      value: "60",
      required: true,
    }),
    field(`s${n}_url`, t("sessions.meeting_url"), { type: "url", placeholder: "https://" }),
    field(`s${n}_place`, t("sessions.place_label"), { maxlength: "200" }),
  );
}

function slotOf(form, n) {
  const value = (name) => form.elements[`s${n}_${name}`].value.trim();
  return {
    starts_at: fromAstana(value("date"), value("time")),
    duration_minutes: Number(value("minutes")),
    meeting_url: value("url") || null,
    place: value("place") || null,
  };
}

// The panel; `mine`: the caller mediates the case (administrators only look).
export async function mediatorSessions(caseId, mine) {
  const path = `/api/centre/cases/${caseId}/sessions`;
  let [list] = await Promise.all([api("GET", path), useStrings("sessions")]);
  const body = h("div", { id: "sessions-body" });
  const problem = problemBox();

  const act = async (button, step, payload, said) => {
    problem.textContent = "";
    button.disabled = true;
    try {
      list = await api("POST", step ? `${path}/${step}` : path, payload);
      draw();
      announce(said);
    } catch (error) {
      problem.textContent = sessionRefusal(error);
      button.disabled = false;
    }
  };

  const proposeForm = () => {
    let count = 1;
    const rows = h("div", {}, slotFields(1));
    const more = h("button", { type: "button", class: "button secondary" }, t("sessions.add_time"));
    more.addEventListener("click", () => {
      if (count < MAX_SLOTS) rows.append(slotFields(++count));
      more.hidden = count >= MAX_SLOTS;
    });
    const form = h(
      "form",
      { id: "session-propose" },
      h("h3", {}, t("sessions.propose_title")),
      h("p", { class: "hint" }, t("sessions.propose_hint")),
      rows,
      h("p", { class: "actions" }, more, " ", h("button", { type: "submit", class: "button" }, t("sessions.propose"))),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const slots = Array.from({ length: count }, (_, i) => slotOf(form, i + 1));
      act(form.querySelector("button[type=submit]"), "", { slots }, t("sessions.proposed"));
    });
    return form;
  };

  const proposedView = (s) =>
    h(
      "ul",
      { class: "session-slots" },
      s.slots.map((slot) => {
        const confirm = h("button", { type: "button", class: "button" }, t("sessions.confirm"));
        confirm.addEventListener("click", () =>
          act(confirm, "confirm", { slot: slot.number }, t("sessions.confirmed_now")),
        );
        const roles = slot.chosen_by.map(roleName).join(", ");
        return h(
          "li",
          { class: slot.number === s.suggested_slot ? "suggested" : "" },
          h("p", {}, slotText(slot), slot.place ? ` · ${slot.place}` : ""),
          h("p", { class: "hint" }, roles ? t("sessions.chosen_by", { roles }) : t("sessions.chosen_by_nobody")),
          slot.number === s.suggested_slot ? h("p", { class: "badge" }, t("sessions.suggested")) : null,
          mine ? h("p", { class: "actions" }, confirm) : null,
        );
      }),
    );

  const rescheduleForm = () => {
    const form = h(
      "form",
      { id: "session-reschedule" },
      h("h3", {}, t("sessions.reschedule_title")),
      slotFields(9),
      h("p", { class: "actions" }, h("button", { type: "submit", class: "button" }, t("sessions.reschedule"))),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      act(form.querySelector("button"), "reschedule", slotOf(form, 9), t("sessions.moved"));
    });
    return form;
  };

  const outcomeForm = () => {
    const form = h(
      "form",
      { id: "session-outcome-form" },
      h("h3", {}, t("sessions.outcome_title")),
      control(
        "select",
        "session_outcome",
        t("sessions.outcome_label"),
        {},
        "",
        ["held", "not_held", "postponed"].map((o) => h("option", { value: o }, t(`sessions.outcome.${o}`))),
      ),
      control("textarea", "session_note", t("sessions.note"), { maxlength: "1000", required: true }),
      h("p", { class: "actions" }, h("button", { type: "submit", class: "button" }, t("sessions.record_outcome"))),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const payload = { outcome: form.elements.session_outcome.value, note: form.elements.session_note.value.trim() };
      act(form.querySelector("button"), "outcome", payload, t("sessions.recorded"));
    });
    return form;
  };

  const cancelForm = () => {
    const form = h(
      "form",
      { id: "session-cancel" },
      field("session_cancel_reason", t("sessions.cancel_reason"), { required: true, maxlength: "2000" }),
      h("p", { class: "actions" }, h("button", { type: "submit", class: "button secondary" }, t("sessions.cancel"))),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const reason = form.elements.session_cancel_reason.value.trim();
      act(form.querySelector("button"), "cancel", { reason }, t("sessions.cancelled_now"));
    });
    return form;
  };

  const draw = () => {
    const s = list.sessions[0];
    const parts = [];
    if (s?.status === "proposed") {
      parts.push(proposedView(s));
      if (mine) parts.push(cancelForm());
    } else if (s?.status === "confirmed") {
      parts.push(
        h("p", { id: "session-when" }, t("sessions.confirmed", { when: astana(s.starts_at), minutes: s.minutes })),
      );
      if (s.meeting_url)
        parts.push(
          h("p", {}, h("a", { href: s.meeting_url, rel: "noopener noreferrer", target: "_blank" }, t("sessions.link"))),
        );
      if (s.place) parts.push(h("p", {}, t("sessions.place", { place: s.place })));
      parts.push(h("p", { class: "hint" }, t("sessions.invite_sent")));
      parts.push(
        h("p", {}, h("a", { href: s.calendar, download: "kelisim-session.ics" }, t("sessions.add_to_calendar"))),
      );
      if (mine) parts.push(outcomeForm(), rescheduleForm(), cancelForm());
    } else {
      if (s?.status === "done") parts.push(h("p", {}, t(`sessions.outcome.${s.outcome}`), " ", s.note || ""));
      if (s?.status === "cancelled") parts.push(h("p", {}, t("sessions.cancelled")));
      if (mine) parts.push(proposeForm());
    }
    body.replaceChildren(...parts);
  };
  draw();
  return h(
    "section",
    { class: "sessions-panel", id: "case-sessions", "aria-labelledby": "sessions-title" },
    h("h2", { id: "sessions-title" }, t("sessions.title")),
    body,
    problem,
  );
}
