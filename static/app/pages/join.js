// /join#token=…: an invited party's invitation (the respondent's, or party3…'s). The token stays in the fragment (never sent to a
// server log); it is kept in sessionStorage while the person signs up or logs in.
import { ApiError, api } from "../api.js";
import { h, mount } from "../dom.js";
import { language, t } from "../i18n.js";
import { issuesPreview } from "./intake/issues_preview.js";
import { currentUser } from "../session.js";
import { problemBox, sayProblems, sayRefusal } from "./form.js";
import { itemsList, mechanismSummary, partyNames } from "./intake/words.js";

// A link cut short when copied (or none at all) is refused as a malformed token; for the person
// it is a link that does not work, not a form with fields to correct.
const brokenLink = (error) =>
  error instanceof ApiError && error.code === "validation_failed" && error.fields.some((f) => f.field === "token");

export async function joinPage() {
  const token = new URLSearchParams(location.hash.slice(1)).get("token") || sessionStorage.getItem("kelisim.invite");
  const form = h("form", { novalidate: true }, problemBox());
  mount(h("h1", {}, t("join.title")), form);
  let preview;
  try {
    preview = await api("POST", "/api/invitations/preview", { token });
  } catch (error) {
    if (brokenLink(error)) sayProblems(form, [[null, t("refusal.invitation_not_found")]]);
    else sayRefusal(form, error);
    return;
  }
  sessionStorage.setItem("kelisim.invite", token);
  const details = invitationDetails(preview);
  if (!(await currentUser())) {
    form.append(
      ...details,
      h("p", {}, t("join.login_first")),
      h(
        "p",
        { class: "actions" },
        h("a", { class: "button primary", href: "/#/signup" }, t("nav.signup")),
        h("a", { class: "button", href: "/#/login" }, t("nav.login")),
      ),
    );
    return;
  }
  const consent = h("input", { type: "checkbox", id: "consent", name: "consent", required: true });
  form.append(
    ...details,
    h("p", { class: "check" }, consent, h("label", { for: "consent" }, t("join.consent"))),
    h("button", { type: "submit", class: "button primary" }, t("join.button")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!consent.checked) {
      sayProblems(form, [[null, t("join.consent_needed")]]);
      consent.focus();
      return;
    }
    try {
      await api("POST", "/api/invitations/accept", { token, consent_to_online_mediation: consent.checked });
      sessionStorage.removeItem("kelisim.invite");
      location.href = "/#/cases";
    } catch (error) {
      sayRefusal(form, error);
    }
  });
}

// Several parties (#17): who is in the case and who else is invited, names only, this link's
// own party marked; a two-party invitation reads as it always has.
function whoElse(preview) {
  const parties = preview.parties ?? [];
  if (parties.length <= 2) return [];
  const line = (p) =>
    h(
      "li",
      { "data-role": p.role },
      p.role === preview.role ? t("intake.parties.join_you", { name: p.name }) : p.name,
      " · ",
      t(`intake.parties.sides.${p.side}`),
      " · ",
      t(p.joined ? "intake.parties.state.joined" : "intake.parties.state.invited"),
    );
  return [h("h2", {}, t("intake.parties.join_title")), h("ul", { class: "parties" }, ...parties.map(line))];
}

// What the invitation says of the case: the claimant's words, its way to settle, the items or
// issues in dispute as the respondent reads them (`reader`: its language; the claimant's preview
// of the invitation, pages/intake/invitation_preview.js, passes the respondent's).
export function invitationDetails(preview, reader = language()) {
  return [
    h("p", { class: "subject" }, t("join.case", { reference: preview.case_reference, subject: preview.subject })),
    h("p", {}, t("join.from", { name: preview.claimant_name })),
    ...whoElse(preview),
    // How the claimant chose to settle, and for a division what is shared out, before joining.
    ...mechanismSummary(preview.mechanism, t("intake.join.mechanism", { name: preview.claimant_name })),
    ...(preview.items
      ? [
          h("h2", {}, t("intake.case.items")),
          itemsList(preview.items, {
            currency: preview.currency,
            myRole: preview.role ?? "respondent",
            names: partyNames(preview.parties ?? []),
            otherName: preview.claimant_name,
            // Before joining, the invitation's token opens the items' thumbnails.
            photos: { token: sessionStorage.getItem("kelisim.invite") },
          }),
        ]
      : []),
    ...issuesPreview(preview.issues ?? [], reader),
  ];
}
