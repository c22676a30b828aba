// What the joint-session panels share (#15): a moment in Astana time as the texts say it, a
// proposed time in words, and a refusal said from its code.
import { ApiError } from "../api.js";
import { t } from "../i18n.js";
import { fieldText, refusalText } from "../refusals.js";

// Kazakhstan keeps one time, UTC+5: shown by hand, as not every browser's zone data knows it.
const ASTANA_MS = 5 * 3600 * 1000;
const two = (n) => String(n).padStart(2, "0");

// "10.12.2026 14:00" in Astana time.
export function astana(iso) {
  const d = new Date(new Date(iso).getTime() + ASTANA_MS);
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

// The ISO moment of a date and a time typed in Astana time ("2026-12-10", "14:00").
export function fromAstana(date, time) {
  return `${date}T${time}:00+05:00`;
}

export function slotText(slot) {
  return t("sessions.slot", { when: astana(slot.starts_at), minutes: slot.minutes });
}

const OWN = [
  "session_no_slots",
  "session_too_many_slots",
  "session_slot_in_past",
  "session_ends_before_start",
  "session_bad_duration",
  "session_slot_too_far",
  "session_bad_link",
  "session_no_link_or_place",
  "session_duplicate_slot",
  "session_time_without_zone",
  "session_unknown_slot",
  "session_already_open",
  "no_open_session",
  "session_no_common_slot",
  "session_not_started",
  "case_not_open",
];

// A refusal in the reader's words: this feature's codes, else the general ones and the fields'.
export function sessionRefusal(error) {
  if (!(error instanceof ApiError)) throw error;
  if (OWN.includes(error.code)) return t(`sessions.refusal.${error.code}`);
  return [refusalText(error), ...error.fields.map(fieldText)].join(" ");
}

// The line of a `joint_session` event in the case log, for a party's room and the mediator's record.
export function sessionEventText(data, who) {
  switch (data.kind) {
    case "proposed":
      return t("sessions.ev.proposed", { n: data.slots });
    case "chosen":
      return t("sessions.ev.chosen", { who: who || t("sessions.ev.party") });
    case "confirmed":
    case "rescheduled":
      return t(`sessions.ev.${data.kind}`, { when: astana(data.starts_at), minutes: data.minutes });
    case "cancelled":
      return t("sessions.ev.cancelled", { reason: data.reason || "—" });
    case "outcome":
      return t("sessions.ev.outcome", { outcome: t(`sessions.outcome.${data.outcome}`), note: data.note || "" });
    default:
      return null;
  }
}
