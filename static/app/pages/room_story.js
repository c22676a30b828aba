// The story of the room, line by line: an event worded for me ("You made an offer") or about
// them, a command still on its way, and which events a screen reader hears as they happen.
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { CASE_EVENTS } from "../room/case_events.js";
import { packagesLine } from "../room/package_events.js";
import { mechanismEntry } from "../room/mechanism_events.js";
import { equalSharesLine } from "./division/offer_terms.js";

// The other side's (and the system's) moves a screen reader hears as they happen.
export const SAID = [
  "offer",
  "counter_offer",
  "accept",
  "reject",
  "withdraw",
  "party_withdrew",
  "message",
  "agreement",
  "system",
  ...CASE_EVENTS,
];

function when(at) {
  return new Date(at).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
}

// One line of the story, worded for me ("You made an offer") or about them ("Ruslan made…").
// Blind bidding, fair division (its allocation too), improvement and mechanism switches are
// worded by ../room/mechanism_events.js.
export function entry(c, room, frame) {
  const mine = frame.actor.role === room.role;
  const line = mechanismEntry(c, room, frame) || packagesLine(c, frame, mine ? "mine" : "theirs");
  const { text, extra } = equalSharesLine(c, room.events, frame, line); // Adjusted Winner's own terms
  return h(
    "li",
    { class: `ev ev-${frame.event} ${mine ? "ev-mine" : ""}`, "data-seq": frame.seq },
    h(
      "p",
      { class: "ev-head" },
      h("span", { class: "ev-text" }, text),
      " ",
      h("time", { datetime: frame.at, class: "ev-time" }, when(frame.at)),
    ),
    extra,
  );
}

export function pendingEntry(command, status) {
  const text =
    command.type === "message"
      ? t("room.pending.message")
      : command.type === "offer"
        ? t("room.pending.offer")
        : t("room.pending.move");
  return h(
    "li",
    { class: "ev ev-pending ev-mine", "data-key": command.key },
    h(
      "p",
      { class: "ev-head" },
      h("span", { class: "ev-text" }, text),
      " ",
      h("span", { class: "ev-time" }, t(status === "live" ? "room.sending" : "room.will_send")),
    ),
    command.type === "message" ? h("p", { class: "message-text" }, command.text) : null,
  );
}
