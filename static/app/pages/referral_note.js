// A case referred to court: the note the parties and the mediator see on its page (when, to
// which court, and the court's own case number once the court registered it through its API),
// and the court chosen in the mediator's referral form. Strings: the "referral" part.
import { ApiError, api } from "../api.js";
import { h } from "../dom.js";
import { formatDay } from "../format.js";
import { t, useStrings } from "../i18n.js";

// The note, or null while the case is not referred.
export async function referralNote(caseId) {
  let referral;
  try {
    [referral] = await Promise.all([
      api("GET", `/api/cases/${encodeURIComponent(caseId)}/referral`),
      useStrings("referral"),
    ]);
  } catch (failure) {
    if (failure instanceof ApiError && failure.code === "no_referral") return null;
    throw failure;
  }
  const court = referral.court;
  const number = referral.court_case_number;
  return h(
    "section",
    { id: "referral", class: "referral", "aria-labelledby": "referral-title" },
    h("h2", { id: "referral-title" }, t("referral.title")),
    h("p", {}, t("referral.on", { date: formatDay(referral.referred_at) })),
    h("p", {}, court ? t("referral.court", { name: court.name }) : t("referral.no_court")),
    court ? h("p", { id: "referral-number" }, number ? t("referral.number", { number }) : t("referral.waiting")) : null,
  );
}

let fields = 0;

// The referral form's court: a choice the mediator must make (a court connected to Kelisim, or
// explicitly none), so that a referral never misses its court by oversight. The courts arrive
// after the form is drawn. Needs the "referral" part (useStrings) before it is built.
export function courtField() {
  const id = `f-court_code-${++fields}`;
  const select = h(
    "select",
    { id, name: "court_code", required: true, "aria-describedby": `${id}-hint` },
    h("option", { value: "" }, t("referral.field.choose")),
    h("option", { value: "none" }, t("referral.field.no_court")),
  );
  api("GET", "/api/courts")
    .then(({ courts }) => select.lastChild.before(...courts.map((c) => h("option", { value: c.code }, c.name))))
    .catch(() => {}); // no list: "none" is still a choice, and the server names unknown codes
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, t("referral.field.court")),
    select,
    h("p", { id: `${id}-hint`, class: "hint" }, t("referral.field.court_hint")),
  );
}

// The court code a submitted referral form names: null for none.
export function chosenCourt(data) {
  const code = data.get("court_code");
  return code && code !== "none" ? code : null;
}
