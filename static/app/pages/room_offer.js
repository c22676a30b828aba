// The room's table while an offer is on it: mine (change or withdraw it), one I accepted (several
// parties: the others have still to), or another party's (accept, counter, reject). `view` is the
// room page's live reading (room.js): the case and folded state as they are when a button is
// pressed, the names, the answers line, the editor and the counter button.
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { offerTermsView } from "./division/offer_terms.js";
import { confirmDialog } from "./confirm.js";

export function liveOfferParts(view, live, mine, acceptedIt) {
  if (mine) {
    return [
      h("p", {}, t("room.my_offer", { version: live.version })),
      offerTermsView(view.c, live, view.state.proposals),
      view.several() ? view.answersView() : h("p", {}, t("room.waiting_answer", { name: view.otherName() })),
      h(
        "p",
        { class: "actions" },
        h(
          "button",
          { type: "button", class: "button", onclick: () => view.openEditor({ package: live.package }) },
          t("room.change_offer"),
        ),
        h(
          "button",
          {
            type: "button",
            class: "button danger",
            onclick: async () => {
              if (
                await confirmDialog({
                  title: t("room.withdraw_q"),
                  text: t(view.several() ? "room.parties.withdraw_text" : "room.withdraw_text"),
                  yes: t("room.withdraw_yes"),
                })
              ) {
                view.room.send("withdraw", { version: live.version });
              }
            },
          },
          t("room.withdraw"),
        ),
      ),
    ];
  }
  if (acceptedIt) {
    // Several parties: I accepted; the others have still to.
    return [
      h("p", {}, t("room.parties.you_accepted", { name: live.name || view.nameOf(live.role), version: live.version })),
      offerTermsView(view.c, live, view.state.proposals),
      view.answersView(),
      h("p", { class: "actions" }, view.counterButton(live)),
    ];
  }
  return [
    h("p", {}, t("room.their_offer", { name: live.name || view.nameOf(live.role), version: live.version })),
    offerTermsView(view.c, live, view.state.proposals),
    view.answersView(),
    h(
      "p",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          class: "button primary",
          onclick: async () => {
            if (
              await confirmDialog({
                title: t("room.accept_q"),
                text: t(view.several() ? "room.parties.accept_text" : "room.accept_text"),
                body: offerTermsView(view.c, live, view.state.proposals),
                yes: t("room.accept_yes"),
              })
            ) {
              view.room.send("accept", { version: live.version });
            }
          },
        },
        t("room.accept"),
      ),
      view.counterButton(live),
      h(
        "button",
        {
          type: "button",
          class: "button danger",
          onclick: async () => {
            const reason = await confirmDialog({
              title: t("room.reject_q"),
              text: t("room.reject_text"),
              yes: t("room.reject_yes"),
              reason: t(view.several() ? "room.parties.reject_reason" : "room.reject_reason"),
            });
            if (reason !== false) view.room.send("reject", { version: live.version, ...(reason ? { reason } : {}) });
          },
        },
        t("room.reject"),
      ),
    ),
  ];
}
