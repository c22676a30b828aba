// The guide before filing, beside the category (GET /api/guides/{category}): in plain words what
// mediation can and cannot do for such a dispute, the law usually involved, and typical issues
// with fair options, which the claimant may take into the form (then edit). Strings: "guidance".
import { api } from "../../api.js";
import { h } from "../../dom.js";
import { language, t } from "../../i18n.js";

const list = (texts) =>
  h(
    "ul",
    {},
    texts.map((text) => h("li", {}, text)),
  );

function typical(issue) {
  return issue.options ? `${issue.label}: ${issue.options.join(" · ")}` : issue.label;
}

// { element, show(category) }; `onAccept(issues)` gets the guide's issues (each with its label
// and options in every language) when the claimant takes them.
export function guidePanel(onAccept) {
  const element = h("section", { class: "guide", "aria-live": "polite", "aria-label": t("guidance.title") });
  let asked = 0;
  async function show(category) {
    const ticket = ++asked;
    const guide = await api("GET", `/api/guides/${encodeURIComponent(category)}?language=${language()}`).catch(
      () => null,
    );
    if (ticket !== asked) return; // another category was chosen meanwhile
    if (!guide) {
      element.replaceChildren();
      return;
    }
    const accepted = h("p", { class: "hint", role: "status" });
    element.replaceChildren(
      h("h3", {}, guide.title),
      h("p", {}, guide.summary),
      h("h4", {}, t("guidance.can")),
      list(guide.can),
      h("h4", {}, t("guidance.cannot")),
      list(guide.cannot),
      h("h4", {}, t("guidance.laws")),
      list(guide.laws),
      h("h4", {}, t("guidance.typical")),
      list(guide.issues.map(typical)),
      h(
        "button",
        {
          type: "button",
          class: "button",
          onclick: () => {
            onAccept(guide.issues);
            accepted.textContent = t("guidance.accepted");
          },
        },
        t("guidance.accept"),
      ),
      accepted,
    );
  }
  return { element, show };
}
