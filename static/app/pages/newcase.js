// Opening a case in guided steps: what kind of dispute, who the other side is, what is in
// dispute (each issue a list of options or a range of amounts/days), the claim, how to settle
// (intake/mechanism_step.js: the recommended mechanism and, for a division, the items), consent.
// Guidance before filing (#13): the category's guide, whose typical issues fill the form
// (intake/guide_panel.js); a hint under options that speak for one side (intake/wording_hint.js);
// each issue also in the respondent's language when it reads another; and a preview of the
// invitation exactly as the respondent will see it (intake/invitation_preview.js). Up to 8 more
// parties, each invited by its own link (intake/parties_editor.js, #17).
import { ApiError, api } from "../api.js";
import { h, mount } from "../dom.js";
import { language, t, useStrings } from "../i18n.js";
import { generalText, refusalText } from "../refusals.js";
import { loginFirst } from "./auth.js";
import { currentUser } from "../session.js";
import { field, problemBox, sayAbove, sayProblems } from "./form.js";
import { guidePanel } from "./intake/guide_panel.js";
import { invitationPreview } from "./intake/invitation_preview.js";
import { amountText } from "./intake/items_editor.js";
import { sendIntakePhotos } from "./intake/item_photo.js";
import {
  fillIssue,
  fillOther,
  lines,
  optionsMismatch,
  otherLanguage,
  otherLanguageBox,
} from "./intake/issue_languages.js";
import { wordingHint } from "./intake/wording_hint.js";
import { mechanismStep } from "./intake/mechanism_step.js";
import { partiesEditor } from "./intake/parties_editor.js";
import { placesOfRefusal } from "./intake/refused.js";
import { reachOf, respondentReach } from "./respondent_reach.js";

const CATEGORIES = ["civil", "family", "labour", "commercial", "consumer"];

function issueEditor(index, onRemove) {
  const kind = `kind-${index}`;
  const textarea = h("textarea", { id: `options-${index}`, rows: 3, "aria-describedby": `options-${index}-hint` });
  const label = h("input", { id: `label-${index}`, required: true });
  const hint = wordingHint(() => ({ label: label.value, options: lines(textarea.value), textarea }));
  textarea.addEventListener("input", hint.check);
  const optionsBox = h(
    "p",
    { class: "field" },
    h("label", { for: `options-${index}` }, t("newcase.options")),
    h("span", { class: "hint", id: `options-${index}-hint` }, t("newcase.options_hint")),
    textarea,
    hint.element,
  );
  const rangeBox = h(
    "div",
    { class: "range", hidden: true },
    ...["min", "max", "step"].map((part) =>
      h(
        "p",
        { class: "field" },
        h("label", { for: `${part}-${index}` }, t(`newcase.range_${part}`)),
        h("input", { id: `${part}-${index}`, type: "number", inputmode: "decimal" }),
      ),
    ),
    h(
      "p",
      { class: "field" },
      h("label", { for: `unit-${index}` }, t("newcase.range_unit")),
      h("input", { id: `unit-${index}`, value: "KZT" }),
    ),
  );
  const choose = (value) => {
    optionsBox.hidden = value !== "options";
    rangeBox.hidden = value !== "range";
    other.querySelector(".other-options").hidden = value !== "options";
  };
  const other = otherLanguageBox(index);
  const radio = (value) =>
    h(
      "label",
      { class: "radio" },
      h("input", { type: "radio", name: kind, value, checked: value === "options", onchange: () => choose(value) }),
      t(`newcase.kind_${value}`),
    );
  return h(
    "fieldset",
    { class: "issue", "data-index": index },
    h("legend", {}, t("newcase.issue_n", { n: index + 1 })),
    h("p", { class: "field" }, h("label", { for: `label-${index}` }, t("newcase.issue_label")), label),
    h("div", { role: "radiogroup", "aria-label": t("newcase.kind") }, radio("options"), radio("range")),
    optionsBox,
    rangeBox,
    other,
    h("button", { type: "button", class: "link", onclick: onRemove }, t("newcase.remove_issue")),
  );
}

function readIssue(fieldset) {
  const i = fieldset.dataset.index;
  const label = fieldset.querySelector(`#label-${i}`).value;
  if (fieldset.querySelector(`input[name="kind-${i}"]:checked`).value === "range") {
    const number = (part) => Number(fieldset.querySelector(`#${part}-${i}`).value);
    return {
      label,
      range: {
        min: number("min"),
        max: number("max"),
        step: number("step"),
        unit: fieldset.querySelector(`#unit-${i}`).value,
      },
      ...otherLanguage(fieldset, label, null),
    };
  }
  const options = lines(fieldset.querySelector(`#options-${i}`).value);
  return { label, options, ...otherLanguage(fieldset, label, options) };
}

// An issue the server would take as it stands: the recommendation is asked for those only.
function complete(issue) {
  if (!issue.label.trim()) return false;
  if (issue.options) return issue.options.length >= 2 && new Set(issue.options).size === issue.options.length;
  const { min, max, step } = issue.range;
  return [min, max, step].every(Number.isFinite) && max > min && step > 0 && (max - min) / step <= 2000;
}

// The refusal said at its inputs, in the reader's words; what has no input goes above the form.
function sayRefused(form, error, sent) {
  if (!(error instanceof ApiError)) throw error;
  const atInputs = error.fields.flatMap((refused) =>
    refused.field === "respondent.phone"
      ? [["respondent_phone", t("notify.phone_invalid")]]
      : placesOfRefusal(refused, sent),
  );
  const above = generalText(error) ?? (atInputs.length ? t("intake.refusal.check_fields") : refusalText(error));
  sayProblems(form, [[null, above], ...atInputs]);
}

export async function newCasePage() {
  if (!(await currentUser())) {
    loginFirst();
    return;
  }
  // The respondent's phone and language (respondent_reach.js), the guide and hints (guidance).
  await useStrings("notify", "guidance");
  const me = await currentUser();
  let next = 0;
  const issues = h("div", { class: "issues" });
  // The respondent's language when it is not the form's: each issue is then asked in it too.
  // "Issue 1", "Issue 2"… by position (the ids keep their first number).
  const renumber = () => {
    const legends = issues.querySelectorAll("fieldset.issue > legend");
    legends.forEach((legend, n) => {
      legend.textContent = t("newcase.issue_n", { n: n + 1 });
    });
  };
  let languageSelect = null; // the respondent's language, once the form is drawn
  const otherReader = () => {
    const chosen = languageSelect?.value;
    return chosen && chosen !== language() ? chosen : null;
  };
  const addIssue = () => {
    const editor = issueEditor(next++, () => {
      editor.remove();
      renumber();
      settle.refresh();
    });
    editor.querySelector(".other-language").showFor(otherReader());
    issues.append(editor);
    return editor;
  };
  // The guide's issues replace the editors still empty; what the claimant typed stays.
  const takeGuide = (guideIssues) => {
    for (const editor of issues.querySelectorAll("fieldset.issue")) {
      if (!editor.querySelector(`#label-${editor.dataset.index}`).value.trim()) editor.remove();
    }
    for (const issue of guideIssues) fillIssue(addIssue(), issue);
    renumber();
    settle.refresh();
  };
  const guide = guidePanel(takeGuide);
  const readIssues = () => [...issues.querySelectorAll("fieldset")].map(readIssue);
  // Who may hold an item besides the claimant: the respondent and the other parties as typed.
  const holders = () => [
    { role: "respondent", name: form.querySelector('[name="respondent_name"]').value.trim() },
    ...others.read().parties.map((party, i) => ({ role: `party${i + 3}`, name: party.name })),
  ];
  const settle = mechanismStep(
    () => ({
      issues: readIssues().filter(complete),
      items: settle
        .readItems()
        .items.filter((item) => item.name && (!item.value || /^\d+(\.\d{1,2})?$/.test(item.value))),
    }),
    holders,
  );
  addIssue();
  const others = partiesEditor(); // heirs, co-owners, a guarantor: 10 parties in all
  const form = h(
    "form",
    { novalidate: true },
    problemBox(),
    h("h2", {}, t("newcase.step1")),
    h(
      "p",
      { class: "field" },
      h("label", { for: "f-category" }, t("newcase.category")),
      h(
        "select",
        { id: "f-category", name: "category" },
        CATEGORIES.map((c) => h("option", { value: c }, t(`cases.category.${c}`))),
      ),
    ),
    guide.element,
    field("subject", t("newcase.subject"), { required: true }, t("newcase.subject_hint")),
    h("h2", {}, t("newcase.step2")),
    field("respondent_name", t("newcase.respondent_name"), { required: true }),
    field("respondent_email", t("newcase.respondent_email"), { type: "email", required: true }),
    ...respondentReach(),
    others.element,
    h("h2", {}, t("newcase.step3")),
    h("p", { class: "hint" }, t("intake.issues_hint")),
    h("div", { "data-field": "issues" }, h("span", { class: "error", role: "alert" }), issues),
    h("button", { type: "button", class: "button", onclick: addIssue }, t("newcase.add_issue")),
    h("h2", {}, t("newcase.step4")),
    field("amount", t("newcase.amount"), { type: "number", inputmode: "decimal", min: 0 }, t("newcase.amount_hint")),
    settle.element,
    h("h2", {}, t("guidance.preview_step")),
    invitationPreview(() => ({ preview: previewOf(), reader: value("respondent_language") })).element,
    h(
      "p",
      { class: "check" },
      h("input", { type: "checkbox", id: "consent" }),
      h("label", { for: "consent" }, t("newcase.consent")),
    ),
    h("button", { type: "submit", class: "button primary" }, t("newcase.submit")),
  );
  const value = (name) => form.querySelector(`[name="${name}"]`).value;
  // The invitation as the server will show it to the respondent (InvitationPreview).
  const previewOf = () => {
    const mechanism = settle.chosen() ?? "packages";
    const items = mechanism === "division" ? settle.readItems().items : null;
    return {
      case_reference: t("guidance.no_reference"),
      subject: value("subject"),
      category: value("category"),
      claimant_name: me?.display_name ?? "",
      respondent_name: value("respondent_name"),
      mechanism,
      items: items?.length ? items : null,
      currency: "KZT",
      issues: mechanism === "division" ? [] : readIssues().filter((issue) => issue.label.trim()),
    };
  };
  const category = form.querySelector("#f-category");
  category.addEventListener("change", () => guide.show(category.value));
  languageSelect = form.querySelector('[name="respondent_language"]');
  languageSelect.addEventListener("change", () => {
    for (const editor of issues.querySelectorAll("fieldset.issue")) {
      editor.querySelector(".other-language").showFor(otherReader());
      fillOther(editor);
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const consent = form.querySelector("#consent");
    if (!consent.checked) {
      sayAbove(form, t("newcase.consent_needed"));
      consent.focus();
      return;
    }
    if ([...issues.querySelectorAll("fieldset.issue")].some(optionsMismatch)) {
      sayProblems(form, [
        [null, t("intake.refusal.check_fields")],
        ["issues", t("guidance.options_mismatch")],
      ]);
      return;
    }
    const amount = amountText(value("amount"));
    const mechanism = settle.chosen();
    // A division negotiates over its items (one issue each): the issues above are not sent.
    const { items, keys, photos } = mechanism === "division" ? settle.readItems() : { items: [], keys: [], photos: [] };
    if (mechanism === "division" && items.length < 2) {
      sayProblems(form, [
        [null, t("intake.refusal.check_fields")],
        ["items", t("intake.too_few_items")],
      ]);
      return;
    }
    const { parties: otherParties, keys: partyKeys } = others.read();
    const body = {
      category: value("category"),
      subject: value("subject"),
      language: language(),
      respondent: { name: value("respondent_name"), email: value("respondent_email"), ...reachOf(value) },
      ...(otherParties.length ? { other_parties: otherParties } : {}),
      issues: mechanism === "division" ? [] : readIssues(),
      mechanism,
      ...(mechanism === "division" ? { items } : {}),
      consent_to_online_mediation: form.querySelector("#consent").checked,
      ...(amount ? { claim: { amount, currency: "KZT" } } : {}),
    };
    try {
      const created = await api("POST", "/api/cases", body);
      sessionStorage.setItem(`kelisim.link.${created.case.id}`, created.invitation.url);
      // Every invited party's link, for the claimant to pass on (shown on the case page).
      const links = Object.fromEntries(created.invitations.map((i) => [i.role, i.url]));
      sessionStorage.setItem(`kelisim.links.${created.case.id}`, JSON.stringify(links));
      await sendIntakePhotos(created.case.id, photos); // a refusal is said on the case page
      location.hash = `#/cases/${created.case.id}`;
    } catch (error) {
      sayRefused(form, error, { items, itemKeys: keys, partyKeys });
    }
  });
  // The recommendation follows what the case is about.
  form.addEventListener("input", (event) => {
    if (!event.target.closest(".settle-step") || event.target.closest(".items-editor")) settle.refresh();
  });
  mount(h("h1", {}, t("newcase.title")), form);
  settle.ask();
  guide.show(category.value);
}
