// One case as its mediator sees it: the public room record (never private interests unless a
// party shared them), messages to the parties over the room's socket, and the mediator's
// actions (pause, resume, extend, close, refer, attest).
import { api, ApiError } from "../../api.js";
import { announce, h, mount, onLeave } from "../../dom.js";
import { t } from "../../i18n.js";

function eventLine(e) {
  const text = e.event === "message" ? e.data.text
    : e.data.reason || e.data.deadline_at || e.data.outcome || "";
  return h("li", {}, h("span", { class: "meta" }, `#${e.seq} ${t(`centre.role.${e.role}`)} · `),
    t(`centre.event.${e.event}`), text ? `: ${text}` : "");
}

function actionForm(name, fields, submit) {
  const error = h("p", { role: "alert", class: "error" });
  const form = h("form", { class: "inline-form", "aria-label": t(`centre.action.${name}`) },
    fields, h("button", { type: "submit" }, t(`centre.action.${name}`)), error);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    try {
      await submit(new FormData(form));
      announce(t("centre.done"));
    } catch (failure) {
      error.textContent = failure instanceof ApiError ? failure.message : String(failure);
    }
  });
  return form;
}

function field(name, type = "text", extra = {}) {
  const id = `f-${name}-${Math.random().toString(36).slice(2, 7)}`;
  return h("label", { for: id }, t(`centre.field.${name}`), h("input", { id, name, type, required: true, ...extra }));
}

export async function mediatorCasePage(caseId) {
  const base = `/api/centre/cases/${caseId}`;
  let view = await api("GET", base);
  const events = h("ol", { class: "events", "aria-live": "polite" }, view.events.map(eventLine));
  const summary = h("div");
  const drawSummary = () => {
    const c = view.case;
    summary.replaceChildren(
      h("p", {}, c.subject, " · ", t(`centre.status.${c.status}`), " · ", t("centre.days", { days: c.days_to_deadline })),
      h("p", { class: "meta" }, c.parties.join(" — ")),
      view.shared_interests.length
        ? h("section", {}, h("h2", {}, t("centre.shared")), view.shared_interests.map((s) =>
            h("pre", {}, `${t(`centre.role.${s.role}`)}: ${JSON.stringify(s.answers, null, 1)}`)))
        : h("p", { class: "meta" }, t("centre.nothing_shared")));
  };
  drawSummary();
  const act = async (path, body) => {
    const result = await api("POST", `${base}/${path}`, body);
    if (result && result.case) {
      view = result;
      drawSummary();
    }
  };
  const actions = view.case.mine ? h("section", { "aria-labelledby": "actions-title" },
    h("h2", { id: "actions-title" }, t("centre.actions")),
    actionForm("pause", field("reason"), (d) => act("pause", { reason: d.get("reason") })),
    actionForm("resume", [], () => act("resume")),
    actionForm("deadline", [field("days", "number", { min: 1, max: 365 }), field("reason")],
      (d) => act("deadline", { days: Number(d.get("days")), reason: d.get("reason") })),
    actionForm("close_failed", field("reason"), (d) => act("close", { outcome: "failed", reason: d.get("reason") })),
    actionForm("close_settled", field("reason"), (d) => act("close", { outcome: "settled", reason: d.get("reason") })),
    actionForm("refer", field("reason"), (d) => act("refer", { reason: d.get("reason") })),
    actionForm("attest", field("contract_date", "date"),
      (d) => act("attest", { mediation_contract_date: d.get("contract_date") }))) : "";

  // Messages go through the room, like the parties' own.
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/ws`);
  let lastSeq = view.events.length ? view.events[view.events.length - 1].seq : 0;
  socket.addEventListener("open", () => socket.send(JSON.stringify({ type: "hello", case_id: caseId, last_seq: lastSeq })));
  socket.addEventListener("message", (message) => {
    const frame = JSON.parse(message.data);
    if (frame.type === "event" && frame.seq === lastSeq + 1) {
      lastSeq = frame.seq;
      events.append(eventLine({ seq: frame.seq, role: frame.actor.role, event: frame.event, data: frame.data }));
    }
  });
  const ping = setInterval(() => socket.readyState === 1 && socket.send('{"type":"ping"}'), 25000);
  onLeave(() => {
    clearInterval(ping);
    socket.close();
  });
  const message = view.case.mine ? actionForm("message", field("text"), async (d) => {
    socket.send(JSON.stringify({ type: "message", key: crypto.randomUUID(), text: d.get("text") }));
  }) : "";

  mount(h("h1", {}, t("centre.case_title", { reference: view.case.reference })),
    h("p", {}, h("a", { href: "#/mediator" }, t("centre.back"))),
    summary, h("h2", {}, t("centre.record")), events, message, actions);
}
