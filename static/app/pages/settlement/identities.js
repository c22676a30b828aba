// Step 1, who I am: a person (name, IIN, address) or an organisation (legal form, name, BIN,
// address, who signs for it, their IIN and on what authority), and, behind a switch, a representative who
// acts under a power of attorney that expressly allows settling. The server checks IIN and BIN;
// its reason is said at the number. `page` is the page's shared state (page.js).
import { api, ApiError } from "../../api.js";
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { poaLine } from "../../settlement_text.js";
import { clearProblems, field as input, problemBox, sayAbove, sayAt, sayProblems } from "../form.js";
import { identityInputOf, serverText } from "./refused_fields.js";

function summary(details) {
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
          // Details saved before the signatory's IIN was asked for have none: said as missing.
          [t("signing.signatory_iin"), details.signatory.iin || t("signing.signatory_iin_missing")],
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
// person/organisation choice redraws the form). → { block: the switch and the fields, section:
// the fields, on the page or not }.
function representativeFields(page, mine) {
  const saved = mine.representative;
  const rep = page.ui.repTyped ?? (saved ? { on: true, ...saved } : { on: false });
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
  return { block, section };
}

// The representative as typed, read from its fields even while they are off the page.
function typedRepresentative(form) {
  const field = (name) => form.representative.querySelector(`[name="${name}"]`);
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

function identityForm(page) {
  const { c, me, ui, forms } = page;
  const s = page.s;
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
          page.draw();
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
            "signatory_iin",
            t("signing.f.signatory_iin"),
            {
              inputmode: "numeric",
              autocomplete: "off",
              maxlength: 12,
              required: true,
              value: value("signatory")?.iin,
            },
            t("signing.f.signatory_iin_hint"),
          ),
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
  const representative = representativeFields(page, mine);
  const form = h(
    "form",
    { class: "details-form", novalidate: true },
    problemBox(),
    h(
      "fieldset",
      { class: "choice-group" },
      h("legend", {}, t("settlement.f.kind")),
      radio("person", t("settlement.f.person")),
      radio("organisation", t("settlement.f.organisation")),
    ),
    fields,
    representative.block,
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
                page.draw();
              },
            },
            t("offer.cancel"),
          )
        : null,
    ),
  );
  form.representative = representative.section;
  const touched = () => {
    ui.dirty = "details";
    form.touched = true;
  };
  form.addEventListener("change", touched);
  form.addEventListener("input", touched);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save(page, form);
  });
  return form;
}

// The identity as typed, checked as far as the browser can: { body, problems }.
function readIdentity(form, kind) {
  const get = (name) => (form.elements[name]?.value ?? "").trim();
  const problems = [];
  const need = (name, ok = (v) => v.length > 0, message = t("settlement.error.required")) => {
    if (!ok(get(name))) problems.push([name, message]);
  };
  const twelve = (v) => /^\d{12}$/.test(v);
  need("full_name");
  need("address", (v) => v.length >= 5, t("settlement.error.address"));
  let body;
  if (kind === "person") {
    need("iin", twelve, t("settlement.error.twelve"));
    body = { kind: "person", full_name: get("full_name"), iin: get("iin"), address: get("address") };
  } else {
    need("legal_form");
    need("bin", twelve, t("settlement.error.twelve"));
    for (const name of ["signatory_full_name", "signatory_position", "signatory_authority"]) need(name);
    need("signatory_iin", twelve, t("settlement.error.twelve"));
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
        iin: get("signatory_iin"),
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

async function save(page, form) {
  clearProblems(form);
  const { body, problems } = readIdentity(form, page.ui.kind);
  if (problems.length) {
    sayProblems(form, [[null, t("settlement.error.check")], ...problems]);
    return;
  }
  page.generation++;
  try {
    page.s = await api("PUT", `${page.url}/parties/me`, body);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === "settlement_signed") return page.reload("problem", t("settlement.notice.already_signed"));
    sayAbove(form, error.code === "network" ? t("error.network") : t("settlement.error.check"));
    let first = null;
    for (const { field, message } of error.fields) {
      const name = identityInputOf(field, message);
      const text = ["iin", "bin", "rep_iin"].includes(name)
        ? t(`settlement.error.${name}_server`, { message: serverText(message) })
        : serverText(message);
      const el = name ? sayAt(form, name, text) : null;
      if (!el) sayAbove(form, serverText(message));
      first = first || el;
    }
    (first || form.querySelector("button[type=submit]")).focus();
    return;
  }
  page.ui.details = false;
  page.ui.dirty = null;
  page.ui.repTyped = null;
  page.forms.details = null;
  page.progressed(t("settlement.notice.details_saved"));
}

export function identitiesSection(page) {
  const { me, others, ui } = page;
  const s = page.s;
  const mine = s.parties[me];
  const n = page.names();
  const editing = !mine || ui.details;
  return h(
    "section",
    { class: "step", "aria-labelledby": "step1-title" },
    h("h2", { id: "step1-title", tabindex: "-1" }, t("settlement.step1_title")),
    editing ? h("p", { class: "hint" }, t("settlement.step1_why")) : null,
    editing
      ? page.kept("details", () => identityForm(page))
      : [
          summary(mine),
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
                  page.draw();
                  document.querySelector(".details-form input")?.focus();
                },
              },
              t("settlement.change_details"),
            ),
          ),
        ],
    others.map((other) =>
      h(
        "p",
        { class: s.parties[other] ? "other-done" : "other-waiting" },
        t(s.parties[other] ? "settlement.other_details_done" : "settlement.other_details_missing", { name: n[other] }),
      ),
    ),
  );
}
