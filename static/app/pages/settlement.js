// After the agreement: each party says who it is, both check the terms, each signs the exact text
// with its password, and both download the sealed PDF. One page, in steps, that keeps itself up
// to date (it asks the server every few seconds while open) without wiping what a person types.
import { api, ApiError } from "../api.js";
import { announce, h, mount, onLeave } from "../dom.js";
import { formatDay as day, formatMoment as moment, formatMoney as money } from "../format.js";
import { language, t } from "../i18n.js";
import { generalText } from "../refusals.js";
import { currentUser } from "../session.js";
import { languageName, namesOf, obligationsView, otherRole, poaLine, recordView } from "../settlement_text.js";
import { confirmDialog } from "./confirm.js";
import { feedbackPanel } from "./feedback.js";

const POLL_MS = 4000;
const DOCUMENT_LANGUAGES = ["kk", "ru", "en", "kk+ru"];
// How an added action is done, in the words of the document (the case's language), as the
// server's draft writes it for the actions it drafts; not interface text.
const AS_STATED = {
  kk: "осы тармақта көрсетілгендей",
  ru: "как указано в настоящем пункте",
  en: "as stated in this clause",
};
const MAX_CENTS = 10n ** 17n; // the server's limit: 10^15 units of currency

// -- small form helpers: every control labelled, hint and error linked to it ------------------

function control(tag, name, label, attrs = {}, hint = "", children = []) {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  return h(
    "p",
    { class: "field" },
    h("label", { for: id }, label),
    hint ? h("span", { class: "hint", id: `${id}-hint` }, hint) : null,
    h(tag, { id, name, "aria-describedby": described, ...attrs }, children),
    h("span", { class: "error", id: `${id}-error` }),
  );
}

function input(name, label, attrs = {}, hint = "") {
  return control("input", name, label, attrs, hint);
}

function clearErrors(form) {
  form.querySelectorAll(".error, .form-error").forEach((el) => {
    el.textContent = "";
  });
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

// Marks the field and says why next to it; returns the field (to focus the first one).
function fieldError(form, name, message) {
  const el = form.querySelector(`[name="${CSS.escape(name)}"]`);
  const box = form.querySelector(`#f-${CSS.escape(name)}-error`);
  if (!el || !box) return null;
  el.setAttribute("aria-invalid", "true");
  box.textContent = message;
  return el;
}

function clearField(form, name) {
  form.querySelector(`[name="${CSS.escape(name)}"]`)?.removeAttribute("aria-invalid");
  const box = form.querySelector(`#f-${CSS.escape(name)}-error`);
  if (box) box.textContent = "";
}

function formError(form, message) {
  const box = form.querySelector(".form-error");
  box.textContent = message;
  return box;
}

function serverText(message) {
  return String(message || "").replace(/^Value error, /, "");
}

// An amount as people type it ("210 000", "210000,50", "210,000" in English) → the decimal
// string the API takes ("210000", "210000.50"), or the key of what is wrong with it.
function parseAmount(typed) {
  let text = String(typed)
    .replace(/[\s\u00a0\u202f₸]/g, "")
    .replace(/(KZT|тг|тенге|теңге)\.?$/i, "");
  if (
    /^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(text) &&
    (text.includes(".") || (/,\d{3}$/.test(text) && language() === "en"))
  ) {
    text = text.replace(/,/g, "");
  } else {
    text = text.replace(",", ".");
  }
  if (!text) return { error: "settlement.error.amount" };
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return { error: "settlement.error.amount" };
  const value = text.replace(/^0+(?=\d)/, "");
  if (cents(value) === 0n) return { error: "settlement.error.amount_zero" };
  if (cents(value) > MAX_CENTS) return { error: "settlement.error.amount_big" };
  return { value };
}

// "210000.5" → 21000050n: amounts are added up exactly, whatever their size.
function cents(amount) {
  const [whole, fraction = ""] = String(amount).split(".");
  return BigInt(whole || "0") * 100n + BigInt(`${fraction}00`.slice(0, 2));
}

function fromCents(value) {
  const whole = value / 100n;
  const rest = value % 100n;
  return rest === 0n ? String(whole) : `${whole}.${String(rest).padStart(2, "0")}`;
}

// JSON with sorted keys, to compare two versions of the terms.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

// -- the page ---------------------------------------------------------------------------------

export async function settlementPage(caseId) {
  const user = await currentUser();
  if (!user) {
    location.hash = "#/login";
    return;
  }
  const c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  const url = `/api/cases/${c.id}/settlement`;
  const head = [
    h("p", { class: "crumbs" }, h("a", { href: `#/cases/${c.id}` }, t("cases.reference", { reference: c.reference }))),
    h("h1", { id: "settlement-title" }, t("settlement.title")),
    h("p", { class: "subject" }, c.subject),
  ];
  let s;
  try {
    s = await api("GET", url);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== "no_agreement") throw error;
    mount(
      ...head,
      h("p", {}, t("agreement.none")),
      h("p", { class: "actions" }, h("a", { class: "button primary", href: `#/cases/${c.id}/room` }, t("case.room"))),
    );
    return;
  }
  const me = c.my_role;
  const other = otherRole(me);
  const ui = {
    details: false,
    terms: false,
    dirty: null,
    notice: null,
    kind: s.parties[me]?.kind || "person",
    repTyped: null,
  };
  // An open form the person has changed is kept as it is when the page redraws (another step
  // opened or saved, the other side's news), so nothing typed is lost; closed or saved, it goes.
  const forms = { details: null, terms: null };
  const kept = (name, build) => {
    if (!forms[name]?.touched) forms[name] = build();
    return forms[name];
  };
  let generation = 0; // bumped by every change this page makes: older poll answers are dropped
  const notice = h("div", { class: "notice-area", tabindex: "-1" });
  const body = h("div", { class: "settlement-body" });
  // Once signed, the rating form goes under the document; drawn once and never redrawn by the
  // polling, so what a person is choosing or typing there stays.
  const rating = h("div", { class: "settlement-rating" });
  let ratingAsked = false;

  // A message at the top of the page: problems as an alert, the rest through the page's one
  // status region (so a screen reader hears each exactly once).
  function flash() {
    return ui.notice
      ? h(
          "p",
          { class: `flash flash-${ui.notice.kind}`, role: ui.notice.kind === "problem" ? "alert" : null },
          ui.notice.text,
        )
      : "";
  }

  function say(kind, text) {
    if (ui.notice?.kind === kind && ui.notice.text === text && notice.firstChild) return; // said already
    ui.notice = { kind, text };
    notice.replaceChildren(flash());
    if (kind !== "problem") announce(text);
  }

  // A step is done: the banner at the top now says what comes next; it gets the focus, and a
  // screen reader hears what just happened.
  function progressed(text) {
    ui.notice = null;
    ui.dirty = null;
    notice.replaceChildren();
    announce(text);
    draw();
    const now = body.querySelector(".now");
    now.focus();
    now.scrollIntoView({ block: "start" });
  }

  function focusNotice() {
    notice.focus();
    notice.scrollIntoView({ block: "start" });
  }

  const names = () => namesOf(s, c);
  const signedRoles = () => new Set(s.signatures.map((x) => x.role));
  const finished = () => s.status === "signed" || s.status === "filed";

  // One sentence: what this person should do now.
  function nowText() {
    const n = names();
    if (s.status === "filed") return t("settlement.now.filed", { number: s.filed?.court_case_number || "" });
    if (finished()) return t("settlement.now.signed");
    if (!s.parties[me]) return t("settlement.now.details");
    if (!s.terms.place) return t("settlement.now.place");
    if (!s.parties[other]) return t("settlement.now.wait_details", { name: n[other] });
    if (s.problems.length || !s.record) return t("settlement.now.problems");
    if (!signedRoles().has(me)) return t("settlement.now.sign");
    return t("settlement.now.wait_sign", { name: n[other] });
  }

  function progress() {
    const signed = signedRoles();
    const steps = [
      ["settlement.step1", s.parties[me] ? "done" : "now"],
      ["settlement.step2", s.terms.place ? "done" : s.parties[me] ? "now" : "later"],
      ["settlement.step3", signed.has(me) ? (signed.has(other) ? "done" : "waiting") : s.record ? "now" : "later"],
      ["settlement.step4", finished() ? "done" : "later"],
    ];
    return h(
      "ol",
      { class: "progress", "aria-label": t("settlement.progress") },
      steps.map(([key, state]) =>
        h(
          "li",
          { class: `step-${state}` },
          h("span", { class: "step-mark", "aria-hidden": "true" }, state === "done" ? "✓" : ""),
          h("span", {}, t(key), h("span", { class: "step-state" }, ` — ${t(`settlement.state.${state}`)}`)),
        ),
      ),
    );
  }

  // -- step 1: who I am --------------------------------------------------------------------

  function detailsSummary(details) {
    const rows =
      details.kind === "organisation"
        ? [
            [t("settlement.org_name"), `${details.legal_form} ${details.full_name}`],
            [t("settlement.bin"), details.bin],
            [t("settlement.address"), details.address],
            [
              t("settlement.signs_for_it"),
              t("settlement.signatory_line", {
                name: details.signatory.full_name,
                position: details.signatory.position,
                authority: details.signatory.authority,
              }),
            ],
          ]
        : [
            [t("settlement.full_name"), details.full_name],
            [t("settlement.iin"), details.iin],
            [t("settlement.address"), details.address],
          ];
    const rep = details.representative;
    if (rep) {
      rows.push(
        [t("settlement.representative"), t("settlement.rep_line", { name: rep.full_name, iin: rep.iin })],
        [t("settlement.poa"), poaLine(rep.power_of_attorney)],
      );
    }
    return h(
      "dl",
      { class: "package" },
      rows.map(([term, value]) => h("div", { class: "package-row" }, h("dt", {}, term), h("dd", {}, value))),
    );
  }

  // Optional: a representative who acts for this party under a power of attorney that allows
  // settling. Behind a switch, off unless one was saved; what is typed survives a redraw (the
  // person/organisation choice redraws the form).
  function representativeFields(mine) {
    const saved = mine.representative;
    const rep = ui.repTyped ?? (saved ? { on: true, ...saved } : { on: false });
    const poa = rep.power_of_attorney || {};
    const section = h(
      "fieldset",
      { class: "issue representative", id: "rep-fields" },
      h("legend", {}, t("settlement.f.rep_title")),
      input(
        "rep_full_name",
        t("settlement.f.rep_full_name"),
        { maxlength: 200, autocomplete: "off", value: rep.full_name },
        t("settlement.f.rep_full_name_hint"),
      ),
      input(
        "rep_iin",
        t("settlement.f.rep_iin"),
        { inputmode: "numeric", autocomplete: "off", maxlength: 12, value: rep.iin },
        t("settlement.f.rep_iin_hint"),
      ),
      h(
        "fieldset",
        { class: "poa" },
        h("legend", {}, t("settlement.f.poa_title")),
        input(
          "rep_poa_number",
          t("settlement.f.poa_number"),
          { maxlength: 200, autocomplete: "off", value: poa.number },
          t("settlement.f.poa_number_hint"),
        ),
        input("rep_poa_date", t("settlement.f.poa_date"), { type: "date", value: poa.date }),
        input(
          "rep_poa_issued_by",
          t("settlement.f.poa_issued_by"),
          { maxlength: 200, autocomplete: "off", value: poa.issued_by },
          t("settlement.f.poa_issued_by_hint"),
        ),
        h(
          "p",
          { class: "check" },
          h("input", {
            type: "checkbox",
            id: "f-rep_authority",
            name: "rep_authority",
            checked: poa.settlement_authority === true,
            "aria-describedby": "f-rep_authority-hint f-rep_authority-error",
          }),
          h("label", { for: "f-rep_authority" }, t("settlement.f.poa_authority")),
        ),
        h("p", { class: "hint check-hint", id: "f-rep_authority-hint" }, t("settlement.f.poa_authority_hint")),
        h("p", { class: "error check-hint", id: "f-rep_authority-error" }),
      ),
    );
    // Off, the fields leave the page (nothing of them is sent, no label repeats "IIN"), but
    // keep what was typed in case the switch goes on again.
    const block = h("div", { class: "rep-block" });
    const toggle = h("input", {
      type: "checkbox",
      id: "f-has_representative",
      name: "has_representative",
      checked: rep.on,
      "aria-describedby": "f-has_representative-hint",
      onchange: () => {
        if (toggle.checked) block.append(section);
        else section.remove();
      },
    });
    block.append(
      h(
        "p",
        { class: "check rep-toggle" },
        toggle,
        h("label", { for: "f-has_representative" }, t("settlement.f.rep_toggle")),
      ),
      h("p", { class: "hint check-hint", id: "f-has_representative-hint" }, t("settlement.f.rep_toggle_hint")),
    );
    if (rep.on) block.append(section);
    repSection = section;
    return block;
  }
  let repSection = null; // the representative's fields, on the page or not

  function typedRepresentative(form) {
    const field = (name) => repSection?.querySelector(`[name="${name}"]`);
    const get = (name) => (field(name)?.value ?? "").trim();
    return {
      on: form.elements.has_representative.checked,
      full_name: get("rep_full_name"),
      iin: get("rep_iin"),
      power_of_attorney: {
        number: get("rep_poa_number"),
        date: get("rep_poa_date"),
        issued_by: get("rep_poa_issued_by"),
        settlement_authority: field("rep_authority")?.checked === true,
      },
    };
  }

  function detailsForm() {
    const mine = s.parties[me] || {};
    const kind = ui.kind;
    const value = (key) => (mine.kind === kind ? mine[key] : undefined);
    const radio = (k, label) =>
      h(
        "label",
        { class: "radio" },
        h("input", {
          type: "radio",
          name: "kind",
          value: k,
          checked: kind === k,
          onchange: (event) => {
            ui.repTyped = typedRepresentative(event.target.form);
            ui.kind = k;
            forms.details = null;
            draw();
            document.getElementById(`kind-${k}`)?.focus();
          },
          id: `kind-${k}`,
        }),
        label,
      );
    const fields =
      kind === "person"
        ? [
            input(
              "full_name",
              t("settlement.f.full_name"),
              {
                autocomplete: "name",
                required: true,
                value: value("full_name") ?? c.parties.find((p) => p.role === me)?.display_name,
              },
              t("settlement.f.full_name_hint"),
            ),
            input(
              "iin",
              t("settlement.f.iin"),
              { inputmode: "numeric", autocomplete: "off", maxlength: 12, required: true, value: value("iin") },
              t("settlement.f.iin_hint"),
            ),
            input(
              "address",
              t("settlement.f.address"),
              { autocomplete: "street-address", required: true, value: value("address") },
              t("settlement.f.address_hint"),
            ),
          ]
        : [
            input(
              "legal_form",
              t("settlement.f.legal_form"),
              { required: true, maxlength: 100, value: value("legal_form") },
              t("settlement.f.legal_form_hint"),
            ),
            input(
              "full_name",
              t("settlement.f.org_name"),
              { autocomplete: "organization", required: true, value: value("full_name") },
              t("settlement.f.org_name_hint"),
            ),
            input(
              "bin",
              t("settlement.f.bin"),
              { inputmode: "numeric", autocomplete: "off", maxlength: 12, required: true, value: value("bin") },
              t("settlement.f.bin_hint"),
            ),
            input(
              "address",
              t("settlement.f.org_address"),
              { required: true, value: value("address") },
              t("settlement.f.address_hint"),
            ),
            input("signatory_full_name", t("settlement.f.signatory"), {
              autocomplete: "name",
              required: true,
              value: value("signatory")?.full_name,
            }),
            input(
              "signatory_position",
              t("settlement.f.position"),
              { required: true, value: value("signatory")?.position },
              t("settlement.f.position_hint"),
            ),
            input(
              "signatory_authority",
              t("settlement.f.authority"),
              { required: true, value: value("signatory")?.authority },
              t("settlement.f.authority_hint"),
            ),
          ];
    const form = h(
      "form",
      { class: "details-form", novalidate: true },
      h("p", { class: "form-error", role: "alert" }),
      h(
        "fieldset",
        { class: "choice-group" },
        h("legend", {}, t("settlement.f.kind")),
        radio("person", t("settlement.f.person")),
        radio("organisation", t("settlement.f.organisation")),
      ),
      fields,
      representativeFields(mine),
      s.signatures.length ? h("p", { class: "hint" }, t("settlement.voids")) : null,
      h(
        "p",
        { class: "actions" },
        h("button", { type: "submit", class: "button primary" }, t("settlement.f.save_details")),
        s.parties[me]
          ? h(
              "button",
              {
                type: "button",
                class: "button",
                onclick: () => {
                  ui.details = false;
                  ui.dirty = null;
                  ui.repTyped = null;
                  forms.details = null;
                  draw();
                },
              },
              t("offer.cancel"),
            )
          : null,
      ),
    );
    const touched = () => {
      ui.dirty = "details";
      form.touched = true;
    };
    form.addEventListener("change", touched);
    form.addEventListener("input", touched);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      saveDetails(form);
    });
    return form;
  }

  function readDetails(form) {
    const get = (name) => (form.elements[name]?.value ?? "").trim();
    const problems = [];
    const need = (name, ok = (v) => v.length > 0, message = t("settlement.error.required")) => {
      if (!ok(get(name))) problems.push([name, message]);
    };
    const twelve = (v) => /^\d{12}$/.test(v);
    need("full_name");
    need("address", (v) => v.length >= 5, t("settlement.error.address"));
    let body;
    if (ui.kind === "person") {
      need("iin", twelve, t("settlement.error.twelve"));
      body = { kind: "person", full_name: get("full_name"), iin: get("iin"), address: get("address") };
    } else {
      need("legal_form");
      need("bin", twelve, t("settlement.error.twelve"));
      for (const name of ["signatory_full_name", "signatory_position", "signatory_authority"]) need(name);
      body = {
        kind: "organisation",
        legal_form: get("legal_form"),
        full_name: get("full_name"),
        bin: get("bin"),
        address: get("address"),
        signatory: {
          full_name: get("signatory_full_name"),
          position: get("signatory_position"),
          authority: get("signatory_authority"),
        },
      };
    }
    const rep = typedRepresentative(form);
    if (rep.on) {
      need("rep_full_name");
      need("rep_iin", twelve, t("settlement.error.twelve"));
      need("rep_poa_number");
      need("rep_poa_date", (v) => v.length > 0, t("settlement.error.date"));
      need("rep_poa_issued_by");
      if (!rep.power_of_attorney.settlement_authority)
        problems.push(["rep_authority", t("settlement.error.poa_authority")]);
      const { on, ...representative } = rep;
      body.representative = representative;
    }
    return { body, problems };
  }

  // The server checks IIN and BIN digits; its reason goes next to the number it is about.
  function detailsFieldOf(path, message) {
    if (path.startsWith("signatory.")) return `signatory_${path.slice(10)}`;
    const rep = {
      "representative.full_name": "rep_full_name",
      "representative.iin": "rep_iin",
      "representative.power_of_attorney.number": "rep_poa_number",
      "representative.power_of_attorney.date": "rep_poa_date",
      "representative.power_of_attorney.issued_by": "rep_poa_issued_by",
      "representative.power_of_attorney.settlement_authority": "rep_authority",
    }[path];
    if (path.startsWith("representative")) return rep || null;
    if (["full_name", "iin", "bin", "legal_form", "address"].includes(path)) return path;
    if (/\bIIN\b/.test(message)) return "iin";
    if (/\bBIN\b/.test(message)) return "bin";
    return null;
  }

  async function saveDetails(form) {
    clearErrors(form);
    const { body, problems } = readDetails(form);
    if (problems.length) {
      formError(form, t("settlement.error.check"));
      problems
        .map(([name, message]) => fieldError(form, name, message))
        .find(Boolean)
        ?.focus();
      return;
    }
    generation++;
    try {
      s = await api("PUT", `${url}/parties/me`, body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === "settlement_signed") return reload("problem", t("settlement.notice.already_signed"));
      formError(form, error.code === "network" ? t("error.network") : t("settlement.error.check"));
      let first = null;
      for (const { field, message } of error.fields) {
        const name = detailsFieldOf(field, message);
        const text = ["iin", "bin", "rep_iin"].includes(name)
          ? t(`settlement.error.${name}_server`, { message: serverText(message) })
          : serverText(message);
        const el = name ? fieldError(form, name, text) : null;
        if (!el) formError(form, serverText(message));
        first = first || el;
      }
      (first || form.querySelector(".form-error")).focus?.();
      if (!first) form.querySelector("button[type=submit]").focus();
      return;
    }
    ui.details = false;
    ui.dirty = null;
    ui.repTyped = null;
    forms.details = null;
    progressed(t("settlement.notice.details_saved"));
  }

  function detailsSection() {
    const mine = s.parties[me];
    const n = names();
    const editing = !mine || ui.details;
    return h(
      "section",
      { class: "step", "aria-labelledby": "step1-title" },
      h("h2", { id: "step1-title", tabindex: "-1" }, t("settlement.step1_title")),
      editing ? h("p", { class: "hint" }, t("settlement.step1_why")) : null,
      editing
        ? kept("details", detailsForm)
        : [
            detailsSummary(mine),
            h(
              "p",
              { class: "actions" },
              h(
                "button",
                {
                  type: "button",
                  class: "button",
                  onclick: () => {
                    ui.details = true;
                    ui.kind = mine.kind;
                    ui.repTyped = null;
                    draw();
                    document.querySelector(".details-form input")?.focus();
                  },
                },
                t("settlement.change_details"),
              ),
            ),
          ],
      h(
        "p",
        { class: s.parties[other] ? "other-done" : "other-waiting" },
        t(s.parties[other] ? "settlement.other_details_done" : "settlement.other_details_missing", { name: n[other] }),
      ),
    );
  }

  // -- step 2: the terms --------------------------------------------------------------------

  // Once the full text is shown in step 3, the obligations are read there, not twice.
  function termsView() {
    const n = names();
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
        : [h("h3", {}, t("settlement.obligations")), obligationsView(s.terms.obligations, n, me)],
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
              draw();
              document.getElementById("f-place")?.focus();
            },
          },
          t("settlement.change_terms"),
        ),
      ),
    ];
  }

  // Each obligation is edited in its own box: what must be done (plain words), who does it for
  // whom, for a payment the amount (and its parts), the dates and the account. Boxes can be
  // removed (at least one stays: the server requires one) and actions added. The boxes live in
  // the form until "Save the terms"; their inputs are named by a key that never changes while
  // the form is open, so a refusal of obligations[i] finds its box even after one was removed.
  let editors = []; // [{ key, base, el }] in the order the terms will have

  function whoChoice(key, debtor, paying) {
    const n = names();
    const line = h("p", { class: "hint who-line", id: `f-ob-${key}-for` });
    const say = (role) => {
      line.textContent = role
        ? t(paying ? "settlement.f.receives_line" : "settlement.f.for_line", { name: n[otherRole(role)] })
        : "";
    };
    say(debtor);
    const option = (role) =>
      h(
        "label",
        { class: "radio" },
        h("input", {
          type: "radio",
          name: `ob-${key}-debtor`,
          value: role,
          id: `f-ob-${key}-debtor-${role}`,
          checked: debtor === role,
          onchange: () => say(role),
        }),
        `${n[role]} (${t(`role.${role}`)})`,
      );
    return h(
      "fieldset",
      { class: "choice-group who", "aria-describedby": `f-ob-${key}-for f-ob-${key}-debtor-error` },
      h("legend", {}, t(paying ? "settlement.f.payer" : "settlement.f.doer")),
      option("claimant"),
      option("respondent"),
      line,
      h("span", { class: "error", id: `f-ob-${key}-debtor-error` }),
    );
  }

  function obligationEditor(o, key) {
    const paying = o.kind === "payment";
    const parts = o.instalments || [];
    // A problem with the whole obligation (dates out of order) is said under its dates and
    // read out with each of them.
    const date = (name, label, value) =>
      input(name, label, {
        type: "date",
        required: true,
        value,
        "aria-describedby": `f-${name}-error f-ob-${key}-error`,
      });
    const amount = (name, label, value, hint = "") =>
      input(
        name,
        label,
        { inputmode: "decimal", autocomplete: "off", required: true, maxlength: 24, value, class: "amount-input" },
        hint,
      );
    const dates = parts.length
      ? [
          h("p", { class: "parts-intro" }, t("settlement.f.parts", { n: parts.length })),
          parts.map((part, k) =>
            h(
              "div",
              { class: "part" },
              date(`due-${key}-${k}`, t("settlement.f.part_due", { k: k + 1 }), part.due_date),
              amount(
                `part-${key}-${k}`,
                t("settlement.f.part_amount", { k: k + 1, currency: o.currency }),
                part.amount,
              ),
            ),
          ),
          h(
            "p",
            { class: "actions split" },
            h(
              "button",
              { type: "button", class: "button", onclick: () => split(key, parts.length, o.currency) },
              t("settlement.f.split"),
            ),
          ),
        ]
      : [date(`due-${key}`, t("settlement.f.due"), o.due_date)];
    const legend = h("legend", {});
    const remove = h("button", {
      type: "button",
      class: "button danger remove-ob",
      onclick: () => removeObligation(key),
    });
    const el = h(
      "fieldset",
      { class: "issue obligation-edit", id: `ob-${key}` },
      legend,
      control(
        "textarea",
        `ob-${key}-description`,
        t(paying ? "settlement.f.pay_for" : "settlement.f.what"),
        { rows: 3, maxlength: 1000, required: true },
        t(paying ? "settlement.f.pay_for_hint" : "settlement.f.what_hint"),
        [o.description],
      ),
      whoChoice(key, o.debtor, paying),
      paying
        ? amount(
            `ob-${key}-amount`,
            t("settlement.f.amount", { currency: o.currency }),
            o.amount,
            t("settlement.f.amount_hint"),
          )
        : null,
      dates,
      h("p", { class: "error", id: `f-ob-${key}-error` }),
      paying
        ? input(
            `account-${key}`,
            t("settlement.f.account"),
            { maxlength: 100, autocomplete: "off", value: o.account },
            t("settlement.f.account_hint"),
          )
        : null,
      h("p", { class: "actions" }, remove),
    );
    return { key, base: o, el, legend, remove };
  }

  // Legends and remove buttons say each box's place in the list; the last box cannot go.
  function renumber() {
    editors.forEach((e, i) => {
      e.legend.textContent = t("settlement.f.ob_legend", { n: i + 1, kind: t(`settlement.f.kind_${e.base.kind}`) });
      e.remove.textContent = t("settlement.f.remove", { n: i + 1 });
      e.remove.hidden = editors.length === 1;
    });
  }

  async function removeObligation(key) {
    touch();
    const at = editors.findIndex((e) => e.key === key);
    const form = editors[at].el.form;
    const typed = form.elements[`ob-${key}-description`].value.trim();
    const yes = await confirmDialog({
      title: t("settlement.f.remove_title", { n: at + 1 }),
      text: typed ? t("settlement.f.remove_text", { description: typed }) : t("settlement.f.remove_text_empty"),
      yes: t("settlement.f.remove_yes"),
    });
    if (!yes) return; // the dialog gives the focus back to the remove button
    editors[at].el.remove();
    editors.splice(at, 1);
    renumber();
    announce(t("settlement.notice.ob_removed", { n: at + 1 }));
    const heading = form.querySelector("#obligations-title");
    heading.focus();
  }

  function addObligation(list) {
    touch();
    const model = s.terms.obligations.find((o) => o.kind === "action");
    const o = {
      debtor: null,
      creditor: null,
      kind: "action",
      description: "",
      amount: null,
      currency: s.terms.obligations[0]?.currency ?? null,
      method: model?.method || AS_STATED[c.language] || AS_STATED.en,
      account: null,
      due_date: "",
      instalments: [],
    };
    const editor = obligationEditor(o, nextKey++);
    editors.push(editor);
    list.append(editor.el);
    renumber();
    announce(t("settlement.notice.ob_added", { n: editors.length }));
    editor.el.querySelector("textarea").focus();
  }
  let nextKey = 0;

  // "Divide into equal parts": whole units, the last part takes the rest (as the draft does).
  function split(key, count, currency) {
    touch();
    const form = document.querySelector(".terms-form");
    const box = form.elements[`ob-${key}-amount`];
    const parsed = parseAmount(box.value);
    clearField(form, `ob-${key}-amount`);
    if (parsed.error) {
      fieldError(form, `ob-${key}-amount`, t(parsed.error)).focus();
      return;
    }
    const total = cents(parsed.value);
    const share = (total / BigInt(count) / 100n) * 100n;
    for (let k = 0; k < count; k++) {
      const part = k === count - 1 ? total - share * BigInt(count - 1) : share;
      form.elements[`part-${key}-${k}`].value = fromCents(part);
      clearField(form, `part-${key}-${k}`);
    }
    announce(t("settlement.notice.split", { n: count, amount: money(fromCents(share), currency) }));
  }

  function resignNote() {
    const n = names();
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
              ? t("settlement.f.resign_you_signed", { name: n[other] })
              : t("settlement.f.resign_they_signed", { name: n[signer] }),
          )
        : null,
    );
  }

  function touch() {
    ui.dirty = "terms";
    if (forms.terms) forms.terms.touched = true;
  }

  function termsForm() {
    editors = s.terms.obligations.map((o, i) => obligationEditor(o, i));
    nextKey = editors.length;
    const list = h(
      "div",
      { class: "obligation-editors" },
      editors.map((e) => e.el),
    );
    renumber();
    const form = h(
      "form",
      { class: "terms-form", novalidate: true },
      h("p", { class: "form-error", role: "alert" }),
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
      h("h3", { id: "obligations-title", tabindex: "-1" }, t("settlement.f.obligations")),
      h("p", { class: "hint" }, t("settlement.f.obligations_hint")),
      list,
      h(
        "div",
        { class: "add-ob" },
        h(
          "p",
          { class: "actions" },
          h(
            "button",
            { type: "button", class: "button", "aria-describedby": "add-ob-hint", onclick: () => addObligation(list) },
            t("settlement.f.add"),
          ),
        ),
        h("p", { class: "hint", id: "add-ob-hint" }, t("settlement.f.add_hint")),
      ),
      resignNote(),
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
                  draw();
                },
              },
              t("offer.cancel"),
            )
          : null,
      ),
    );
    form.addEventListener("input", touch);
    form.addEventListener("change", touch);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      saveTerms(form);
    });
    return form;
  }

  // The version counts every edit, identities included. When the other side only changed its
  // identity meanwhile, the terms this edit started from are still the latest: send it again on
  // the new version. When the terms themselves changed, the conflict is the person's to see.
  async function putTerms(body, startedFrom) {
    try {
      return await api("PUT", `${url}/terms`, body);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "stale_version") throw error;
      const latest = await api("GET", url);
      if (canonical(latest.terms) !== canonical(startedFrom)) throw error;
      return api("PUT", `${url}/terms`, { ...body, version: latest.version });
    }
  }

  // What the server refuses in an obligation, in the reader's language where the rule is known;
  // anything else as the server says it. `sent` is the obligation as it was sent.
  function obligationProblem(message, sent) {
    const text = serverText(message);
    const vague = text.match(/^'(.+)' is vague/);
    if (vague) return t("settlement.error.vague", { word: vague[1] });
    if (/instalment dates must be increasing/.test(text)) return t("settlement.error.instalment_order");
    if (/cannot be due after/.test(text)) return t("settlement.error.instalment_after");
    if (/must add up to the amount/.test(text) && sent) {
      const sum = sent.instalments.reduce((total, part) => total + cents(part.amount), 0n);
      return t("settlement.error.parts_sum", {
        sum: money(fromCents(sum), sent.currency),
        amount: money(sent.amount, sent.currency),
      });
    }
    if (/debtor and creditor/.test(text)) return t("settlement.error.same_party");
    if (/needs an amount/.test(text)) return t("settlement.error.amount");
    if (/greater than 0\b/.test(text)) return t("settlement.error.amount_zero");
    if (/less than or equal to/.test(text)) return t("settlement.error.amount_big");
    if (/decimal/.test(text)) return t("settlement.error.amount");
    if (/at least 3 characters/.test(text)) return t("settlement.error.description");
    return text;
  }

  // The input a refused field is about: `keys[i]` is the box obligations[i] came from.
  function termsFieldOf(path, message, keys, sent) {
    if (path === "place" || path === "document_language") return path;
    const ob = path.match(/^obligations\[(\d+)\](.*)$/);
    if (!ob || keys[Number(ob[1])] === undefined) return null;
    const key = keys[Number(ob[1])];
    const rest = ob[2];
    const part = rest.match(/^\.instalments\[(\d+)\](\.\w+)?/);
    if (part) return part[2] === ".amount" ? `part-${key}-${part[1]}` : `due-${key}-${part[1]}`;
    // The whole schedule: parts that do not add up are said at the amount; their dates (order,
    // after the due date) in the obligation's box, with every date input marked.
    if (rest === ".instalments")
      return /must add up/.test(message) && sent?.kind === "payment" ? `ob-${key}-amount` : null;
    if (rest.startsWith(".due_date")) return `due-${key}`;
    if (rest.startsWith(".account")) return `account-${key}`;
    if (rest.startsWith(".description")) return `ob-${key}-description`;
    if (rest.startsWith(".amount") || rest.startsWith(".currency")) return `ob-${key}-amount`;
    if (rest.startsWith(".debtor") || rest.startsWith(".creditor")) return `ob-${key}-debtor`;
    if (rest === "") {
      // a rule about the whole obligation: at the input it is about, if one
      if (/must add up|needs an amount/.test(message) && sent?.kind === "payment") return `ob-${key}-amount`;
      if (/debtor and creditor/.test(message)) return `ob-${key}-debtor`;
    }
    return null;
  }

  // Everything typed in the boxes, checked as far as the browser can: [obligations, problems].
  function readObligations(form) {
    const problems = [];
    const value = (name) => form.elements[name]?.value ?? "";
    const obligations = editors.map(({ key, base }) => {
      const description = value(`ob-${key}-description`).replace(/\s+/g, " ").trim();
      if (description.length < 3) problems.push([`ob-${key}-description`, t("settlement.error.description")]);
      const debtor = form.querySelector(`input[name="ob-${key}-debtor"]:checked`)?.value || null;
      if (!debtor)
        problems.push([
          `ob-${key}-debtor`,
          t(base.kind === "payment" ? "settlement.error.who_pays" : "settlement.error.who"),
        ]);
      const amountOf = (name, fallback) => {
        const parsed = parseAmount(value(name));
        if (parsed.error) problems.push([name, t(parsed.error)]);
        return parsed.error ? fallback : parsed.value;
      };
      const amount = base.kind === "payment" ? amountOf(`ob-${key}-amount`, base.amount) : (base.amount ?? null);
      const typed = form.elements[`account-${key}`]?.value.trim();
      const account = typed === undefined ? (base.account ?? null) : typed || null;
      const out = { ...base, description, debtor, creditor: debtor && otherRole(debtor), amount, account };
      if (!base.instalments?.length) return { ...out, due_date: value(`due-${key}`) };
      // Only date and amount go back: the draft numbers its instalments, the terms API does not
      // take the number (it is the position in the list).
      const instalments = base.instalments.map((part, k) => ({
        due_date: value(`due-${key}-${k}`),
        amount: amountOf(`part-${key}-${k}`, part.amount),
      }));
      return { ...out, instalments, due_date: instalments[instalments.length - 1].due_date };
    });
    for (const el of form.querySelectorAll("input[type=date]")) {
      if (!el.value) problems.push([el.name, t("settlement.error.date")]);
    }
    return [obligations, problems];
  }

  async function saveTerms(form) {
    clearErrors(form);
    const place = form.elements.place.value.trim();
    const [obligations, problems] = readObligations(form);
    if (place.length < 2) problems.unshift(["place", t("settlement.error.place")]);
    if (problems.length) {
      formError(form, t("settlement.error.check"));
      const marked = problems.map(([name, message]) => fieldError(form, name, message)).filter(Boolean);
      // The first in the order of the page gets the focus.
      marked.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0]?.focus();
      return;
    }
    const keys = editors.map((e) => e.key);
    const { terms } = s; // what this edit starts from
    const body = {
      version: s.version,
      place,
      kind: terms.kind,
      court_code: terms.court_code,
      court_case_number: terms.court_case_number,
      legal_basis: terms.legal_basis,
      document_language: form.elements.document_language.value,
      obligations,
      default_terms: terms.default_terms,
      costs: terms.costs,
      waiver_of_remaining_claims: terms.waiver_of_remaining_claims,
      confidentiality: terms.confidentiality,
      singapore_convention_opt_in: terms.singapore_convention_opt_in,
    };
    generation++;
    try {
      s = await putTerms(body, terms);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === "stale_version") {
        ui.terms = true;
        return reload("problem", t("settlement.notice.stale", { name: names()[other] }));
      }
      if (error.code === "settlement_signed") return reload("problem", t("settlement.notice.already_signed"));
      formError(form, error.code === "network" ? t("error.network") : t("settlement.error.check"));
      let first = null;
      for (const { field, message } of error.fields) {
        const index = field.match(/^obligations\[(\d+)\]/)?.[1];
        const sent = index === undefined ? null : obligations[Number(index)];
        const name = termsFieldOf(field, serverText(message), keys, sent);
        const text = name === "place" ? serverText(message) : obligationProblem(message, sent);
        let el = name ? fieldError(form, name, text) : null;
        const key = index === undefined ? undefined : keys[Number(index)];
        if (!el && key !== undefined) {
          const box = form.querySelector(`#f-ob-${key}-error`);
          if (box) box.textContent = text;
          const inputs = [...(box?.closest("fieldset").querySelectorAll("input[type=date]") || [])];
          for (const date of inputs) date.setAttribute("aria-invalid", "true");
          el = inputs[0] || box?.closest("fieldset").querySelector("textarea");
        }
        if (!el) formError(form, text);
        first = first || el;
      }
      (first || form.querySelector("button[type=submit]")).focus();
      return;
    }
    ui.terms = false;
    ui.dirty = null;
    forms.terms = null;
    progressed(t("settlement.notice.terms_saved"));
  }

  function termsSection() {
    // The form opens by itself once it is this person's turn (its details given, no place yet).
    const editing = ui.terms || (!s.terms.place && Boolean(s.parties[me]));
    return h(
      "section",
      { class: "step", "aria-labelledby": "step2-title" },
      h("h2", { id: "step2-title", tabindex: "-1" }, t("settlement.step2_title")),
      editing ? h("p", { class: "hint" }, t("settlement.step2_why")) : null,
      editing ? kept("terms", termsForm) : termsView(),
    );
  }

  // -- step 3: read and sign ------------------------------------------------------------------

  function missingText(item) {
    const n = names();
    if (item === `parties.${me}`) return t("settlement.missing.mine");
    if (item === `parties.${other}`) return t("settlement.missing.theirs", { name: n[other] });
    if (item === "place") return t("settlement.missing.place");
    return item;
  }

  function signForm() {
    const form = h(
      "form",
      { class: "sign-form", novalidate: true },
      h("p", { class: "form-error", role: "alert" }),
      h(
        "p",
        { class: "check" },
        h("input", { type: "checkbox", id: "f-read", name: "read", "aria-describedby": "f-read-error" }),
        h("label", { for: "f-read" }, t("settlement.f.read")),
      ),
      h("span", { class: "error", id: "f-read-error" }),
      input(
        "password",
        t("settlement.f.password"),
        { type: "password", autocomplete: "current-password", required: true },
        t("settlement.f.password_hint"),
      ),
      h(
        "p",
        { class: "actions" },
        h("button", { type: "submit", class: "button primary wide" }, t("settlement.f.sign")),
      ),
    );
    // Typing the password means "I am about to sign what I read": a change by the other side
    // must not swap the text under the person's eyes; signing then says the text changed.
    form.addEventListener("input", () => {
      ui.dirty = "sign";
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      sign(form);
    });
    return form;
  }

  async function sign(form) {
    clearErrors(form);
    const password = form.elements.password.value;
    const missing = [];
    if (!form.elements.read.checked) missing.push(fieldError(form, "read", t("settlement.error.read")));
    if (!password) missing.push(fieldError(form, "password", t("settlement.error.password_empty")));
    if (missing.length) {
      formError(form, t("settlement.error.check"));
      missing[0].focus();
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    button.textContent = t("settlement.signing");
    generation++;
    try {
      s = await api("POST", `${url}/signatures`, { password, record_sha256: s.record_sha256 });
    } catch (error) {
      button.disabled = false;
      button.textContent = t("settlement.f.sign");
      if (!(error instanceof ApiError)) throw error;
      if (error.code === "password_incorrect") {
        form.elements.password.value = "";
        fieldError(form, "password", t("settlement.error.password_wrong")).focus();
        return;
      }
      if (error.code === "record_changed") return reload("problem", t("settlement.notice.record_changed"));
      if (["incomplete", "settlement_signed"].includes(error.code)) return reload("problem", serverText(error.message));
      // Too many wrong passwords (429 reauth_throttled: how long to wait), no network, a stale
      // page: in the reader's words.
      formError(form, generalText(error) ?? serverText(error.message));
      button.focus();
      return;
    }
    const text = finished()
      ? t("settlement.notice.all_signed")
      : t("settlement.notice.you_signed", { name: names()[other] });
    progressed(text);
  }

  function signSection() {
    const n = names();
    const signed = signedRoles();
    const parts = [h("h2", { id: "step3-title", tabindex: "-1" }, t("settlement.step3_title"))];
    if (s.missing.length) {
      parts.push(
        h("p", {}, t("settlement.missing_intro")),
        h(
          "ul",
          { class: "missing" },
          s.missing.map((item) => h("li", {}, missingText(item))),
        ),
      );
    } else if (!s.record) {
      parts.push(
        h("p", {}, t("settlement.problems_intro")),
        h(
          "ul",
          { class: "missing" },
          s.problems.map((p) => h("li", {}, `${p.field}: ${serverText(p.message)}`)),
        ),
      );
    } else {
      parts.push(
        h("p", { class: "hint" }, t("settlement.read_hint")),
        h("div", { class: "record-box" }, recordView(s.record, me)),
        h(
          "details",
          { class: "technical" },
          h("summary", {}, t("settlement.technical")),
          h("p", {}, t("settlement.fingerprint"), " ", h("code", { class: "hash" }, s.record_sha256)),
          h("pre", { class: "record-json" }, JSON.stringify(s.record, null, 2)),
        ),
      );
      const theirs = s.signatures.find((x) => x.role === other);
      if (theirs)
        parts.push(
          h(
            "p",
            { class: "other-done" },
            t("settlement.they_signed", { name: n[other], date: moment(theirs.signed_at) }),
          ),
        );
      const mine = s.signatures.find((x) => x.role === me);
      if (mine) {
        parts.push(
          h(
            "div",
            { class: "waiting-box" },
            h("p", { class: "strong" }, t("settlement.you_signed_on", { date: moment(mine.signed_at) })),
            signed.has(other) ? null : h("p", {}, t("settlement.waiting_sign", { name: n[other] })),
          ),
        );
      } else {
        parts.push(signForm());
      }
    }
    return h("section", { class: "step", "aria-labelledby": "step3-title" }, parts);
  }

  // -- once signed: the code, the PDF, the court ---------------------------------------------

  function doneSection() {
    const n = names();
    const link = `${location.origin}/#/verify/${s.verification_code}`;
    return h(
      "section",
      { class: "step done-box", "aria-labelledby": "done-title" },
      h("h2", { id: "done-title", tabindex: "-1" }, t("settlement.done_title")),
      h(
        "ul",
        { class: "signers" },
        s.signatures.map((x) =>
          h(
            "li",
            {},
            t("settlement.signed_by", { name: n[x.role], role: t(`role.${x.role}`), date: moment(x.signed_at) }),
          ),
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

  function draw() {
    const focusWasInside = body.contains(document.activeElement);
    const done = finished();
    document.getElementById("settlement-title").textContent = t(done ? "settlement.title_done" : "settlement.title");
    body.replaceChildren(
      h("p", { class: `now${done ? " now-done" : ""}`, tabindex: "-1" }, nowText()),
      progress(),
      ...(done
        ? [
            doneSection(),
            h(
              "details",
              { class: "signed-text" },
              h("summary", {}, t("settlement.read_signed")),
              s.record ? recordView(s.record, me) : null,
            ),
          ]
        : [detailsSection(), termsSection(), signSection()]),
    );
    if (done && !ratingAsked) {
      ratingAsked = true;
      feedbackPanel(c).then(
        (panel) => rating.append(panel),
        () => {
          ratingAsked = false;
        },
      ); // retried on the next draw
    }
    if (focusWasInside && !body.contains(document.activeElement)) notice.focus();
  }

  async function reload(kind, text) {
    generation++;
    ui.dirty = null;
    forms.details = null; // what was typed met a newer version: the forms show the latest
    forms.terms = null;
    s = await api("GET", url);
    say(kind, text);
    draw();
    focusNotice();
  }

  // -- keeping up with the other party ---------------------------------------------------------

  const fingerprint = (x) =>
    JSON.stringify([x.version, x.status, x.record_sha256, x.signatures.map((g) => g.role), x.filed]);

  async function poll() {
    if (document.hidden || s.status === "filed") return;
    const asked = generation;
    let next;
    try {
      next = await api("GET", url);
    } catch {
      return; // offline for a moment: the next round tries again
    }
    if (asked !== generation || fingerprint(next) === fingerprint(s)) return;
    const n = namesOf(next, c);
    const sealed = (next.status === "signed" || next.status === "filed") && !finished();
    if ((ui.dirty || forms.details?.touched || forms.terms?.touched) && !sealed) {
      // The other side acted while this person types: keep the typing and say what happened.
      // A signature changes no text; any other change is met later by the version check (terms)
      // or the record check (signing), which then show the latest text.
      if (next.version === s.version) {
        const signedNow = next.signatures.some((x) => x.role === other) && !s.signatures.some((x) => x.role === other);
        s = next;
        if (signedNow) say("info", t("settlement.notice.they_signed", { name: n[other] }));
      } else {
        say("info", t("settlement.notice.changed_while_typing", { name: n[other] }));
      }
      return;
    }
    const before = s;
    s = next;
    ui.dirty = null;
    if (sealed || (next.status === "filed" && before.status !== "filed")) {
      // The banner says it in big letters; a screen reader hears it once.
      ui.notice = null;
      notice.replaceChildren();
      announce(nowText());
    } else if (next.record_sha256 && before.record_sha256 && next.record_sha256 !== before.record_sha256) {
      say("info", t("settlement.notice.changed", { name: n[other] }));
    } else if (next.signatures.some((x) => x.role === other) && !before.signatures.some((x) => x.role === other)) {
      say("info", t("settlement.notice.they_signed", { name: n[other] }));
    }
    draw();
  }

  mount(...head, notice, body, rating);
  draw();
  const timer = setInterval(poll, POLL_MS);
  onLeave(() => clearInterval(timer));
}
