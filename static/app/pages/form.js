// Labelled fields and what is wrong with them, for every form of the UI (WCAG: every input has a
// label, errors sit next to their field, are announced and describe it).
//
// A form holds one problemBox() for what belongs to no field, and each control made here an
// error line `#f-{name}-error`. A page says what is wrong as problems, [input name or null, text]
// pairs, with sayProblems(): checks made before sending and refusals from the server alike (the
// page chooses the words, from the refusal's `code`; sayRefusal() words any refusal from its
// codes for pages with no words of their own). Pages that place a refusal by rules of their own (the settlement's
// obligations) use the parts sayProblems() is made of: clearProblems, sayAt, sayAbove.
//
// A question answered with several inputs (a row of radio buttons, the boxes of one range) is a
// group: an element with `data-field="{name}"` holding its inputs and its own error line (the
// first `.error` in it, its direct child first). A problem named for a group marks all its inputs
// and is said on that line; a name with an input and a `#f-{name}-error` line is that input.
import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { fieldText, refusalText } from "../refusals.js";

// A labelled control (`tag`: input, select, textarea) with its hint and its error line. The
// control is described by both, so a screen reader that lands on a field marked wrong reads
// what is wrong with it.
export function control(tag, name, label, attrs = {}, hint = "", children = []) {
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : "", `${id}-error`].filter(Boolean).join(" ");
  return h(
    "p",
    { class: "field" },
    h("label", { for: id }, label),
    hint ? h("span", { class: "hint", id: `${id}-hint` }, hint) : null,
    h(tag, { id, name, "aria-describedby": described, ...attrs }, children),
    h("span", { class: "error", id: `${id}-error`, role: "alert" }),
  );
}

export function field(name, label, attrs = {}, hint = "") {
  return control("input", name, label, attrs, hint);
}

// The form's line for what belongs to no field ("check the marked fields", "no network"), or a
// refusal said where there is no form (the verification page's upload).
export function problemBox(text = "") {
  return h("p", { class: "form-error", role: "alert" }, text || null);
}

const inputNamed = (form, name) => form.querySelector(`[name="${CSS.escape(name)}"]`);
const errorLineOf = (form, name) => form.querySelector(`#f-${CSS.escape(name)}-error`);
const groupNamed = (form, name) => form.querySelector(`[data-field="${CSS.escape(name)}"]`);
const lineOfGroup = (group) => group.querySelector(":scope > .error") ?? group.querySelector(".error");
const inputsOf = (group) => group.querySelectorAll("input, select, textarea");

// The inputs a problem named `name` marks and the line that says it, or null when this form has
// neither an input with an error line nor a group of that name.
function placeOf(form, name) {
  const input = inputNamed(form, name);
  const line = errorLineOf(form, name);
  if (input && line) return { inputs: [input], line };
  const group = groupNamed(form, name);
  const inputs = group ? [...inputsOf(group)] : [];
  const groupLine = group ? lineOfGroup(group) : null;
  return inputs.length && groupLine ? { inputs, line: groupLine } : null;
}

// Forgets what the last attempt said: every error line, the problem box, every mark.
export function clearProblems(form) {
  for (const el of form.querySelectorAll(".error, .form-error")) el.textContent = "";
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

// Marks the input `name` (or every input of the group `name`) and says `text` on its error
// line; returns the input (a group's first, to focus), or null when the form has no such input
// with an error line nor such a group.
export function sayAt(form, name, text) {
  const place = placeOf(form, name);
  if (!place) return null;
  for (const input of place.inputs) input.setAttribute("aria-invalid", "true");
  place.line.textContent = text;
  return place.inputs[0];
}

// The input (or group) `name` is right again (the other problems stay).
export function clearAt(form, name) {
  const place = placeOf(form, name);
  if (place) {
    for (const input of place.inputs) input.removeAttribute("aria-invalid");
    place.line.textContent = "";
  } else {
    inputNamed(form, name)?.removeAttribute("aria-invalid");
  }
}

// Says `text` in the problem box, instead of what it said (a form without one, whose every
// problem has its input, has nothing to say there).
export function sayAbove(form, text) {
  const box = form.querySelector(".form-error");
  if (box) box.textContent = text;
}

// The element that comes first on the page.
function firstOnPage(elements) {
  return [...elements].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
}

// Clears what the last attempt said, then says each problem at its input, or in the problem box
// when it names no input of this form (several there: one after the other), and puts the focus
// on the first input to correct in the order of the page. Returns that input, or null.
export function sayProblems(form, problems) {
  clearProblems(form);
  const above = [];
  const marked = [];
  for (const [name, text] of problems) {
    const input = name ? sayAt(form, name, text) : null;
    if (input) marked.push(input);
    else above.push(text);
  }
  sayAbove(form, above.join(" "));
  const first = firstOnPage(marked) ?? null;
  first?.focus();
  return first;
}

// A refusal in the reader's words, for pages with no words of their own for its codes: what
// belongs to no field above the form (refusals.js: waits, network, the common codes, else a plain
// "it did not work"), and each refused field's rule at its input, worded from the field's `code`
// and `params` (`fieldNames` maps the server's path to the input's name). Never the server's
// English `message`. A field this form has no input for is left out: the line above already says
// the request was refused.
export function sayRefusal(form, error, fieldNames = {}) {
  if (!(error instanceof ApiError)) throw error;
  const atInputs = error.fields
    .map((refused) => [fieldNames[refused.field] || refused.field, fieldText(refused)])
    .filter(([name]) => inputNamed(form, name) && errorLineOf(form, name));
  sayProblems(form, [[null, refusalText(error)], ...atInputs]);
}
