// The room's story lines for a package negotiation's events (interests given, proposals, offers
// and answers, messages, the agreement) and the platform's notices, worded for me or about the
// other party; the mediation's own steps fall to ./case_events.js.
import { h } from "../dom.js";
import { distinct } from "../explain.js";
import { t } from "../i18n.js";
import { packageView, roleName } from "../issues.js";
import { caseEventText } from "./case_events.js";

// who: "mine" when I did it, else "theirs". → {text, extra}
export function packagesLine(c, frame, who) {
  const { event, data, actor } = frame;
  const name = actor.name || roleName(actor.role);
  const p = { name, version: data.version, to: data.counter_to, n: distinct(data.packages || []).length };
  let text;
  const extra = [];
  switch (event) {
    case "interests_submitted":
      text = t(`room.ev.interests.${who}`, p);
      break;
    case "proposals_ready":
      text = t("room.ev.proposals", p);
      extra.push(h("a", { href: `#/cases/${c.id}/proposals` }, t("room.see_proposals")));
      break;
    case "no_agreement_zone":
      text = t("room.ev.no_zone", p);
      extra.push(h("a", { href: `#/cases/${c.id}/proposals` }, t("room.see_advice")));
      break;
    case "offer":
    case "counter_offer":
      text = t(`room.ev.${event}.${who}`, p);
      extra.push(packageView(c, data.package));
      break;
    case "accept":
    case "reject":
    case "withdraw":
      text = t(`room.ev.${event}.${who}`, p);
      if (event === "reject" && data.reason) extra.push(h("blockquote", {}, data.reason));
      break;
    case "party_withdrew": // several parties (strings of part "room", loaded by the room's route)
      text = t(who === "mine" ? "room.ev.party_withdrew.mine" : "room.ev.party_withdrew.theirs", p);
      break;
    case "message":
      text = t(`room.ev.message.${who}`, p);
      extra.push(h("p", { class: "message-text" }, data.text));
      break;
    case "agreement":
      text = t("room.ev.agreement", p);
      extra.push(packageView(c, data.package));
      break;
    case "system":
      if (data.key === "mediator.changed")
        text = t("room.ev.mediator_changed", { name: data.mediator || t("role.mediator") });
      else text = t(data.key === "proposals.failed" ? "room.ev.proposals_failed" : "room.ev.system");
      break;
    default:
      text = caseEventText(event, data, who === "mine" ? null : name) ?? t("room.ev.other"); // paused, …
  }
  return { text, extra };
}
