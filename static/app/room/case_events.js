// The room's story lines for what happens to the mediation itself (the mediator paused, resumed,
// extended, closed, referred or attested it; a deadline reminder or expiry), worded for the
// parties in their language. The mediator's reason is shown as the mediator wrote it, like a
// message. After the signature, the steps on the settlement's schedule (../performance_events.js).
import { formatDay, formatMoment } from "../format.js";
import { t } from "../i18n.js";
import { sessionEventText } from "../pages/session_parts.js";
import { PERFORMANCE_EVENTS, performanceLine } from "../performance_events.js";

export const CASE_EVENTS = [
  "paused",
  "resumed",
  "deadline",
  "closed",
  "referred",
  "attested",
  "joint_session",
  "document",
  ...PERFORMANCE_EVENTS,
];

// → the line's text for an event of CASE_EVENTS, else null; `name`: who made it (null: me).
export function caseEventText(event, data, name) {
  if (PERFORMANCE_EVENTS.includes(event)) return performanceLine(event, data, name); // part "fulfilment"
  switch (event) {
    case "paused":
      return t("room.ev.paused", { reason: data.reason || "—" });
    case "resumed":
      return t("room.ev.resumed", { date: formatMoment(data.deadline_at) });
    case "deadline":
      if (data.kind === "reminder") return t("room.ev.deadline.reminder", { date: formatMoment(data.deadline_at) });
      if (data.kind === "extended")
        return t("room.ev.deadline.extended", { date: formatMoment(data.deadline_at), reason: data.reason || "—" });
      return t("room.ev.deadline.expired");
    case "closed":
      if (data.reason === "party_withdrew") return t("room.ev.closed.withdrew"); // logged by the system
      return data.outcome === "settled"
        ? t("room.ev.closed.settled")
        : t("room.ev.closed.failed", { reason: data.reason || "—" });
    case "referred":
      return t("room.ev.referred");
    case "attested":
      return t("room.ev.attested", { date: formatDay(data.contract_date) });
    case "joint_session": // the strings of part "sessions", loaded by the room's route
      return sessionEventText(data);
    case "document": // shown to everyone, or withdrawn (a mediator-only one is never logged)
      return t(`room.ev.document.${data.kind}`, { name: data.file_name || "—" });
    default:
      return null;
  }
}
