// "What I share": a party's own choice to let the case's mediator see its private answers (the
// mediator handling the case now, and nobody else: not the centre's or Kelisim's administrators,
// which the server enforces and the text under the switch says), and to
// let a court receive the negotiation record if the case is referred there. Nothing is shared
// unless the party turns it on here. The panel shows what the server holds
// (GET /api/cases/{id}/sharing), so every device shows the same saved choice; saving is a PUT.
import { api, ApiError } from "../api.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { refusalText } from "../refusals.js";
import { problemBox } from "./form.js";

// The sharing choice matters while the case runs and until a failed or expired case is referred.
const OPEN_TO_SHARING = ["awaiting_respondent", "open", "paused", "expired", "failed"];

export function sharingApplies(status) {
  return OPEN_TO_SHARING.includes(status);
}

const choiceOf = (answer) => ({
  interests_with_mediator: answer.interests_with_mediator === true,
  record_with_court: answer.record_with_court === true,
});

// What is shared now, in two plain sentences (one per person who could see something).
function nowList(state) {
  return h(
    "ul",
    { class: "share-now-list" },
    h(
      "li",
      { class: state.interests_with_mediator ? "shared" : "kept" },
      t(state.interests_with_mediator ? "share.now.mediator_yes" : "share.now.mediator_no"),
    ),
    h(
      "li",
      { class: state.record_with_court ? "shared" : "kept" },
      t(state.record_with_court ? "share.now.court_yes" : "share.now.court_no"),
    ),
  );
}

// One switch: what it lets whom see, and (in stronger type) what stays private whatever it is.
function choice(name, title, text, never, checked) {
  const id = `share-${name}`;
  return h(
    "div",
    { class: "share-choice" },
    h(
      "p",
      { class: "check" },
      h("input", { type: "checkbox", id, name, checked, "aria-describedby": `${id}-what` }),
      h("label", { for: id }, title),
    ),
    h("div", { class: "share-what", id: `${id}-what` }, h("p", {}, text), h("p", { class: "share-never" }, never)),
  );
}

// The panel for case c, drawn with the choice the server holds (nothing shared until chosen).
export async function sharingPanel(c) {
  let saved = choiceOf(await api("GET", `/api/cases/${c.id}/sharing`));
  const now = h("div", { class: "share-now", id: "share-now" });
  const drawNow = () => now.replaceChildren(h("p", { class: "share-now-title" }, t("share.now")), nowList(saved));
  drawNow();
  const pending = h("p", { class: "hint share-pending", id: "share-pending", hidden: true }, t("share.not_saved"));
  const problem = problemBox();
  const done = h("p", { class: "share-saved", hidden: true });
  const form = h(
    "form",
    { class: "share-form", novalidate: true },
    choice(
      "interests_with_mediator",
      t("share.mediator_label"),
      t("share.mediator_what"),
      t("share.mediator_other_side"),
      saved.interests_with_mediator,
    ),
    choice(
      "record_with_court",
      t("share.court_label"),
      t("share.court_what"),
      t("share.court_never"),
      saved.record_with_court,
    ),
    problem,
    h(
      "p",
      { class: "actions share-actions" },
      h("button", { type: "submit", class: "button primary" }, t("share.save")),
    ),
    pending,
    done,
  );
  const chosen = () => ({
    interests_with_mediator: form.elements.interests_with_mediator.checked,
    record_with_court: form.elements.record_with_court.checked,
  });
  form.addEventListener("change", () => {
    const state = chosen();
    pending.hidden =
      state.interests_with_mediator === saved.interests_with_mediator &&
      state.record_with_court === saved.record_with_court;
    done.hidden = true;
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.textContent = "";
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const answer = await api("PUT", `/api/cases/${c.id}/sharing`, chosen());
      saved = choiceOf(answer);
      drawNow();
      pending.hidden = true;
      done.textContent = t("share.saved");
      done.hidden = false;
      announce(t("share.saved"));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.textContent = refusalText(error);
    } finally {
      button.disabled = false;
      button.focus(); // disabling it while saving took the focus away
    }
  });
  return h(
    "section",
    { class: "share-panel", id: "sharing", "aria-labelledby": "share-title" },
    h("h2", { id: "share-title" }, t("share.title")),
    h("p", { class: "share-optional" }, h("strong", {}, t("share.optional")), " ", t("share.default")),
    now,
    form,
  );
}
