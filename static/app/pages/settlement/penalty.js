// The default penalty of one obligation on the tracker (#18): "Penalty: owed X, paid Y", its
// steps, and the buttons the reader may use now. The debtor says "I paid the penalty" with the
// amount (and a reference); the creditor answers "Received" or "Not received" (why), or records
// on its own an amount received or waived. Every step is kept in the case's record and never
// edited (POST …/settlement/schedule/penalties/{obligation}/steps, docs/api.md "Penalty settled").
//
// penaltyPart(penalty, ui) → the part of the "Owed now" box for `penalty` (an item of the
// schedule's `penalties`); `ui` is the tracker's: nameOf(role), opened (the form open, if any),
// open(which), close(), post(path, body, form) (sends, draws the answer, says it was sent).
import { h } from "../../dom.js";
import { formatMoment as moment, formatMoney as money } from "../../format.js";
import { language, t } from "../../i18n.js";
import { control, field, problemBox, sayProblems } from "../form.js";
import { fromTiyn, parseAmount, tiyn } from "./amounts.js";
import { disputeForm } from "./dispute_form.js";

export const PENALTY_REFUSALS = ["amount_over_owed", "amount_required", "report_waiting"];

const spelled = (value, currency) => money(fromTiyn(BigInt(value)), currency);

function stepLine(step, penalty, nameOf) {
  return h(
    "li",
    {},
    h("time", { datetime: step.at }, moment(step.at)),
    " — ",
    t(`fulfilment.penalty.step.${step.kind}`, {
      name: nameOf(step.role),
      amount: step.amount_tiyn === null ? "" : spelled(step.amount_tiyn, penalty.currency),
    }),
    step.reference ? ` · ${t("fulfilment.reference", { reference: step.reference })}` : null,
    step.reason ? ` · ${t("fulfilment.reason", { reason: step.reason })}` : null,
  );
}

// The amount (in tenge, as people type it), and for `paid` a reference, for `waived` a note.
function amountForm(penalty, kind, ui) {
  const name = `penalty-${penalty.obligation}-amount`;
  const extra = `penalty-${penalty.obligation}-${kind === "paid" ? "ref" : "note"}`;
  const form = h(
    "form",
    { class: "step-form penalty-form", novalidate: true },
    field(
      name,
      t("fulfilment.penalty.form.amount"),
      { inputmode: "decimal", autocomplete: "off", required: true },
      t("fulfilment.penalty.form.amount_hint", { amount: spelled(penalty.owed_tiyn, penalty.currency) }),
    ),
    kind === "paid"
      ? field(extra, t("fulfilment.form.reference"), { maxlength: 200, autocomplete: "off" })
      : kind === "waived"
        ? control("textarea", extra, t("fulfilment.penalty.form.note"), { maxlength: 2000 })
        : null,
    problemBox(),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "submit", class: "primary" }, t("fulfilment.form.send")),
      h("button", { type: "button", onclick: () => ui.close() }, t("fulfilment.form.cancel")),
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const parsed = parseAmount(form.elements[name].value, language());
    if (parsed.error) {
      sayProblems(form, [[name, t("fulfilment.penalty.form.amount_invalid")]]);
      return;
    }
    const amount = tiyn(parsed.value);
    if (amount > BigInt(penalty.owed_tiyn)) {
      sayProblems(form, [[name, t("fulfilment.refused.amount_over_owed")]]);
      return;
    }
    const body = { kind, amount_tiyn: Number(amount) };
    const more = form.elements[extra]?.value.trim();
    if (more) body[kind === "paid" ? "reference" : "reason"] = more;
    await ui.post(body, form);
  });
  return form;
}

function actions(penalty, ui) {
  const can = penalty.can;
  if (ui.opened === "dispute")
    return disputeForm(`penalty-${penalty.obligation}-why`, "penalty-form", ui.post, ui.close);
  if (ui.opened) return amountForm(penalty, ui.opened, ui);
  if (!can.length) return null;
  const button = (kind, cls, onclick) =>
    h("button", { type: "button", class: cls, onclick }, t(`fulfilment.penalty.action.${kind}`));
  const answering = penalty.waiting_tiyn !== null;
  return h(
    "p",
    { class: "actions penalty-actions" },
    can.includes("paid") ? button("paid", "primary", () => ui.open("paid")) : null,
    can.includes("received")
      ? button(answering ? "confirm" : "received", "primary", () =>
          answering ? ui.post({ kind: "received" }) : ui.open("received"),
        )
      : null,
    can.includes("disputed") ? button("disputed", "danger", () => ui.open("dispute")) : null,
    can.includes("waived") ? button("waived", "", () => ui.open("waived")) : null,
  );
}

export function penaltyPart(penalty, ui) {
  const c = penalty.currency;
  return h(
    "div",
    { class: "penalty", "data-obligation": penalty.obligation },
    h(
      "p",
      { class: "penalty-line" },
      t("fulfilment.penalty.line", { owed: money(penalty.owed, c), paid: money(penalty.received, c) }),
      penalty.waived_tiyn ? ` · ${t("fulfilment.penalty.waived", { amount: spelled(penalty.waived_tiyn, c) })}` : null,
    ),
    penalty.waiting_tiyn !== null
      ? h("p", { class: "due-waiting" }, t("fulfilment.penalty.waiting", { amount: spelled(penalty.waiting_tiyn, c) }))
      : null,
    penalty.steps.length
      ? h(
          "ul",
          { class: "due-steps" },
          penalty.steps.map((s) => stepLine(s, penalty, ui.nameOf)),
        )
      : null,
    actions(penalty, ui),
  );
}
