// A party's joint session on its case page (#15): the times the mediator proposed, to mark those
// the party can attend; once confirmed, when and where, the video link and "add to calendar"; how
// it went. Only the party's own choices are shown: the other party's are the mediator's to see.
import { api } from "../api.js";
import { announce, h } from "../dom.js";
import { t, useStrings } from "../i18n.js";
import { astana, sessionRefusal, slotText } from "./session_parts.js";

// The panel, or null when the case never had a joint session.
export async function sessionsPanel(c) {
  const path = `/api/cases/${c.id}/sessions`;
  let [list] = await Promise.all([api("GET", path).catch(() => null), useStrings("sessions")]);
  if (!list?.sessions.length) return null;
  const body = h("div", { id: "session-body" });
  const problem = h("p", { class: "form-error", role: "alert" });

  const choose = async (event) => {
    event.preventDefault();
    problem.textContent = "";
    const form = event.target;
    const slots = [...form.querySelectorAll("input[name=slot]:checked")].map((box) => Number(box.value));
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      list = await api("PUT", `${path}/choices`, { slots });
      draw();
      announce(slots.length ? t("sessions.choice_saved") : t("sessions.none_chosen"));
    } catch (error) {
      problem.textContent = sessionRefusal(error);
      button.disabled = false;
    }
  };

  const draw = () => {
    const s = list.sessions[0];
    const parts = [];
    if (s.status === "proposed") {
      parts.push(
        h(
          "form",
          { id: "session-choice", onsubmit: choose },
          h(
            "fieldset",
            {},
            h("legend", {}, t("sessions.choose")),
            s.slots.map((slot) =>
              h(
                "p",
                { class: "choice" },
                h(
                  "label",
                  {},
                  h("input", { type: "checkbox", name: "slot", value: String(slot.number), checked: slot.mine }),
                  " ",
                  slotText(slot),
                  slot.place ? ` · ${slot.place}` : "",
                ),
              ),
            ),
          ),
          h("p", { class: "actions" }, h("button", { type: "submit", class: "button" }, t("sessions.save_choice"))),
        ),
      );
    } else if (s.status === "confirmed") {
      parts.push(
        h("p", { id: "session-when" }, t("sessions.confirmed", { when: astana(s.starts_at), minutes: s.minutes })),
      );
      if (s.meeting_url) {
        parts.push(
          h("p", {}, h("a", { href: s.meeting_url, rel: "noopener noreferrer", target: "_blank" }, t("sessions.link"))),
        );
      }
      if (s.place) parts.push(h("p", {}, t("sessions.place", { place: s.place })));
      parts.push(
        h(
          "p",
          { class: "actions" },
          h(
            "a",
            { class: "button", id: "session-ics", href: s.calendar, download: "kelisim-session.ics" },
            t("sessions.add_to_calendar"),
          ),
        ),
      );
    } else if (s.status === "done") {
      parts.push(h("p", { id: "session-outcome" }, t(`sessions.outcome.${s.outcome}`)));
      if (s.note) parts.push(h("blockquote", { class: "message-text" }, s.note));
    } else {
      parts.push(h("p", {}, t("sessions.cancelled")));
    }
    body.replaceChildren(...parts);
  };
  draw();
  return h(
    "section",
    { class: "sessions-panel", id: "sessions", "aria-labelledby": "sessions-title" },
    h("h2", { id: "sessions-title" }, t("sessions.title")),
    h("p", { class: "hint" }, t("sessions.about")),
    body,
    problem,
  );
}
