// The room's public record as the mediator reads it: one line per logged event, with what was
// offered, said or decided. Mechanism events are worded from their public data only (rules,
// rounds, "settled at X", who stated points, a switch's steps); the server sends nothing else.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { formatTiyn, labelIn, optionLabel } from "../../issues.js";
import { PERFORMANCE_EVENTS, performanceDetails, performanceName } from "../../performance_events.js";
import { sessionEventText } from "../session_parts.js";
import { formatDate, formatMoment, roleName } from "./common.js";
import { mechanismName } from "./mechanism.js";

function packageText(issues, pkg) {
  if (!pkg) return "";
  const c = { issues };
  return issues
    .filter((issue) => issue.name in pkg)
    .map((issue) => `${labelIn(issue)}: ${optionLabel(c, issue.name, pkg[issue.name])}`)
    .join("; ");
}

function offerNo(version) {
  return t("centre.offer_no", { version });
}

function body(text) {
  return h("p", { class: "ev-body" }, text);
}

function rulesText(rules, currency) {
  const gap =
    rules.threshold.kind === "percent" ? `${rules.threshold.value}%` : formatTiyn(rules.threshold.value, currency);
  return t("centre.bidding.rules", { rounds: rules.rounds, gap, hours: rules.round_hours });
}

// Blind bidding's steps: never a bid (the event has none), only rules, rounds and outcomes.
function biddingText(d, currency) {
  switch (d.kind) {
    case "rules_proposed":
    case "rules_agreed":
      return `${t(`centre.bidding.${d.kind}`)}: ${rulesText(d.rules, currency)}`;
    case "round_opened":
      return t("centre.bidding.round_opened", { round: d.round, date: formatDate(d.deadline_at, true) });
    case "not_yet":
    case "no_settlement":
      return t(`centre.bidding.${d.kind}.${d.reason}`, { round: d.round });
    case "choice":
      return t("centre.bidding.chose", { option: t(`centre.option.${d.option}`) });
    case "switched":
      return t("centre.bidding.switched");
    default:
      return null;
  }
}

function switchText(d) {
  if (d.kind === "proposed") return t("centre.switch_event.proposed", { mechanism: mechanismName(d.to) });
  if (d.kind === "switched") return t("centre.switch_event.switched", { mechanism: mechanismName(d.to) });
  return t(`centre.switch_event.${d.kind}`);
}

// The words after the event's name: what was offered, said, decided.
function details(e, issues, currency) {
  const d = e.data || {};
  switch (e.event) {
    case "message":
      return h("blockquote", { class: "message-text" }, d.text);
    case "offer":
    case "agreement":
      return body(`${offerNo(d.version)} — ${packageText(issues, d.package)}`);
    case "counter_offer":
      return body(
        `${offerNo(d.version)} (${t("centre.answering", { version: d.counter_to })}) — ${packageText(issues, d.package)}`,
      );
    case "accept":
    case "withdraw":
      return body(offerNo(d.version));
    case "reject":
      return body([offerNo(d.version), d.reason].filter(Boolean).join(" — "));
    case "proposals_ready":
      return body(t("centre.proposals_count", { count: (d.packages || []).length }));
    case "bidding": {
      const text = biddingText(d, currency);
      return text ? body(text) : null;
    }
    case "performance_paid":
    case "performance_done":
    case "performance_received":
    case "performance_confirmed":
    case "performance_disputed": // a step on the signed settlement's schedule (odr/fulfilment)
    case "penalty_paid":
    case "penalty_received":
    case "penalty_waived":
    case "penalty_disputed": // a step on an obligation's default penalty
    case "writ_application_made":
    case "writ_application_acknowledged": // the writ application (odr/enforcement)
      return body(performanceDetails(d, e.event));
    case "bidding_settled":
      return body(t("centre.bidding.settled_at", { amount: formatTiyn(d.amount, d.currency || currency) }));
    case "mechanism_switch":
      return body(switchText(d));
    case "improvement_offered":
      return body(t("centre.improvement_event.offered", { date: formatDate(d.expires_at, true) }));
    case "improvement_adopted":
      return body(t("centre.improvement_event.adopted"));
    case "improvement_lapsed":
      return body(t(`centre.improvement.lapsed_${d.reason}`));
    case "deadline":
      if (d.kind === "reminder") return body(t("centre.deadline.reminder", { hours: d.hours }));
      if (d.kind === "expired") return body(t("centre.deadline.expired"));
      return body(`${t("centre.deadline.extended", { date: formatDate(d.deadline_at) })}: ${d.reason}`);
    case "paused":
      return body(d.reason);
    case "resumed":
      return body(t("centre.new_deadline", { date: formatDate(d.deadline_at) }));
    case "closed":
      return body(`${t(`centre.outcome.${d.outcome}`)}: ${d.reason}`);
    case "joint_session":
      return body(sessionEventText(d, roleName(e.role)));
    case "document":
      return body(t(`centre.document.${d.kind}`, { name: d.file_name }));
    case "attested":
      return body(t("centre.contract_of", { date: formatDate(d.contract_date) }));
    case "system":
      if (d.key === "mediator.changed") return body(t("centre.system.mediator_changed", { name: d.mediator }));
      if (d.key === "proposals.failed") return body(t("centre.system.proposals_failed"));
      return null;
    default:
      return null;
  }
}

// Who made an event: a party by its name and label ("Erlan — Party 4"), staff by their role.
function actorOf(role, roster) {
  const party = (roster || []).find((p) => p.role === role);
  return party ? `${party.name} — ${roleName(role)}` : roleName(role);
}

// One event of the record; `currency` words bidding amounts; `roster`: the case's parties.
export function eventLine(e, issues, currency, roster) {
  return h(
    "li",
    { class: `ev ev-${e.event}${e.role === "mediator" ? " ev-mine" : ""}`, "data-seq": e.seq },
    h(
      "p",
      { class: "ev-head" },
      h("strong", {}, actorOf(e.role, roster)),
      " · ",
      PERFORMANCE_EVENTS.includes(e.event) ? performanceName(e.event) : t(`centre.event.${e.event}`),
      e.at ? [" · ", h("time", { class: "ev-time", datetime: e.at }, formatMoment(e.at))] : null,
    ),
    details(e, issues, currency),
  );
}
