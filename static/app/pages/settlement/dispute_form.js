// "Not received": the creditor's form saying why, for a due (tracker.js) and for a penalty's
// reported payment (penalty.js) alike. A reason is always asked for: the server refuses a
// dispute without one (422 reason_required).
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { control, problemBox, sayProblems } from "../form.js";

// `name` the field's name; `extraClass` the form's own class; send({kind, reason}, form) sends;
// close() closes the form.
export function disputeForm(name, extraClass, send, close) {
  const form = h(
    "form",
    { class: `step-form ${extraClass}`.trim(), novalidate: true },
    control(
      "textarea",
      name,
      t("fulfilment.form.reason"),
      { maxlength: 2000, required: true },
      t("fulfilment.form.reason_hint"),
    ),
    problemBox(),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "submit", class: "danger" }, t("fulfilment.form.send")),
      h("button", { type: "button", onclick: () => close() }, t("fulfilment.form.cancel")),
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const reason = form.elements[name].value.trim();
    if (!reason) {
      sayProblems(form, [[name, t("fulfilment.form.reason_needed")]]);
      return;
    }
    await send({ kind: "disputed", reason }, form);
  });
  return form;
}
