// A step on the signed settlement's schedule as the case's log records it (odr/fulfilment,
// docs/protocol.md): performance_paid / _done / _received / _confirmed / _disputed. Worded alike
// for the mediator's record (pages/mediator/record.js) and the parties' room
// (room/case_events.js), from the event's data only: the due's key, the payment's reference,
// the dispute's reason. Strings of part "fulfilment": the pages that show them load it.
import { t } from "./i18n.js";

export const PERFORMANCE_EVENTS = [
  "performance_paid",
  "performance_done",
  "performance_received",
  "performance_confirmed",
  "performance_disputed",
];

// What was said: "reported paid".
export function performanceName(event) {
  return t(`fulfilment.event.${event}`);
}

// About which due, with the reference or the reason: "due 1.2 of the settlement — KASPI-0002".
export function performanceDetails(data) {
  return [t("fulfilment.event.due", { key: data.key }), data.reference, data.reason].filter(Boolean).join(" — ");
}

// One line of the room's story: "Ruslan: reported paid — due 1.2 of the settlement — KASPI-0002";
// `name` is who said it, null when it was me ("You: …").
export function performanceLine(event, data, name) {
  return `${name ?? t("fulfilment.you")}: ${performanceName(event)} — ${performanceDetails(data)}`;
}
