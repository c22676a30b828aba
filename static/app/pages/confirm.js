// A modal question with the native <dialog> (focus is trapped and restored by the browser; Escape
// cancels). Resolves true (or the typed reason when one is asked for) on yes, false otherwise.
import { h } from "../dom.js";
import { t } from "../i18n.js";

export function confirmDialog({ title, text, body = null, yes, reason = null }) {
  return new Promise((resolve) => {
    const reasonBox = reason ? h("textarea", { id: "dialog-reason", rows: 2, maxlength: 1000 }) : null;
    const dialog = h(
      "dialog",
      { class: "confirm", "aria-labelledby": "dialog-title", "aria-describedby": "dialog-text" },
      h("h2", { id: "dialog-title" }, title),
      h("p", { id: "dialog-text" }, text),
      body,
      reason ? h("p", { class: "field" }, h("label", { for: "dialog-reason" }, reason), reasonBox) : null,
      h(
        "p",
        { class: "actions" },
        h("button", { type: "button", class: "button primary", value: "yes" }, yes),
        h("button", { type: "button", class: "button", value: "no" }, t("dialog.back")),
      ),
    );
    let answer = false;
    dialog.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      answer = button.value === "yes" ? (reasonBox ? reasonBox.value.trim() : true) : false;
      dialog.close();
    });
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
