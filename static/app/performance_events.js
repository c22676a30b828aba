// A step on the signed settlement's schedule as the case's log records it (odr/fulfilment,
// docs/protocol.md): performance_paid / _done / _received / _confirmed / _disputed. Worded alike
// for the mediator's record (pages/mediator/record.js) and the parties' room
// (room/case_events.js), from the event's data only: the due's key, the payment's reference,
// the dispute's reason; penalty_paid / _received / _waived / _disputed, a step on an
// obligation's default penalty (its amount). Then the enforcement: writ_application_made (a creditor applied to the
// court, its total and court) and writ_application_acknowledged (the court's case number).
// Strings of part "fulfilment": the pages that show them load it.
import { t } from "./i18n.js";
import { formatTiyn } from "./issues.js";

export const PERFORMANCE_EVENTS = [
  "performance_paid",
  "performance_done",
  "performance_received",
  "performance_confirmed",
  "performance_disputed",
  "penalty_paid",
  "penalty_received",
  "penalty_waived",
  "penalty_disputed",
  "writ_application_made",
  "writ_application_acknowledged",
];

// What was said: "reported paid".
export function performanceName(event) {
  return t(`fulfilment.event.${event}`);
}

// About which due, with the reference or the reason: "due 1.2 of the settlement — KASPI-0002";
// of a penalty, the obligation and the amount; of a writ application, the court and the total,
// or the court's case number.
export function performanceDetails(data, event) {
  if (event === "writ_application_made")
    return t("fulfilment.event.writ", { court: data.court.name, amount: formatTiyn(data.total_tiyn, data.currency) });
  if (event?.startsWith("penalty_")) {
    const amount = data.amount_tiyn === null ? null : formatTiyn(data.amount_tiyn, data.currency);
    return [t("fulfilment.event.penalty", { n: data.obligation }), amount, data.reference, data.reason]
      .filter(Boolean)
      .join(" — ");
  }
  if (event === "writ_application_acknowledged")
    return t("fulfilment.event.court_case", { number: data.court_case_number });
  return [t("fulfilment.event.due", { key: data.key }), data.reference, data.reason].filter(Boolean).join(" — ");
}

// One line of the room's story: "Ruslan: reported paid — due 1.2 of the settlement — KASPI-0002";
// `name` is who said it, null when it was me ("You: …"); the court's acknowledgement has no one.
export function performanceLine(event, data, name) {
  const what = `${performanceName(event)} — ${performanceDetails(data, event)}`;
  if (event === "writ_application_acknowledged") return what;
  return `${name ?? t("fulfilment.you")}: ${what}`;
}
