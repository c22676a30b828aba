// The obligations of the terms, each edited in its own box: what must be done (plain words), who
// does it for whom, for a payment the amount (and its parts), the dates and the account. Boxes
// can be removed (at least one stays: the server requires one) and actions added. The boxes live
// in the terms form until "Save the terms"; their inputs are named by a key that never changes
// while the form is open, so a refusal of obligations[i] finds its box even after one was removed.
import { announce, h } from "../../dom.js";
import { currencySign, formatMoney as money } from "../../format.js";
import { language, t } from "../../i18n.js";
import { otherRole, roleWord, termText } from "../../settlement_text.js";
import { confirmDialog } from "../confirm.js";
import { clearAt, control, field as input, sayAt } from "../form.js";
import { parseAmount } from "./amounts.js";
import { chosen, codeSelect } from "./choices.js";
import { dueDateOf, equalParts } from "./instalments.js";

// How an added action is done: a coded choice, as the server's draft codes the actions it drafts;
// the document words it in each of its languages (settlement.md, "One language per column").
const AS_DESCRIBED = { code: "as_described" };

// What must be done, as one box (a one-language document) or a Kazakh and a Russian box (kk+ru:
// the court reads each column in its own language). Switching keeps what was typed: the one
// box's text goes to the case's language, and back from the reader's language.
function descriptionBoxes(key, o, paying, caseLanguage) {
  const label = t(paying ? "settlement.f.pay_for" : "settlement.f.what");
  const hint = t(paying ? "settlement.f.pay_for_hint" : "settlement.f.what_hint");
  const holder = h("div", { class: "description-boxes" });
  let given = o.description;
  const box = (name, text, value) =>
    control("textarea", name, text, { rows: 3, maxlength: 1000, required: true }, hint, [value]);
  const typed = (name) => holder.querySelector(`textarea[name="${name}"]`)?.value;
  function show(bilingual) {
    const single = typed(`ob-${key}-description`);
    const kk = typed(`ob-${key}-description-kk`);
    if (single !== undefined) given = single;
    else if (kk !== undefined) given = { kk, ru: typed(`ob-${key}-description-ru`) };
    const inLanguage = (code) =>
      typeof given === "string" ? (caseLanguage === code ? given : "") : (given?.[code] ?? "");
    holder.replaceChildren(
      ...(bilingual
        ? [
            box(`ob-${key}-description-kk`, t("settlement.f.in_kk", { label }), inLanguage("kk")),
            box(`ob-${key}-description-ru`, t("settlement.f.in_ru", { label }), inLanguage("ru")),
          ]
        : [box(`ob-${key}-description`, label, termText(given))]),
    );
  }
  return { holder, show };
}

// Who performs: one party, or, for an action, every party together ("sell the flat and split
// the money": no creditor, each may require the others' part). A payment or a transfer goes from
// one party to another: between two the other one; among three or more a second choice says to
// whom (`ob-{key}-creditor`, every party but the doer). The draft leaves an action's doer open
// (none checked): the line under the choice says so, and the settlement cannot be signed until
// it is chosen.
function whoChoice(names, key, debtor, creditor, kind) {
  const paying = kind === "payment";
  const roles = Object.keys(names);
  const several = roles.length > 2;
  const line = h("p", { class: "hint who-line", id: `f-ob-${key}-for` });
  const creditorName = `ob-${key}-creditor`;
  const forWhom = several
    ? control("select", creditorName, t(paying ? "signing.party.payee" : "signing.party.for_whom"), {}, "", [])
    : null;
  const fill = (role) => {
    const select = forWhom.querySelector("select");
    const chosen = select.value || creditor;
    select.replaceChildren(
      ...roles
        .filter((r) => r !== role)
        .map((r) => h("option", { value: r, selected: r === chosen }, `${names[r]} (${roleWord(r)})`)),
    );
  };
  const say = (role) => {
    if (role === "both") line.textContent = t(several ? "signing.party.all_line" : "settlement.f.both_line");
    else if (role && !several)
      line.textContent = t(paying ? "settlement.f.receives_line" : "settlement.f.for_line", {
        name: names[otherRole(role)],
      });
    else line.textContent = !role && kind === "action" ? t("settlement.f.doer_open") : "";
    if (!several) return;
    forWhom.hidden = !role || role === "both";
    if (!forWhom.hidden) fill(role);
  };
  const option = (role, text) =>
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
      text,
    );
  const party = (role) => option(role, `${names[role]} (${roleWord(role)})`);
  const group = h(
    "fieldset",
    { class: "choice-group who", "aria-describedby": `f-ob-${key}-for f-ob-${key}-debtor-error` },
    h("legend", {}, t(paying ? "settlement.f.payer" : "settlement.f.doer")),
    roles.map(party),
    kind === "action" ? option("both", t(several ? "signing.party.all" : "settlement.f.both")) : null,
    line,
    h("span", { class: "error", id: `f-ob-${key}-debtor-error` }),
  );
  say(debtor);
  return several ? [group, forWhom] : group;
}

// Whom the doer performs for: the other of two parties, the one chosen among more; nobody for
// a joint action or an open doer.
function creditorOf(form, key, debtor) {
  if (!debtor || debtor === "both") return null;
  return form.elements[`ob-${key}-creditor`]?.value || otherRole(debtor);
}

// "Divide into equal parts": the amount typed, in whole units, the last part takes the rest.
function split(form, key, count, currency) {
  const parsed = parseAmount(form.elements[`ob-${key}-amount`].value, language());
  clearAt(form, `ob-${key}-amount`);
  if (parsed.error) {
    sayAt(form, `ob-${key}-amount`, t(parsed.error)).focus();
    return;
  }
  const { parts, share } = equalParts(parsed.value, count);
  parts.forEach((part, k) => {
    form.elements[`part-${key}-${k}`].value = part;
    clearAt(form, `part-${key}-${k}`);
  });
  announce(t("settlement.notice.split", { n: count, amount: money(share, currency) }));
}

// The boxes of one open terms form, one per obligation of `obligations`. `touched` is called on
// every change made with the boxes' buttons.
export function obligationEditors(page, obligations, touched, twoLanguages) {
  const list = h("div", { class: "obligation-editors" });
  let editors = []; // [{ key, base, el, legend, remove, boxes }] in the order the terms will have
  let nextKey = 0;
  let bilingual = twoLanguages;

  function editor(o, key) {
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
                t("settlement.f.part_amount", { k: k + 1, currency: currencySign(o.currency) }),
                part.amount,
              ),
            ),
          ),
          h(
            "p",
            { class: "actions split" },
            h(
              "button",
              {
                type: "button",
                class: "button",
                onclick: () => {
                  touched();
                  split(list.closest("form"), key, parts.length, o.currency);
                },
              },
              t("settlement.f.split"),
            ),
          ),
        ]
      : [date(`due-${key}`, t("settlement.f.due"), o.due_date)];
    const legend = h("legend", {});
    const remove = h("button", {
      type: "button",
      class: "button danger remove-ob",
      onclick: () => removeEditor(key),
    });
    const boxes = descriptionBoxes(key, o, paying, page.c.language);
    boxes.show(bilingual);
    const el = h(
      "fieldset",
      { class: "issue obligation-edit", id: `ob-${key}` },
      legend,
      boxes.holder,
      whoChoice(page.names(), key, o.debtor, o.creditor, o.kind),
      paying
        ? amount(
            `ob-${key}-amount`,
            t("settlement.f.amount", { currency: currencySign(o.currency) }),
            o.amount,
            t("settlement.f.amount_hint"),
          )
        : null,
      dates,
      h("p", { class: "error", id: `f-ob-${key}-error` }),
      codeSelect(`ob-${key}-method`, t("settlement.ob.method"), "method", o.method),
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
    return { key, base: o, el, legend, remove, boxes };
  }

  // The document's language changed in the form: one box, or a Kazakh and a Russian one.
  function setBilingual(on) {
    bilingual = on;
    for (const { boxes } of editors) boxes.show(on);
  }

  // Legends and remove buttons say each box's place in the list; the last box cannot go.
  function renumber() {
    editors.forEach((e, i) => {
      e.legend.textContent = t("settlement.f.ob_legend", { n: i + 1, kind: t(`settlement.f.kind_${e.base.kind}`) });
      e.remove.textContent = t("settlement.f.remove", { n: i + 1 });
      e.remove.hidden = editors.length === 1;
    });
  }

  async function removeEditor(key) {
    touched();
    const at = editors.findIndex((e) => e.key === key);
    const form = editors[at].el.form;
    const typed =
      form.elements[`ob-${key}-description${bilingual ? `-${language() === "kk" ? "kk" : "ru"}` : ""}`].value.trim();
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
    form.querySelector("#obligations-title").focus();
  }

  function add() {
    touched();
    const latest = page.s.terms.obligations;
    const model = latest.find((o) => o.kind === "action");
    const o = {
      debtor: null,
      creditor: null,
      kind: "action",
      description: "",
      amount: null,
      currency: latest[0]?.currency ?? null,
      method: model?.method || AS_DESCRIBED,
      account: null,
      due_date: "",
      instalments: [],
    };
    const added = editor(o, nextKey++);
    editors.push(added);
    list.append(added.el);
    renumber();
    announce(t("settlement.notice.ob_added", { n: editors.length }));
    added.el.querySelector("textarea").focus();
  }

  // Everything typed in the boxes, checked as far as the browser can: [obligations, problems].
  function read(form) {
    const problems = [];
    const value = (name) => form.elements[name]?.value ?? "";
    const said = (name) => {
      const text = value(name).replace(/\s+/g, " ").trim();
      if (text.length < 3)
        problems.push([
          name,
          t(bilingual && !text ? "settlement.error.both_languages" : "settlement.error.description"),
        ]);
      return text;
    };
    const typed = editors.map(({ key, base }) => {
      const description = bilingual
        ? { kk: said(`ob-${key}-description-kk`), ru: said(`ob-${key}-description-ru`) }
        : said(`ob-${key}-description`);
      // Saving the form decides who performs each obligation: an action's doer left open by the
      // draft is chosen here (the API alone may leave it open; the settlement then lists it).
      const debtor = form.querySelector(`input[name="ob-${key}-debtor"]:checked`)?.value || null;
      if (!debtor)
        problems.push([
          `ob-${key}-debtor`,
          t(base.kind === "payment" ? "settlement.error.who_pays" : "settlement.error.who"),
        ]);
      const amountOf = (name, fallback) => {
        const parsed = parseAmount(value(name), language());
        if (parsed.error) problems.push([name, t(parsed.error)]);
        return parsed.error ? fallback : parsed.value;
      };
      const amount = base.kind === "payment" ? amountOf(`ob-${key}-amount`, base.amount) : (base.amount ?? null);
      const account = form.elements[`account-${key}`]?.value.trim();
      const out = {
        ...base,
        description,
        debtor,
        creditor: creditorOf(form, key, debtor),
        amount,
        method: chosen(form, `ob-${key}-method`, base.method),
        account: account === undefined ? (base.account ?? null) : account || null,
      };
      if (!base.instalments?.length) return { ...out, due_date: value(`due-${key}`) };
      // Only date and amount go back: the draft numbers its instalments, the terms API does not
      // take the number (it is the position in the list).
      const instalments = base.instalments.map((part, k) => ({
        due_date: value(`due-${key}-${k}`),
        amount: amountOf(`part-${key}-${k}`, part.amount),
      }));
      return { ...out, instalments, due_date: dueDateOf(instalments) };
    });
    for (const el of form.querySelectorAll("input[type=date]")) {
      if (!el.value) problems.push([el.name, t("settlement.error.date")]);
    }
    return [typed, problems];
  }

  editors = obligations.map((o, i) => editor(o, i));
  nextKey = editors.length;
  list.append(...editors.map((e) => e.el));
  renumber();
  return { element: list, add, read, setBilingual, keys: () => editors.map((e) => e.key) };
}
