// One case: where it stands and what to do next; what I share (while it runs) and, once it is
// over, my rating of the process.
import { api } from "../api.js";
import { h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { currentUser } from "../session.js";
import { feedbackApplies, feedbackPanel } from "./feedback.js";
import { sharingApplies, sharingPanel } from "./sharing.js";

// focus = "sharing" (#/cases/{id}/sharing): the page opens at the "What I share" panel.
export async function casePage(caseId, focus = null) {
  const user = await currentUser();
  if (!user) {
    location.hash = "#/login";
    return;
  }
  const c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  const parts = [
    h("h1", {}, t("cases.reference", { reference: c.reference })),
    h("p", { class: "subject" }, c.subject),
    h("p", { class: `badge status-${c.status}` }, t(`cases.status.${c.status}`)),
  ];
  const link = sessionStorage.getItem(`kelisim.link.${c.id}`);
  if (c.status === "awaiting_respondent" && c.my_role === "claimant") {
    parts.push(h("h2", {}, t("case.invite_title")), h("p", {}, t("case.invite_text", { name: c.respondent_name })));
    if (link) {
      const box = h("input", { id: "invite-link", readonly: true, value: link });
      parts.push(
        h("p", { class: "field" }, h("label", { for: "invite-link" }, t("case.invite_link")), box),
        h(
          "button",
          { type: "button", class: "button", onclick: () => navigator.clipboard?.writeText(link) },
          t("case.copy"),
        ),
      );
    }
  }
  if (c.status === "open") {
    parts.push(
      h("h2", {}, t("case.next")),
      h(
        "ol",
        { class: "steps" },
        h("li", {}, h("a", { href: `#/cases/${c.id}/interests` }, t("case.interests")), " ", t("case.interests_why")),
        h("li", {}, h("a", { href: `#/cases/${c.id}/proposals` }, t("case.proposals")), " ", t("case.proposals_why")),
        h("li", {}, h("a", { href: `#/cases/${c.id}/room` }, t("case.room")), " ", t("case.room_why")),
      ),
    );
  }
  if (c.status === "agreed") {
    parts.push(
      h("p", {}, t("case.settle_why")),
      h(
        "p",
        { class: "actions" },
        h("a", { class: "button primary", href: `#/cases/${c.id}/settlement` }, t("case.settlement")),
        h("a", { class: "button", href: `#/cases/${c.id}/agreement` }, t("case.agreement")),
        h("a", { class: "button", href: `#/cases/${c.id}/room` }, t("case.room")),
      ),
    );
  }
  if (c.status === "signed" || c.status === "filed") {
    parts.push(
      h(
        "p",
        { class: "actions" },
        h("a", { class: "button primary", href: `#/cases/${c.id}/settlement` }, t("case.document")),
        h("a", { class: "button", href: `#/cases/${c.id}/agreement` }, t("case.agreement")),
      ),
    );
  }
  if (["failed", "expired", "referred"].includes(c.status)) parts.push(h("p", {}, t(`case.over.${c.status}`)));
  // Both panels show what the server holds for this person (asked for together).
  parts.push(
    ...(await Promise.all([
      sharingApplies(c.status) ? sharingPanel(c) : null,
      feedbackApplies(c.status) ? feedbackPanel(c) : null,
    ]).then((panels) => panels.filter(Boolean))),
  );
  mount(...parts);
  const target = focus && document.getElementById(focus);
  if (target) {
    const heading = target.querySelector("h2");
    heading.setAttribute("tabindex", "-1");
    heading.focus();
    target.scrollIntoView({ block: "start" });
  }
}
