// The centre administrator's reassignment of a case: choose an active mediator of the centre
// (the current one shown but not selectable) and say why. The browser's own validation is off so
// that every message is in the reader's language.
import { api, ApiError } from "../../api.js";
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { clearProblems, control, problemBox, sayAbove, sayProblems } from "../form.js";

const REASON = { maxlength: 2000, autocomplete: "off" };
const REASSIGN_ERRORS = { already_assigned: "mediator_id", mediator_not_found: "mediator_id", case_closed: null };

// The mediators of the case's centre, for its administrators; null for anyone else (404).
export async function centreMediators(c) {
  try {
    const { mediators } = await api("GET", `/api/centres/${c.centre_id}/mediators`);
    return mediators;
  } catch (failure) {
    if (!(failure instanceof ApiError)) throw failure; // 404: not a centre this reader administers
    return null;
  }
}

export function reassignForm(view, mediators, submit) {
  const current = view.case.mediator_id;
  const choices = mediators.filter((m) => m.active || m.id === current);
  const options = [
    h("option", { value: "" }, t("centre.reassign.choose")),
    choices.map((m) =>
      h(
        "option",
        { value: m.id, disabled: m.id === current },
        t(m.id === current ? "centre.reassign.option_current" : "centre.reassign.option", {
          name: m.name,
          load: m.load,
          capacity: m.capacity,
        }),
      ),
    ),
  ];
  const button = h("button", { type: "submit", class: "button" }, t("centre.reassign.submit"));
  const form = h(
    "form",
    { class: "action-form reassign-form", novalidate: true, "aria-labelledby": "reassign-title" },
    control("select", "reassign-mediator", t("centre.reassign.mediator"), { required: true }, "", options),
    control(
      "input",
      "reassign-reason",
      t("centre.reassign.reason"),
      { type: "text", required: true, ...REASON },
      t("centre.reassign.reason_hint"),
    ),
    button,
    problemBox(),
  );
  const select = form.querySelector("#f-reassign-mediator");
  const reason = form.querySelector("#f-reassign-reason");
  const say = (name, key) => sayProblems(form, [[name, t(key)]]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblems(form);
    const text = reason.value.trim();
    if (!select.value) return say("reassign-mediator", "centre.reassign.error.choose");
    if (!text) return say("reassign-reason", "centre.reassign.error.reason");
    button.disabled = true;
    try {
      await submit({ mediator_id: select.value, reason: text });
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      const at = REASSIGN_ERRORS[failure.code];
      if (at === "mediator_id") say("reassign-mediator", `centre.reassign.error.${failure.code}`);
      else if (failure.fields.some((f) => f.field === "reason")) say("reassign-reason", "centre.reassign.error.reason");
      else
        sayAbove(
          form,
          at === null
            ? t(`centre.reassign.error.${failure.code}`)
            : failure.code === "network"
              ? t("error.network")
              : t("centre.reassign.error.failed"),
        );
    } finally {
      button.disabled = false;
    }
  });
  const others = choices.some((m) => m.id !== current);
  return others ? form : h("p", { class: "meta" }, t("centre.reassign.none"));
}
