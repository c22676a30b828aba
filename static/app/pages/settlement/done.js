// Once every party has signed: who signed and when, the sealed PDF as a plain download link, the
// verification code and where to check it, the court it was sent to and, once filed, the court's
// case number; the signed text below. `page` is the page's shared state (page.js).
import { h } from "../../dom.js";
import { formatDay as day, formatMoment as moment } from "../../format.js";
import { t } from "../../i18n.js";
import { recordView, roleWord } from "../../settlement_text.js";

function doneSection(page) {
  const { c, s, url } = page;
  const n = page.names();
  const link = `${location.origin}/#/verify/${s.verification_code}`;
  return h(
    "section",
    { class: "step done-box", "aria-labelledby": "done-title" },
    h("h2", { id: "done-title", tabindex: "-1" }, t("settlement.done_title")),
    h(
      "ul",
      { class: "signers" },
      s.signatures.map((x) =>
        h("li", {}, t("settlement.signed_by", { name: n[x.role], role: roleWord(x.role), date: moment(x.signed_at) })),
      ),
    ),
    h(
      "p",
      { class: "actions" },
      h(
        "a",
        { class: "button primary wide", href: `${url}/pdf`, download: `settlement-${c.reference}.pdf` },
        t("settlement.download"),
      ),
    ),
    h("p", { class: "code-label", id: "code-label" }, t("settlement.code")),
    h("p", { class: "code", "aria-labelledby": "code-label" }, s.verification_code),
    h("p", {}, t("settlement.code_text")),
    h(
      "p",
      {},
      h("a", { href: `#/verify/${s.verification_code}` }, t("settlement.check_link")),
      " ",
      h("span", { class: "hint url" }, link),
    ),
    s.status === "filed"
      ? h(
          "p",
          { class: "filed" },
          t("settlement.filed", {
            number: s.filed?.court_case_number || "",
            date: s.filed ? day(s.filed.acknowledged_at) : "",
          }),
        )
      : s.court
        ? h("p", {}, t("settlement.sent_to_court", { court: s.court.name }))
        : null,
  );
}

// The finished page's steps: the document and, folded, the text that was signed.
export function doneSections(page) {
  return [
    doneSection(page),
    h(
      "details",
      { class: "signed-text" },
      h("summary", {}, t("settlement.read_signed")),
      page.s.record ? recordView(page.s.record, page.me) : null,
    ),
  ];
}
