// One case: where it stands and what to do next.
import { api } from "../api.js";
import { h, mount } from "../dom.js";
import { t } from "../i18n.js";

export async function casePage(caseId) {
  const c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  const parts = [
    h("h1", {}, t("cases.reference", { reference: c.reference })),
    h("p", { class: "subject" }, c.subject),
    h("p", { class: `badge status-${c.status}` }, t(`cases.status.${c.status}`)),
  ];
  const link = sessionStorage.getItem(`kelisim.link.${c.id}`);
  if (c.status === "awaiting_respondent" && c.my_role === "claimant") {
    parts.push(h("h2", {}, t("case.invite_title")),
      h("p", {}, t("case.invite_text", { name: c.respondent_name })));
    if (link) {
      const box = h("input", { id: "invite-link", readonly: true, value: link });
      parts.push(h("p", { class: "field" }, h("label", { for: "invite-link" }, t("case.invite_link")), box),
        h("button", { type: "button", class: "button",
          onclick: () => navigator.clipboard?.writeText(link) }, t("case.copy")));
    }
  }
  if (c.status === "open") {
    parts.push(h("h2", {}, t("case.next")),
      h("ol", { class: "steps" },
        h("li", {}, h("a", { href: `#/cases/${c.id}/interests` }, t("case.interests")), " ", t("case.interests_why")),
        h("li", {}, h("a", { href: `#/cases/${c.id}/proposals` }, t("case.proposals")), " ", t("case.proposals_why")),
        h("li", {}, h("a", { href: `#/cases/${c.id}/room` }, t("case.room")), " ", t("case.room_why"))));
  }
  if (c.status === "agreed") {
    parts.push(h("p", {}, t("case.settle_why")),
      h("p", { class: "actions" },
        h("a", { class: "button primary", href: `#/cases/${c.id}/settlement` }, t("case.settlement")),
        h("a", { class: "button", href: `#/cases/${c.id}/agreement` }, t("case.agreement")),
        h("a", { class: "button", href: `#/cases/${c.id}/room` }, t("case.room"))));
  }
  if (c.status === "signed" || c.status === "filed") {
    parts.push(h("p", { class: "actions" },
      h("a", { class: "button primary", href: `#/cases/${c.id}/settlement` }, t("case.document")),
      h("a", { class: "button", href: `#/cases/${c.id}/agreement` }, t("case.agreement"))));
  }
  mount(...parts);
}
