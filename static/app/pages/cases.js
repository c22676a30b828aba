import { api } from "../api.js";
import { h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { loginFirst } from "./auth.js";
import { currentUser } from "../session.js";

export async function casesPage() {
  if (!(await currentUser())) {
    loginFirst();
    return;
  }
  const { cases } = await api("GET", "/api/cases");
  const list = cases.length
    ? h(
        "ul",
        { class: "cards" },
        cases.map((c) =>
          h(
            "li",
            { class: "card" },
            h("h2", {}, h("a", { href: `#/cases/${c.id}` }, t("cases.reference", { reference: c.reference }))),
            h("p", { class: "subject" }, c.subject),
            h("p", { class: "meta" }, t(`cases.category.${c.category}`), " · ", t(`cases.role.${c.my_role}`)),
            h("p", { class: `badge status-${c.status}` }, t(`cases.status.${c.status}`)),
          ),
        ),
      )
    : h("p", {}, t("cases.empty"));
  mount(
    h("h1", {}, t("cases.title")),
    list,
    h("p", { class: "actions" }, h("a", { class: "button primary", href: "#/cases/new" }, t("cases.new"))),
  );
}
