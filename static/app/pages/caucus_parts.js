// What the party's and the mediator's caucus panels share: the live socket (/ws/caucus, frames in
// docs/protocol.md), a conversation's messages, the form to write one, and refusals in words.
// A caucus is private between the case's mediator and one party: nothing here touches the room.
import { ApiError } from "../api.js";
import { h, onLeave } from "../dom.js";
import { formatMoment } from "../format.js";
import { t } from "../i18n.js";
import { fieldText, refusalText } from "../refusals.js";
import { problemBox } from "./form.js";

const OWN_CODES = ["caucus_open", "caucus_not_open", "no_mediator", "mediation_closed"];

export function caucusRefusal(error) {
  if (!(error instanceof ApiError)) throw error;
  if (OWN_CODES.includes(error.code)) return t(`caucus.refusal.${error.code}`);
  return [refusalText(error), ...error.fields.map(fieldText)].join(" ");
}

// Follows the case's caucuses live; `changed()` is called for every frame, and after each
// (re)connection, since frames missed while away are not replayed: the page rereads over HTTP.
export function followCaucus(caseId, changed, statusLine) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  let socket = null;
  let left = false;
  const connect = () => {
    if (left) return;
    socket = new WebSocket(`${scheme}://${location.host}/ws/caucus`);
    socket.addEventListener("open", () => socket.send(JSON.stringify({ type: "hello", case_id: caseId })));
    socket.addEventListener("message", (incoming) => {
      const frame = JSON.parse(incoming.data);
      if (frame.type === "ready" && statusLine) statusLine.hidden = true;
      if (["ready", "caucus", "caucus_message"].includes(frame.type)) changed(frame);
    });
    socket.addEventListener("close", (event) => {
      if (left) return;
      if (event.code === 1012) return connect(); // another instance takes over at once
      if (statusLine) {
        statusLine.textContent = t("caucus.live_lost");
        statusLine.hidden = false;
      }
      setTimeout(connect, 3000);
    });
  };
  connect();
  const ping = setInterval(() => socket?.readyState === 1 && socket.send('{"type":"ping"}'), 25000);
  const stop = () => {
    left = true;
    clearInterval(ping);
    socket?.close();
  };
  onLeave(stop);
  return stop; // for a page drawn again in place, which follows anew
}

// The conversation, oldest first; the reader's own messages say "You".
export function messageList(messages, mine, id) {
  if (!messages.length) return h("p", { class: "hint", id }, t("caucus.empty"));
  return h(
    "ol",
    { class: "caucus-messages", id },
    messages.map((m) =>
      h(
        "li",
        { class: `caucus-message from-${m.author}` },
        h("p", { class: "meta" }, m.author === mine ? t("caucus.you") : m.name, " · ", formatMoment(m.at)),
        h("p", { class: "caucus-text" }, m.text),
      ),
    ),
  );
}

// A labelled text box and Send; `send(text)` posts it and throws an ApiError when refused.
export function writeForm(name, label, send) {
  const box = h("textarea", { id: `f-${name}`, name, rows: 3, maxlength: 4000, required: true });
  const problem = problemBox();
  const form = h(
    "form",
    { class: "caucus-form", novalidate: true },
    h("p", { class: "field" }, h("label", { for: `f-${name}` }, label), box),
    problem,
    h("p", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("caucus.send"))),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.textContent = "";
    const text = box.value.trim();
    if (!text) {
      problem.textContent = t("caucus.write_something");
      box.focus();
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await send(text);
      box.value = "";
    } catch (error) {
      problem.textContent = caucusRefusal(error);
    } finally {
      button.disabled = false;
      box.focus();
    }
  });
  return form;
}
