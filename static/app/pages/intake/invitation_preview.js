// Before sending: exactly what the other side will see when it opens the invitation, drawn by the
// join page's own rendering (pages/join.js invitationDetails) from the form as filled, with the
// issues as the respondent reads them in its language. Strings: part "guidance".
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { invitationDetails } from "../join.js";

// { element }: `read()` gives the preview as the server would send it (InvitationPreview) and
// the respondent's language.
export function invitationPreview(read) {
  const shown = h("div", { class: "invitation-preview", hidden: true });
  const button = h("button", { type: "button", class: "button", "aria-expanded": "false" }, t("guidance.preview"));
  button.addEventListener("click", () => {
    const open = shown.hidden;
    if (open) {
      const { preview, reader } = read();
      shown.replaceChildren(
        h(
          "p",
          { class: "hint" },
          t("guidance.preview_lead", { name: preview.respondent_name || t("role.respondent") }),
        ),
        h("div", { class: "card" }, ...invitationDetails(preview, reader)),
      );
    }
    shown.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = t(open ? "guidance.preview_hide" : "guidance.preview");
  });
  return { element: h("div", { class: "preview-step" }, button, shown) };
}
