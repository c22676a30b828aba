// A hint under an issue's options when one speaks for one side ("Маған қалады": the other side
// reads "me" as is), with the neutral form naming the party (POST /api/cases/wording-hints,
// odr/cases/neutral_wording.py). Never blocks: the claimant may keep its own words.
import { api } from "../../api.js";
import { h } from "../../dom.js";
import { t } from "../../i18n.js";

const WAIT_MS = 400;

// { element, check() }: `read()` gives { label, options, textarea } as typed now.
export function wordingHint(read) {
  const element = h("div", { class: "wording-hints", role: "status" });
  let timer = null;
  let asked = 0;
  async function ask() {
    const { label, options } = read();
    const ticket = ++asked;
    if (!options.length) {
      element.replaceChildren();
      return;
    }
    const found = await api("POST", "/api/cases/wording-hints", { label, options }).catch(() => null);
    if (ticket !== asked || !found) return;
    element.replaceChildren(
      ...found.hints.map((hint) =>
        h(
          "p",
          { class: "hint wording-hint" },
          t("guidance.one_sided", { option: hint.option }),
          " ",
          t("guidance.neutral", { suggestion: hint.suggestion }),
          " ",
          h("button", { type: "button", class: "link", onclick: () => use(hint) }, t("guidance.use_neutral")),
        ),
      ),
    );
  }
  function use(hint) {
    const { textarea } = read();
    textarea.value = textarea.value
      .split("\n")
      .map((line) => (line.trim() === hint.option ? hint.suggestion : line))
      .join("\n");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function check() {
    clearTimeout(timer);
    timer = setTimeout(ask, WAIT_MS);
  }
  return { element, check };
}
