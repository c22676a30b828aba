// An issue of the new-case form in two languages: its label and options also in the
// respondent's language when it reads another than the form's (sent as `labels` and
// `option_labels`, odr/cases/schemas.py: each reader then sees its own), and a guide's issue
// (GET /api/guides/{category}) written into an editor in both. Strings: part "guidance".
import { h } from "../../dom.js";
import { language, t } from "../../i18n.js";
import { wordingHint } from "./wording_hint.js";

export const lines = (text) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

// The issue's label and options in the respondent's language (shown only when it reads another
// language than the form's): each reader then sees its own (odr/cases/schemas.py `labels`).
export function otherLanguageBox(index) {
  const label = h("label", { for: `label2-${index}` });
  const optionsLabel = h("label", { for: `options2-${index}` });
  const input = h("input", { id: `label2-${index}` });
  const textarea = h("textarea", { id: `options2-${index}`, rows: 3, "aria-describedby": `options2-${index}-hint` });
  // The other side reads these ones: "Маған қалады" here would speak for the claimant too.
  const hint = wordingHint(() => ({ label: input.value, options: lines(textarea.value), textarea }));
  textarea.addEventListener("input", hint.check);
  const box = h(
    "div",
    { class: "other-language", hidden: true },
    h("p", { class: "field" }, label, input),
    h(
      "p",
      { class: "field other-options" },
      optionsLabel,
      h("span", { class: "hint", id: `options2-${index}-hint` }, t("guidance.other_options_hint")),
      textarea,
      hint.element,
    ),
  );
  // `other`: the respondent's language, or null when it reads the form's.
  box.showFor = (other) => {
    box.hidden = !other;
    box.dataset.lang = other ?? "";
    if (!other) return;
    const name = t(`guidance.in.${other}`);
    label.textContent = t("guidance.other_label", { language: name });
    optionsLabel.textContent = t("guidance.other_options", { language: name });
  };
  return box;
}

// The issue's label and options in the respondent's language, when given: { labels, option_labels }.
export function otherLanguage(fieldset, label, options) {
  const i = fieldset.dataset.index;
  const box = fieldset.querySelector(".other-language");
  const other = box.dataset.lang;
  if (box.hidden || !other) return {};
  const label2 = fieldset.querySelector(`#label2-${i}`).value.trim();
  const options2 = lines(fieldset.querySelector(`#options2-${i}`).value);
  const found = label2 ? { labels: { [language()]: label, [other]: label2 } } : {};
  if (options && options2.length === options.length) {
    found.option_labels = options.map((option, n) => ({ [language()]: option, [other]: options2[n] }));
  }
  return found;
}

// Options written in the other language must be as many as the first, in the same order.
export function optionsMismatch(fieldset) {
  const i = fieldset.dataset.index;
  const box = fieldset.querySelector(".other-language");
  if (box.hidden || fieldset.querySelector(`input[name="kind-${i}"]:checked`).value !== "options") return false;
  const options2 = lines(fieldset.querySelector(`#options2-${i}`).value);
  return options2.length > 0 && options2.length !== lines(fieldset.querySelector(`#options-${i}`).value).length;
}

// A guide's issue (GET /api/guides/{category}) written into an empty editor, in the form's
// language and, when the respondent reads another, in that one too.
export function fillIssue(fieldset, issue) {
  const i = fieldset.dataset.index;
  const set = (id, value) => {
    fieldset.querySelector(`#${id}-${i}`).value = value;
  };
  set("label", issue.label);
  const kind = issue.range ? "range" : "options";
  const radio = fieldset.querySelector(`input[name="kind-${i}"][value="${kind}"]`);
  radio.checked = true;
  radio.dispatchEvent(new Event("change"));
  if (issue.range) for (const part of ["min", "max", "step", "unit"]) set(part, issue.range[part]);
  else set("options", issue.options.join("\n"));
  fieldset.guide = issue;
  fillOther(fieldset);
}

// The guide's words in the respondent's language, for an issue taken from the guide.
export function fillOther(fieldset) {
  const issue = fieldset.guide;
  const other = fieldset.querySelector(".other-language").dataset.lang;
  if (!issue || !other) return;
  const i = fieldset.dataset.index;
  fieldset.querySelector(`#label2-${i}`).value = issue.labels[other];
  if (issue.option_labels) {
    fieldset.querySelector(`#options2-${i}`).value = issue.option_labels.map((o) => o[other]).join("\n");
  }
}
