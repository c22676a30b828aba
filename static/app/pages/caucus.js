// A party's private conversation with the case's mediator (a caucus), on its case page: asking
// for one, and while the mediator has it open, the messages both write. Only this party and the
// mediator see it; the other party is never told, nor does its page change.
import { api } from "../api.js";
import { announce, h } from "../dom.js";
import { t, useStrings } from "../i18n.js";
import { caucusRefusal, followCaucus, messageList, writeForm } from "./caucus_parts.js";

// The case page draws itself again in place (a switch proposal, the respondent joining): the
// socket of the previous drawing is closed, not left open beside the new one.
let following = null;

// The panel, or null when the case has no mediator to talk with and nothing was ever said.
export async function caucusPanel(c) {
  following?.();
  following = null;
  const path = `/api/cases/${c.id}/caucus`;
  let [state] = await Promise.all([api("GET", path).catch(() => null), useStrings("caucus")]);
  if (!state || (!state.available && !state.messages.length)) return null;
  const body = h("div", { id: "caucus-body" });
  const live = h("p", { class: "hint", hidden: true, role: "status" });
  const problem = h("p", { class: "form-error", role: "alert" });
  let form = null;

  const ask = async (event) => {
    problem.textContent = "";
    event.target.disabled = true;
    try {
      state = await api("POST", `${path}/request`);
      draw();
      announce(t("caucus.party.requested"));
    } catch (error) {
      problem.textContent = caucusRefusal(error);
      event.target.disabled = false;
    }
  };
  const draw = () => {
    const parts = [];
    if (!state.available) parts.push(h("p", { class: "caucus-state" }, t("caucus.unavailable")));
    else if (state.state !== "none") parts.push(h("p", { class: "caucus-state" }, t(`caucus.party.${state.state}`)));
    if (state.available && ["none", "closed"].includes(state.state)) {
      parts.push(
        h("p", { class: "actions" }, h("button", { type: "button", class: "button", onclick: ask }, t("caucus.ask"))),
      );
    }
    if (state.messages.length || state.state === "open") {
      parts.push(messageList(state.messages, "party", "caucus-messages"));
    }
    body.replaceChildren(...parts);
    if (state.state === "open" && state.available) {
      // One form for the page's life: what the party is typing survives a redraw.
      form ||= writeForm("caucus_text", t("caucus.your_message"), async (text) => {
        await api("POST", `${path}/messages`, { text });
        await reread();
        announce(t("caucus.sent"));
      });
      body.append(form);
    }
  };
  const reread = async () => {
    try {
      const before = state.state;
      state = await api("GET", path);
      draw();
      if (state.state !== before && state.state !== "none") announce(t(`caucus.party.${state.state}`));
    } catch (error) {
      problem.textContent = caucusRefusal(error);
    }
  };
  draw();
  following = followCaucus(c.id, reread, live);
  return h(
    "section",
    { class: "caucus-panel", id: "caucus", "aria-labelledby": "caucus-title" },
    h("h2", { id: "caucus-title" }, t("caucus.title")),
    h("p", { class: "hint" }, t("caucus.about")),
    body,
    problem,
    live,
  );
}
