// The agreement review: what both sides agreed, point by point, in plain words; from here each
// party goes on to the settlement page (identities, terms, signing, the PDF). The agreement is the
// room's, or a blind bidding's settled amount, and an adopted improvement replaces its terms; an
// improvement still open is linked before signing.
import { api } from "../api.js";
import { h, mount, onLeave } from "../dom.js";
import { formatMoment } from "../format.js";
import { t, useStrings } from "../i18n.js";
import { packageView } from "../issues.js";
import { roomFor } from "../room/live.js";
import { agreementInForce, foldMechanisms } from "../room/mechanism_state.js";
import { foldRoom } from "../room/state.js";
import { offerTermsView } from "./division/offer_terms.js";
import { currentUser } from "../session.js";

export async function agreementPage(caseId) {
  if (!(await currentUser())) {
    location.hash = "#/login";
    return;
  }
  const [c] = await Promise.all([api("GET", `/api/cases/${encodeURIComponent(caseId)}`), useStrings("mechanisms")]);
  const body = h("div", { class: "agreement-body", "aria-live": "polite" }, h("p", {}, t("status.loading")));
  const room = roomFor(c.id);
  const draw = () => {
    const mech = foldMechanisms(room.events);
    const roomState = foldRoom(room.events);
    const agreed = agreementInForce(roomState, mech);
    if (!agreed) {
      if (room.status !== "live" || c.status === "agreed") return; // still replaying
      body.replaceChildren(
        h("p", {}, t("agreement.none")),
        h("p", { class: "actions" }, h("a", { class: "button primary", href: `#/cases/${c.id}/room` }, t("case.room"))),
      );
      return;
    }
    const event = room.events.find((e) => e.event === "agreement" || e.event === "bidding_settled");
    const on = formatMoment(event.at);
    const offer = mech.improvement;
    body.replaceChildren(
      h("p", { class: "agreed-banner" }, t("agreement.reached", { date: on })),
      h("h2", {}, t("agreement.parties")),
      h(
        "ul",
        { class: "parties" },
        c.parties.map((p) => h("li", {}, `${p.display_name} (${t(`role.${p.role}`)})`)),
      ),
      h("h2", {}, t("agreement.terms")),
      agreed.improved ? h("p", { class: "notice" }, t("mech.improve.adopted")) : null,
      agreed.improved
        ? packageView(c, agreed.package, { "aria-label": t("agreement.terms") })
        : offerTermsView(c, { ...roomState.offers.get(agreed.version), package: agreed.package }, roomState.proposals, {
            "aria-label": t("agreement.terms"),
          }),
      offer?.status === "open"
        ? h(
            "section",
            { class: "improvement-offer", "aria-labelledby": "improve-title" },
            h("h2", { id: "improve-title" }, t("imp.title")),
            h("p", {}, t("mech.improve.notice", { deadline: formatMoment(offer.expiresAt) })),
            h(
              "p",
              { class: "actions" },
              h("a", { class: "button primary", href: `#/cases/${c.id}/improvement` }, t("mech.improve.link")),
            ),
          )
        : null,
      h("p", { class: "hint" }, t("agreement.check")),
      h(
        "section",
        { class: "next-steps", "aria-labelledby": "next-title" },
        h("h2", { id: "next-title" }, t("agreement.next")),
        h("p", {}, t("agreement.next_text")),
        h(
          "p",
          { class: "actions" },
          h("a", { class: "button primary", href: `#/cases/${c.id}/settlement` }, t("agreement.to_signing")),
        ),
      ),
    );
  };
  const stop = room.subscribe((change) => {
    if (["event", "status", "reset"].includes(change.type)) draw();
  });
  onLeave(stop);
  mount(
    h("p", { class: "crumbs" }, h("a", { href: `#/cases/${c.id}` }, t("cases.reference", { reference: c.reference }))),
    h("h1", {}, t("agreement.title")),
    h("p", { class: "subject" }, c.subject),
    body,
  );
  draw();
}
