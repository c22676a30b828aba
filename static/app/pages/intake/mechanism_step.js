// "How do you want to settle?": the three mechanisms in plain words, the one that fits the case
// marked with why (asked of the server as the issues and items change), and for fair division
// the items to share out. The claimant may choose another; until they do, the choice follows
// the recommendation.
import { api } from "../../api.js";
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { itemsEditor } from "./items_editor.js";
import { MECHANISMS, mechanismName, mechanismText } from "./words.js";

const WAIT_MS = 400; // ask once typing pauses, not at every key

// `draft()` gives the form's complete issues and items so far ({issues, items}); `holders()` who
// may hold an item besides the claimant (items_editor.js).
export function mechanismStep(draft, holders = () => []) {
  let recommended = null;
  let chosenByHand = false;
  let asked = 0;
  let timer = null;
  const items = itemsEditor(holders);
  const reason = h("p", { class: "recommendation", "aria-live": "polite" });
  const radios = {};
  const marks = {};
  const divisionPart = h(
    "div",
    { class: "division-part", hidden: true },
    h("p", { class: "hint" }, t("intake.division_no_issues")),
    items.element,
  );
  const show = () => {
    const chosen = current();
    divisionPart.hidden = chosen !== "division";
    if (chosen === "division") items.ensure();
  };
  const option = (mechanism) => {
    radios[mechanism] = h("input", {
      type: "radio",
      name: "mechanism",
      value: mechanism,
      id: `mechanism-${mechanism}`,
      "aria-describedby": `mechanism-${mechanism}-text`,
      onchange: () => {
        chosenByHand = true;
        show();
      },
    });
    marks[mechanism] = h("span", { class: "badge", hidden: true }, t("intake.recommended"));
    return h(
      "div",
      { class: "mechanism-option" },
      h(
        "label",
        { class: "radio choice", for: `mechanism-${mechanism}` },
        radios[mechanism],
        h("strong", {}, mechanismName(mechanism)),
        marks[mechanism],
      ),
      h("p", { class: "hint", id: `mechanism-${mechanism}-text` }, mechanismText(mechanism)),
    );
  };
  const group = h(
    "fieldset",
    { class: "choice-group", "data-field": "mechanism" },
    h("legend", {}, t("intake.mechanism_legend")),
    h("span", { class: "error", role: "alert" }),
    MECHANISMS.map(option),
  );
  radios.packages.checked = true;
  function current() {
    return MECHANISMS.find((m) => radios[m].checked) ?? "packages";
  }
  const mark = (answer) => {
    recommended = answer.mechanism;
    for (const m of MECHANISMS) marks[m].hidden = m !== recommended;
    reason.textContent = `${t(`intake.reason.${answer.reason}`, { mechanism: mechanismName(recommended) })} ${t(
      "intake.choose_other",
    )}`;
    if (!chosenByHand) {
      radios[recommended].checked = true;
      show();
    }
  };
  // Only the latest answer counts; a refused draft (half-typed) keeps the last recommendation.
  const ask = async () => {
    const ticket = ++asked;
    try {
      const answer = await api("POST", "/api/cases/recommendation", draft());
      if (ticket === asked) mark(answer);
    } catch {
      /* the form says what is wrong when it is sent */
    }
  };
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(ask, WAIT_MS);
  };
  const element = h(
    "section",
    { class: "settle-step", "aria-labelledby": "settle-title" },
    h("h2", { id: "settle-title" }, t("intake.step_settle")),
    h("p", {}, t("intake.settle_lead")),
    reason,
    group,
    divisionPart,
  );
  return {
    element,
    chosen: current,
    readItems: items.read,
    refresh,
    ask,
    recommended: () => recommended,
  };
}
