// The mediator's open proposal to switch the case's mechanism (`mechanism_switch` of the case),
// on the case page: what is proposed, who has agreed, and Agree / Decline, each asked first.
import { api } from "../../api.js";
import { announce, h } from "../../dom.js";
import { t } from "../../i18n.js";
import { confirmDialog } from "../confirm.js";
import { problemBox, sayProblems } from "../form.js";
import { refusalText } from "../../refusals.js";
import { itemsList, mechanismName, mechanismText } from "./words.js";

// `reload()` draws the case page again from the server's answer.
export function switchPanel(c, otherName, reload) {
  const proposal = c.mechanism_switch;
  const mine = proposal.consented.includes(c.my_role);
  const theirs = proposal.consented.some((role) => role !== c.my_role);
  const proposed = mechanismName(proposal.mechanism);
  const box = h("div", {}, problemBox());
  const answer = async (consent) => {
    const key = consent ? "consent" : "decline";
    const asked = await confirmDialog({
      title: t(`intake.switch.${key}_title`),
      text: t(`intake.switch.${key}_text`, {
        name: otherName,
        mechanism: consent ? proposed : mechanismName(c.mechanism),
      }),
      yes: t(`intake.switch.${key}_yes`),
    });
    if (!asked) return;
    try {
      const updated = await api("POST", `/api/cases/${encodeURIComponent(c.id)}/mechanism-switch`, { consent });
      if (!consent) announce(t("intake.switch.declined"));
      else if (updated.mechanism === proposal.mechanism) announce(t("intake.switch.switched", { mechanism: proposed }));
      else announce(t("intake.switch.agreed_now"));
      await reload();
    } catch (error) {
      sayProblems(box, [[null, refusalText(error)]]);
    }
  };
  const who = [];
  if (mine) who.push(t("intake.switch.you_agreed"));
  if (theirs) who.push(t("intake.switch.other_agreed", { name: otherName }));
  if (!mine && !theirs) who.push(t("intake.switch.nobody"));
  if (mine && !theirs) who.push(t("intake.switch.waiting", { name: otherName }));
  return h(
    "section",
    { class: "notice switch-panel", id: "mechanism-switch", "aria-labelledby": "switch-title" },
    h("h2", { id: "switch-title" }, t("intake.switch.title")),
    h("p", {}, t("intake.switch.text", { mechanism: proposed })),
    h("p", { class: "hint" }, mechanismText(proposal.mechanism)),
    proposal.items ? itemsList(proposal.items, { currency: c.claim?.currency, myRole: c.my_role, otherName }) : null,
    h("p", { class: "strong" }, who.join(" ")),
    box,
    mine
      ? null
      : h(
          "p",
          { class: "actions" },
          h(
            "button",
            { type: "button", class: "button primary", onclick: () => answer(true) },
            t("intake.switch.consent"),
          ),
          h("button", { type: "button", class: "button", onclick: () => answer(false) }, t("intake.switch.decline")),
        ),
  );
}
