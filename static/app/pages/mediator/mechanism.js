// A case's mechanism and where it stands, in words, for the dashboard row and the case view.
// The state comes from the server's public fold (odr/centre/mechanism_state.py): it holds no
// bid, gap, point, gain or improvement answer, so nothing here could show one.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { formatTiyn } from "../../issues.js";
import { formatDate, roleName } from "./common.js";

export const MECHANISMS = ["packages", "bidding", "division"];

export function mechanismName(key) {
  return t(`centre.mechanism.${key}`);
}

// "Claimant: given; respondent: waiting; party 3: …": each party's step, by role, for the
// parties taking part (`roles`, in party order).
function byRole(roles, done, doneKey, waitingKey) {
  return roles.map((role) => `${roleName(role)}: ${t(done(role) ? doneKey : waitingKey)}`).join("; ");
}

function biddingStage(m, roles) {
  switch (m.stage) {
    case "agreeing_rules":
      return t(m.rules_proposed ? "centre.stage.rules_proposed" : "centre.stage.agreeing_rules");
    case "round_open":
      return t("centre.stage.round_open", {
        round: m.round,
        rounds: m.rounds,
        date: formatDate(m.round_deadline_at, true),
      });
    case "settled":
      return t("centre.stage.settled", { amount: formatTiyn(m.settled_amount, m.currency) });
    default: {
      const chose = (role) => (m.choices[role] ? t(`centre.option.${m.choices[role]}`) : t("centre.stage.not_chosen"));
      return t("centre.stage.no_settlement", {
        choices: roles.map((role) => `${roleName(role)}: ${chose(role)}`).join("; "),
      });
    }
  }
}

// The stage in words ("round 2 of 3, open until …"); null when there is nothing to add.
export function stageText(m, roles) {
  if (m.stage === "ended") return t("centre.stage.ended");
  if (m.mechanism === "bidding") return biddingStage(m, roles);
  if (m.mechanism === "division" && m.stage === "points")
    return t("centre.stage.points", {
      parties: byRole(roles, (role) => m.points_stated.includes(role), "centre.stage.given", "centre.stage.waiting"),
    });
  if (m.mechanism === "division") return t(`centre.stage.${m.stage}`);
  return m.stage === "agreed" ? t("centre.stage.agreed") : null;
}

export function improvementText(m) {
  const i = m.improvement;
  if (!i) return null;
  if (i.status === "lapsed") return t(`centre.improvement.lapsed_${i.reason}`);
  return t(`centre.improvement.${i.status}`, { date: formatDate(i.expires_at, true) });
}

// The mediator's latest switch proposal and each party's answer so far.
export function switchText(m, roles) {
  const s = m.switch;
  if (!s) return null;
  const to = mechanismName(s.to);
  if (s.status === "declined") return t("centre.switch.declined", { mechanism: to, role: roleName(s.declined_by) });
  if (s.status === "switched") return t("centre.switch.switched", { mechanism: to });
  return t("centre.switch.open", {
    mechanism: to,
    parties: byRole(roles, (role) => s.consented.includes(role), "centre.switch.consented", "centre.stage.waiting"),
  });
}

// The mechanism's lines as shown in a dashboard cell (one under the other) or, `inline`, in the
// case summary's sentence (separated by " · "); `roles`: the parties taking part.
export function mechanismView(m, roles, { withSwitch = true, inline = false } = {}) {
  const open = m.switch?.status === "open";
  const lines = [stageText(m, roles), improvementText(m), withSwitch && open ? switchText(m, roles) : null].filter(
    Boolean,
  );
  return [
    h("span", { class: `mechanism mechanism-${m.mechanism}` }, mechanismName(m.mechanism)),
    lines.map((text) => [inline ? " · " : null, h("span", { class: "meta mechanism-stage" }, text)]),
  ];
}
