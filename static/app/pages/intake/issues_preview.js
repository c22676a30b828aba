// The issues in dispute as one reader reads them: each label and option in that reader's language
// when the claimant gave it, else as typed. The invitation shows it (pages/join.js) and so does
// the claimant's preview of the invitation (strings: part "guidance").
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { formatAmount, isItem, labelIn, optionIn } from "../../issues.js";

function rangeText(range) {
  return t("guidance.range", {
    min: formatAmount(range.min, range.unit),
    max: formatAmount(range.max, range.unit),
  });
}

// [heading, list], or nothing for a division (its items are listed instead) or no issues.
export function issuesPreview(issues, lang) {
  const shown = issues.filter((issue) => !isItem(issue) && issue.label);
  if (!shown.length) return [];
  return [
    h("h2", {}, t("guidance.issues_title")),
    h(
      "ul",
      { class: "issues-preview" },
      shown.map((issue) =>
        h(
          "li",
          {},
          h("strong", { lang }, labelIn(issue, lang)),
          issue.options
            ? h(
                "ul",
                {},
                issue.options.map((option) => h("li", { lang }, optionIn(issue, option, lang))),
              )
            : issue.range
              ? h("span", { class: "meta" }, ` · ${rangeText(issue.range)}`)
              : null,
        ),
      ),
    ),
  ];
}
