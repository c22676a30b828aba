// Strings of the guidance before filing (see ../../i18n.js, part "guidance"): the category's
// guide, the hints for one-sided options, issues in the other party's language and the preview of
// the invitation (pages/newcase.js, pages/intake/), and the issues the invitation lists (join.js).
export default {
  "guidance.title": "Guide before filing",
  "guidance.can": "What mediation can do",
  "guidance.cannot": "What it cannot do",
  "guidance.laws": "The law usually involved",
  "guidance.typical": "Typical issues, with fair options",
  "guidance.accept": "Use these issues in my case",
  "guidance.accepted": "The issues are in step 3: change them as you need.",
  "guidance.one_sided": "“{option}”: the other side will read this exactly as written.",
  "guidance.neutral": "A neutral wording that names the party: “{suggestion}”.",
  "guidance.use_neutral": "Use the neutral wording",
  "guidance.in.kk": "in Kazakh",
  "guidance.in.ru": "in Russian",
  "guidance.in.en": "in English",
  "guidance.other_label": "The issue {language}, for the other side",
  "guidance.other_options": "The options {language}, in the same order",
  "guidance.other_options_hint": "One per line, as many as above (optional).",
  "guidance.options_mismatch":
    "Write as many options in the other side's language as above, in the same order, or leave them out.",
  "guidance.range": "from {min} to {max}",
  "guidance.issues_title": "What is to be agreed",
  "guidance.preview_step": "6. What the other side will see",
  "guidance.preview": "Show what the other side will see",
  "guidance.preview_hide": "Hide the preview",
  "guidance.preview_lead": "{name} will see this on opening the invitation:",
  "guidance.no_reference": "(its number is given when the case opens)",
};
