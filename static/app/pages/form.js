// Labelled fields and error display shared by every form (WCAG: every input has a label,
// errors are announced and linked to their field).
import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { generalText } from "../refusals.js";

// The input is described by its hint and its error, so a screen reader that lands on a field
// marked wrong reads what is wrong with it.
export function field(name, label, attrs = {}, hint = "") {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : "", `${id}-error`].filter(Boolean).join(" ");
  return h(
    "p",
    { class: "field" },
    h("label", { for: id }, label),
    hint ? h("span", { class: "hint", id: `${id}-hint` }, hint) : null,
    h("input", { id, name, "aria-describedby": described, ...attrs }),
    h("span", { class: "error", id: `${id}-error`, role: "alert" }),
  );
}

export function showError(form, error, fieldNames = {}) {
  form.querySelectorAll(".error").forEach((el) => {
    el.textContent = "";
  });
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const box = form.querySelector(".form-error");
  if (!(error instanceof ApiError)) throw error;
  // Waits, network and safety refusals in the reader's words; a page's own codes as sent.
  box.textContent = generalText(error) ?? error.message;
  for (const { field: path, message } of error.fields) {
    const name = fieldNames[path] || path;
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      form.querySelector(`#f-${CSS.escape(name)}-error`).textContent = message;
    }
  }
}

export function formError() {
  return h("p", { class: "form-error", role: "alert" });
}
