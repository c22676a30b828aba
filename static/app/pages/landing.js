import { h, mount } from "../dom.js";
import { t } from "../i18n.js";

export function landingPage() {
  mount(
    h("h1", {}, t("landing.title")),
    h("p", { class: "lead" }, t("landing.lead")),
    h("h2", {}, t("landing.how")),
    h(
      "ol",
      { class: "steps" },
      [1, 2, 3, 4].map((n) => h("li", {}, t(`landing.step${n}`))),
    ),
    h("h2", {}, t("landing.privacy")),
    h("p", {}, t("landing.privacy_text")),
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button primary", href: "#/signup" }, t("landing.start")),
      h("a", { class: "button", href: "#/login" }, t("landing.have_account")),
    ),
    h("h2", {}, t("landing.verify")),
    h("p", {}, t("landing.verify_text")),
    h("p", {}, h("a", { class: "button", href: "#/verify" }, t("landing.verify_link"))),
    h("h2", {}, t("landing.practice")),
    h("p", {}, t("landing.practice_text")),
    h("p", {}, h("a", { class: "button", href: "#/practice" }, t("landing.practice_link"))),
  );
}
