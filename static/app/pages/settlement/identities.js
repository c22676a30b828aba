// Step 1, who I am: a person (name, IIN, address) or an organisation (legal form, name, BIN,
// address, who signs for it, their IIN and on what authority), and, behind a switch, a representative who
// acts under a power of attorney that expressly allows settling. The server checks IIN and BIN;
// its reason is said at the number. `page` is the page's shared state (page.js). The
// representative's fields are in representative.js, the identity as typed read in identity_body.js.
import { api, ApiError } from "../../api.js";
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { poaLine } from "../../settlement_text.js";
import { clearProblems, field as input, problemBox, sayAbove, sayAt, sayProblems } from "../form.js";
import { identityInputOf, serverText } from "./refused_fields.js";
import { readIdentity } from "./identity_body.js";
import { representativeFields, typedRepresentative } from "./representative.js";

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
