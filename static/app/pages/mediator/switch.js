// The mediator proposes that a stalled case go on by another mechanism (POST …/mechanism); the
// case switches once every party taking part consents. The section shows the latest proposal and each
// party's answer as it arrives (the room's mechanism_switch events make the page reread the
// case), and a form to propose: the mechanism and, for fair division, the items to share out.
// Every refusal is said in the reader's language, at the input it concerns where there is one.
import { ApiError } from "../../api.js";
import { announce, h } from "../../dom.js";
import { t } from "../../i18n.js";
import { generalText, refusalText } from "../../refusals.js";
import { clearProblems, control, problemBox, sayProblems } from "../form.js";
import { MECHANISMS, mechanismName, switchText } from "./mechanism.js";

const SWITCHABLE = ["open", "paused"];
const MIN_ITEMS = 2;
const MAX_ITEMS = 50;
const CASE_REFUSALS = [
  "mechanism_unchanged",
  "case_not_open",
  "division_needs_items",
  "bidding_needs_one_amount",
  "bidding_needs_two_sides",
];
const MONEY = /^\d{1,13}([.,]\d{1,2})?$/;

export function canSwitch(view) {
  return view.case.mine && SWITCHABLE.includes(view.case.status);
}

// The latest proposal and the parties' answers, in a live region: consents are announced.
export function switchStatus(m, roles) {
  const text = switchText(m, roles);
  return h(
    "p",
    { class: text ? "switch-status" : "switch-status meta", id: "switch-status" },
    text ?? t("centre.switch.none"),
  );
}

let rowCount = 0;
function itemRow(list) {
  const n = ++rowCount;
  const remove = h("button", { type: "button", class: "button secondary" }, t("centre.switch.remove_item"));
  const row = h(
    "li",
    { class: "item-row" },
    control("input", `item-name-${n}`, t("centre.switch.item_name"), {
      type: "text",
      maxlength: 200,
      autocomplete: "off",
    }),
    control("input", `item-value-${n}`, t("centre.switch.item_value"), {
      type: "text",
      inputmode: "decimal",
      maxlength: 20,
      autocomplete: "off",
    }),
    remove,
  );
  remove.addEventListener("click", () => {
    if (list.children.length > MIN_ITEMS) {
      row.remove();
      list.querySelector("input")?.focus();
    }
  });
  return row;
}

function itemsOf(list) {
  return [...list.children].map((row) => {
    const [name, value] = row.querySelectorAll("input");
    return { row, name, value };
  });
}

// The proposal form; `submit(body)` posts it and redraws the page with the server's answer.
export function switchForm(view, submit) {
  const current = view.case.mechanism.mechanism;
  const choices = MECHANISMS.filter((key) => key !== current);
  const list = h("ol", { class: "item-rows" });
  list.append(itemRow(list), itemRow(list));
  const add = h("button", { type: "button", class: "button secondary" }, t("centre.switch.add_item"));
  const items = h(
    "fieldset",
    { class: "switch-items", hidden: true },
    h("legend", {}, t("centre.switch.items")),
    h("p", { class: "hint" }, t("centre.switch.items_hint")),
    list,
    add,
  );
  add.addEventListener("click", () => {
    if (list.children.length >= MAX_ITEMS) return;
    const row = itemRow(list);
    list.append(row);
    row.querySelector("input").focus();
  });
  const radios = choices.map((key) =>
    h(
      "div",
      { class: "choice" },
      h("input", { type: "radio", name: "mechanism", value: key, id: `f-switch-${key}` }),
      h("label", { for: `f-switch-${key}` }, mechanismName(key)),
    ),
  );
  const button = h("button", { type: "submit", class: "button" }, t("centre.switch.submit"));
  const form = h(
    "form",
    { class: "action-form switch-form", novalidate: true, "aria-labelledby": "switch-title" },
    h(
      "fieldset",
      { class: "switch-choice", "data-field": "mechanism" },
      h("legend", {}, t("centre.switch.choose")),
      h("span", { class: "error", role: "alert" }),
      radios,
    ),
    items,
    button,
    problemBox(),
  );
  const chosen = () => form.querySelector('input[name="mechanism"]:checked')?.value ?? "";
  form.addEventListener("change", () => {
    items.hidden = chosen() !== "division";
  });
  // Each problem: [an input's name or null, the words].
  const problemsOf = (failure, rows) => {
    if (CASE_REFUSALS.includes(failure.code)) return [[null, t(`centre.switch.error.${failure.code}`)]];
    const at = failure.fields
      .map((f) => {
        if (f.code === "items_not_distinct") return [null, t("centre.switch.error.items_not_distinct")];
        const match = /^items\.(\d+)\.(name|value)/.exec(f.field);
        const row = match && rows[Number(match[1])];
        return row ? [row[match[2]].name, t(`centre.switch.error.item_${match[2]}`)] : null;
      })
      .filter(Boolean);
    return at.length ? at : [[null, generalText(failure) ?? refusalText(failure)]];
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblems(form);
    const mechanism = chosen();
    if (!mechanism) return sayProblems(form, [["mechanism", t("centre.switch.error.choose")]]);
    const body = { mechanism };
    const rows = itemsOf(list);
    if (mechanism === "division") {
      const problems = [];
      for (const { name, value } of rows) {
        if (!name.value.trim()) problems.push([name.name, t("centre.switch.error.item_name")]);
        const amount = value.value.replace(/\s/g, "");
        if (amount && !MONEY.test(amount)) problems.push([value.name, t("centre.switch.error.item_value")]);
      }
      if (problems.length) return sayProblems(form, problems);
      body.items = rows.map(({ name, value }) => {
        const amount = value.value.replace(/\s/g, "").replace(",", ".");
        return amount ? { name: name.value.trim(), value: amount } : { name: name.value.trim() };
      });
    }
    button.disabled = true;
    try {
      await submit(body);
      announce(t("centre.switch.proposed", { mechanism: mechanismName(mechanism) }));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      sayProblems(form, problemsOf(failure, rows));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
