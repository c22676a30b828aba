// The agreement review: what both sides agreed, point by point, in plain words; from here each
// party goes on to the settlement page (identities, terms, signing, the PDF).
import { api } from "../api.js";
import { h, mount, onLeave } from "../dom.js";
import { formatMoment } from "../format.js";
import { t } from "../i18n.js";
import { packageView } from "../issues.js";
import { roomFor } from "../room/live.js";
import { foldRoom } from "../room/state.js";
import { currentUser } from "../session.js";

export async function agreementPage(caseId) {
  if (!(await currentUser())) {
    location.hash = "#/login";
    return;
  }
  const c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  const body = h("div", { class: "agreement-body", "aria-live": "polite" }, h("p", {}, t("status.loading")));
  const room = roomFor(c.id);
  const draw = () => {
    const state = foldRoom(room.events);
    if (!state.agreement) {
      if (room.status !== "live" || c.status === "agreed") return; // still replaying
      body.replaceChildren(
        h("p", {}, t("agreement.none")),
        h("p", { class: "actions" }, h("a", { class: "button primary", href: `#/cases/${c.id}/room` }, t("case.room"))),
      );
      return;
    }
    const event = room.events.find((e) => e.event === "agreement");
    const on = formatMoment(event.at);
    body.replaceChildren(
      h("p", { class: "agreed-banner" }, t("agreement.reached", { date: on })),
      h("h2", {}, t("agreement.parties")),
      h(
        "ul",
        { class: "parties" },
        c.parties.map((p) => h("li", {}, `${p.display_name} (${t(`role.${p.role}`)})`)),
      ),
      h("h2", {}, t("agreement.terms")),
      packageView(c, state.agreement.package, { "aria-label": t("agreement.terms") }),
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
