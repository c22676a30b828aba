// Step 2, the terms: the place, the document's language and the obligations (obligations.js).
// The whole terms go back with the `version` they were read at; the form says that saving makes
// both sign again. A stale version reloads the terms and says so, unless the other side only
// changed its identity meanwhile (then the same terms are sent again on the new version). Every
// refusal is said at its input. `page` is the page's shared state (page.js).
import { api, ApiError } from "../../api.js";
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { languageName, nameList, obligationsView } from "../../settlement_text.js";
import { clearProblems, control, field as input, problemBox, sayAbove, sayAt, sayProblems } from "../form.js";
import { chosen, codeSelect } from "./choices.js";
import { obligationEditors } from "./obligations.js";
import { obligationProblem, serverText, termsInputOf } from "./refused_fields.js";
import { canonical } from "./state.js";

const DOCUMENT_LANGUAGES = ["kk", "ru", "en", "kk+ru"];
// The subject of the dispute in both languages, for a kk+ru document (the case's subject was
// typed once, in the case's language). Drawn only while the document is kk+ru.
function subjectPair(page) {
  const holder = h("div", { class: "subject-pair" });
  const label = t("settlement.f.subject");
  let given = page.s.terms.subject_description || page.c.subject || "";
  function show(bilingual) {
    const kk = holder.querySelector('textarea[name="subject-kk"]');
    if (kk) given = { kk: kk.value, ru: holder.querySelector('textarea[name="subject-ru"]').value };
    const inLanguage = (code) =>
      typeof given === "object" ? (given[code] ?? "") : page.c.language === code ? given : "";
    const box = (code) =>
      control(
        "textarea",
        `subject-${code}`,
        t(`settlement.f.in_${code}`, { label }),
        { rows: 2, maxlength: 1000 },
        "",
        [inLanguage(code)],
      );
    holder.replaceChildren(
      ...(bilingual ? [h("p", { class: "hint" }, t("settlement.f.bilingual")), box("kk"), box("ru")] : []),
    );
  }
  return { holder, show };
}

// Once the full text is shown in step 3, the obligations are read there, not twice.
function termsView(page) {
  const { s, me, ui } = page;
  return [
    h(
      "dl",
      { class: "package" },
      h(
        "div",
        { class: "package-row" },
        h("dt", {}, t("settlement.place")),
        h("dd", {}, s.terms.place || h("em", {}, t("settlement.place_missing"))),
      ),
      h(
        "div",
        { class: "package-row" },
        h("dt", {}, t("settlement.document_language")),
        h("dd", {}, languageName(s.terms.document_language)),
      ),
    ),
    s.record
      ? h("p", { class: "hint" }, t("settlement.obligations_below"))
      : [h("h3", {}, t("settlement.obligations")), obligationsView(s.terms.obligations, page.names(), me)],
    h(
      "p",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          class: "button",
          onclick: () => {
            ui.terms = true;
            page.draw();
            document.getElementById("f-place")?.focus();
          },
        },
        t("settlement.change_terms"),
      ),
    ),
  ];
}

function resignNote(page) {
  const { s, me, others } = page;
  const n = page.names();
  const signer = s.signatures[0]?.role;
  return h(
    "div",
    { class: "resign-note", id: "resign-note" },
    h("p", { class: "strong" }, t("settlement.f.resign")),
    signer
      ? h(
          "p",
          {},
          signer === me
            ? t("settlement.f.resign_you_signed", { name: nameList(n, others) })
            : t("settlement.f.resign_they_signed", { name: n[signer] }),
        )
      : null,
  );
}

function termsForm(page) {
  const { s, ui, forms } = page;
  const touch = () => {
    ui.dirty = "terms";
    if (forms.terms) forms.terms.touched = true;
  };
  const bilingual = s.terms.document_language === "kk+ru";
  const editors = obligationEditors(page, s.terms.obligations, touch, bilingual);
  const subject = subjectPair(page);
  subject.show(bilingual);
  const form = h(
    "form",
    { class: "terms-form", novalidate: true },
    problemBox(),
    input(
      "place",
      t("settlement.f.place"),
      { required: true, maxlength: 100, autocomplete: "address-level2", value: s.terms.place },
      t("settlement.f.place_hint"),
    ),
    control(
      "select",
      "document_language",
      t("settlement.f.document_language"),
      {},
      t("settlement.f.document_language_hint"),
      DOCUMENT_LANGUAGES.map((code) =>
        h("option", { value: code, selected: s.terms.document_language === code }, languageName(code)),
      ),
    ),
    subject.holder,
    codeSelect("legal_basis", t("settlement.f.legal_basis"), "basis", s.terms.legal_basis),
    codeSelect("state_fee", t("settlement.f.state_fee"), "state_fee", s.terms.costs.state_fee_note),
    h("h3", { id: "obligations-title", tabindex: "-1" }, t("settlement.f.obligations")),
    h("p", { class: "hint" }, t("settlement.f.obligations_hint")),
    editors.element,
    h(
      "div",
      { class: "add-ob" },
      h(
        "p",
        { class: "actions" },
        h(
          "button",
          { type: "button", class: "button", "aria-describedby": "add-ob-hint", onclick: editors.add },
          t("settlement.f.add"),
        ),
      ),
      h("p", { class: "hint", id: "add-ob-hint" }, t("settlement.f.add_hint")),
    ),
    resignNote(page),
    h(
      "p",
      { class: "actions" },
      h(
        "button",
        { type: "submit", class: "button primary", "aria-describedby": "resign-note" },
        t("settlement.f.save_terms"),
      ),
      s.terms.place
        ? h(
            "button",
            {
              type: "button",
              class: "button",
              onclick: () => {
                ui.terms = false;
                ui.dirty = null;
                forms.terms = null;
                page.draw();
              },
            },
            t("offer.cancel"),
          )
        : null,
    ),
  );
  form.elements.document_language.addEventListener("change", () => {
    const on = form.elements.document_language.value === "kk+ru";
    subject.show(on);
    editors.setBilingual(on);
  });
  form.addEventListener("input", touch);
  form.addEventListener("change", touch);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save(page, form, editors);
  });
  return form;
}

// The version counts every edit, identities included. When the other side only changed its
// identity meanwhile, the terms this edit started from are still the latest: send it again on
// the new version. When the terms themselves changed, the conflict is the person's to see.
async function putTerms(url, body, startedFrom) {
  try {
    return await api("PUT", `${url}/terms`, body);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== "stale_version") throw error;
    const latest = await api("GET", url);
    if (canonical(latest.terms) !== canonical(startedFrom)) throw error;
    return api("PUT", `${url}/terms`, { ...body, version: latest.version });
  }
}

// Says each refused field at its input; one the form has no input for is said in its
// obligation's box (every date there marked), else above the form. → the input to focus, or null.
function sayRefusedFields(form, error, keys, obligations) {
  let first = null;
  for (const { field, message } of error.fields) {
    const index = field.match(/^obligations\[(\d+)\]/)?.[1];
    const sent = index === undefined ? null : obligations[Number(index)];
    // A text given per language is refused at its language's box.
    const inLanguage = field.match(/^obligations\[(\d+)\]\.description\.(kk|ru)$/);
    const subjectBox = field.match(/^subject_description\.(kk|ru)$/);
    const name = inLanguage
      ? `ob-${keys[Number(inLanguage[1])]}-description-${inLanguage[2]}`
      : subjectBox
        ? `subject-${subjectBox[1]}`
        : termsInputOf(field, serverText(message), keys, sent);
    const text = name === "place" ? serverText(message) : obligationProblem(message, sent);
    let el = name ? sayAt(form, name, text) : null;
    const key = index === undefined ? undefined : keys[Number(index)];
    if (!el && key !== undefined) {
      const box = form.querySelector(`#f-ob-${key}-error`);
      if (box) box.textContent = text;
      const inputs = [...(box?.closest("fieldset").querySelectorAll("input[type=date]") || [])];
      for (const date of inputs) date.setAttribute("aria-invalid", "true");
      el = inputs[0] || box?.closest("fieldset").querySelector("textarea");
    }
    if (!el) sayAbove(form, text);
    first = first || el;
  }
  return first;
}

async function save(page, form, editors) {
  clearProblems(form);
  const place = form.elements.place.value.trim();
  const [obligations, problems] = editors.read(form);
  if (place.length < 2) problems.unshift(["place", t("settlement.error.place")]);
  const { terms } = page.s; // what this edit starts from
  const documentLanguage = form.elements.document_language.value;
  let subject = terms.subject_description ?? null;
  if (documentLanguage === "kk+ru") {
    // The subject comes first in the form: its problems are said first.
    const said = (code) => form.elements[`subject-${code}`].value.replace(/\s+/g, " ").trim();
    subject = { kk: said("kk"), ru: said("ru") };
    const lacking = ["kk", "ru"].filter((code) => subject[code].length < 3);
    problems.unshift(...lacking.map((code) => [`subject-${code}`, t("settlement.error.both_languages")]));
  }
  if (problems.length) {
    sayProblems(form, [[null, t("settlement.error.check")], ...problems]);
    return;
  }
  const keys = editors.keys();
  const body = {
    version: page.s.version,
    place,
    kind: terms.kind,
    court_code: terms.court_code,
    court_case_number: terms.court_case_number,
    legal_basis: chosen(form, "legal_basis", terms.legal_basis),
    subject_description: subject,
    document_language: documentLanguage,
    obligations,
    default_terms: terms.default_terms,
    costs: { ...terms.costs, state_fee_note: chosen(form, "state_fee", terms.costs.state_fee_note) },
    waiver_of_remaining_claims: terms.waiver_of_remaining_claims,
    confidentiality: terms.confidentiality,
    singapore_convention_opt_in: terms.singapore_convention_opt_in,
  };
  page.generation++;
  try {
    page.s = await putTerms(page.url, body, terms);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === "stale_version") {
      page.ui.terms = true;
      return page.reload("problem", t("settlement.notice.stale", { name: nameList(page.names(), page.others) }));
    }
    if (error.code === "settlement_signed") return page.reload("problem", t("settlement.notice.already_signed"));
    sayAbove(form, error.code === "network" ? t("error.network") : t("settlement.error.check"));
    const first = sayRefusedFields(form, error, keys, obligations);
    (first || form.querySelector("button[type=submit]")).focus();
    return;
  }
  page.ui.terms = false;
  page.ui.dirty = null;
  page.forms.terms = null;
  page.progressed(t("settlement.notice.terms_saved"));
}

export function termsSection(page) {
  const { s, me, ui } = page;
  // The form opens by itself once it is this person's turn (its details given, no place yet).
  const editing = ui.terms || (!s.terms.place && Boolean(s.parties[me]));
  return h(
    "section",
    { class: "step", "aria-labelledby": "step2-title" },
    h("h2", { id: "step2-title", tabindex: "-1" }, t("settlement.step2_title")),
    editing ? h("p", { class: "hint" }, t("settlement.step2_why")) : null,
    editing ? page.kept("terms", () => termsForm(page)) : termsView(page),
  );
}
