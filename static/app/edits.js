// What a reader changed in a form and has not sent yet, carried over when a live event draws the
// page again. Pages redraw from the server's answer (a room event, the log's replay arriving after
// the first drawing, the other party's move): without this a radio button just ticked, or an
// amount half typed, silently went back to what the server had, and "send" sent that instead.
//
// A field is matched by its form, name (or id), type and, for a radio button or a checkbox, its
// value. The reader's edit is kept only where the new drawing starts the field from the same
// value the reader started from: when what they were editing changed under them (the server's
// answer for it is new), the new value is shown, not their stale edit.

const FIELDS = "input, textarea, select";

function keyOf(field) {
  const form = field.form;
  const where = form ? form.id || form.className : "";
  const value = field.type === "radio" || field.type === "checkbox" ? field.value : "";
  return `${where}|${field.name || field.id}|${field.type}|${value}`;
}

function defaultOf(field) {
  if (field.type === "radio" || field.type === "checkbox") return field.defaultChecked;
  if (field.tagName === "SELECT") {
    const first = [...field.options].find((option) => option.defaultSelected) ?? field.options[0];
    return first?.value ?? "";
  }
  return field.defaultValue;
}

function currentOf(field) {
  if (field.type === "radio" || field.type === "checkbox") return field.checked;
  return field.value;
}

function setCurrent(field, value) {
  if (field.type === "radio" || field.type === "checkbox") field.checked = value;
  else field.value = value;
}

// Every field under `oldRoot` the reader changed, applied to its counterpart among `newNodes`
// (elements not yet, or just, placed in the page). Files cannot be set by a script: a chosen
// file is not carried over.
export function keepEdits(oldRoot, newNodes) {
  const edits = [];
  for (const field of oldRoot.querySelectorAll(FIELDS)) {
    if (field.type === "file" || field.disabled) continue;
    const started = defaultOf(field);
    const now = currentOf(field);
    if (now !== started) edits.push({ key: keyOf(field), started, now });
  }
  if (!edits.length) return;
  const fresh = new Map();
  for (const node of newNodes) {
    if (!(node instanceof Element)) continue;
    const fields = [...node.querySelectorAll(FIELDS)];
    if (node.matches(FIELDS)) fields.unshift(node);
    for (const field of fields) fresh.set(keyOf(field), field);
  }
  for (const { key, started, now } of edits) {
    const target = fresh.get(key);
    if (target && !target.disabled && defaultOf(target) === started) setCurrent(target, now);
  }
}
