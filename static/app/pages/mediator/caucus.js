// The case mediator's private conversations (caucuses), one panel per party: a party's request,
// opening and ending a conversation, and its messages. Each party sees only its own; the centre's
// administrators see none (the server gives them the 404 of a case that does not exist).
import { api } from "../../api.js";
import { announce, h } from "../../dom.js";
import { formatMoment } from "../../format.js";
import { t, useStrings } from "../../i18n.js";
import { caucusRefusal, followCaucus, messageList, writeForm } from "../caucus_parts.js";
import { fill } from "./common.js";

export async function mediatorCaucus(caseId) {
  const path = `/api/centre/cases/${caseId}/caucus`;
  let [view] = await Promise.all([api("GET", path), useStrings("caucus")]);
  const live = h("p", { class: "hint", hidden: true, role: "status" });
  const boxes = new Map(); // role → { section, body, form }: forms outlive redraws

  const act = async (step, role, problem) => {
    problem.textContent = "";
    try {
      view = await api("POST", `${path}/${step}`, { role });
      draw();
    } catch (error) {
      problem.textContent = caucusRefusal(error);
    }
  };
  const drawOne = (caucus) => {
    let box = boxes.get(caucus.role);
    if (!box) {
      const titleId = `caucus-${caucus.role}-title`;
      box = {
        body: h("div", {}),
        problem: h("p", { class: "form-error", role: "alert" }),
        form: writeForm(`caucus_${caucus.role}`, t("caucus.message_to", { name: caucus.name }), async (text) => {
          await api("POST", `${path}/messages`, { role: caucus.role, text });
          await reread();
          announce(t("caucus.sent"));
        }),
      };
      box.section = h(
        "section",
        { class: "caucus-panel", id: `caucus-${caucus.role}`, "aria-labelledby": titleId },
        h("h3", { id: titleId }, t("caucus.with", { name: caucus.name })),
        box.body,
        box.problem,
      );
      boxes.set(caucus.role, box);
    }
    const state = t(`caucus.state.${caucus.state}`, {
      moment: caucus.requested_at ? formatMoment(caucus.requested_at) : "",
    });
    const button = (step, label) =>
      h("button", { type: "button", class: "button", onclick: () => act(step, caucus.role, box.problem) }, label);
    const buttons = [];
    if (view.running && caucus.state !== "open") buttons.push(button("open", t("caucus.open_button")));
    if (caucus.state === "open") buttons.push(button("close", t("caucus.close_button")));
    if (caucus.state === "requested") buttons.push(button("close", t("caucus.decline_button")));
    fill(
      box.body, // fill() leaves out the parts not shown (replaceChildren would write "null")
      h("p", { class: `caucus-state state-${caucus.state}` }, state),
      buttons.length ? h("p", { class: "actions" }, buttons) : null,
      caucus.messages.length || caucus.state === "open"
        ? messageList(caucus.messages, "mediator", `caucus-${caucus.role}-messages`)
        : null,
      caucus.state === "open" && view.running ? box.form : null,
    );
    return box.section;
  };
  const draw = () => list.replaceChildren(...view.caucuses.map(drawOne));
  const reread = async (frame) => {
    try {
      view = await api("GET", path);
      draw();
      if (frame?.type === "caucus" && frame.state === "requested") {
        const who = view.caucuses.find((c) => c.role === frame.role);
        announce(t("caucus.asked_you", { name: who?.name ?? "" }));
      }
    } catch {
      // no longer this mediator's case: the case page says so when it rereads
    }
  };
  const list = h("div", { class: "caucus-list" });
  draw();
  followCaucus(caseId, reread, live);
  return h(
    "section",
    { class: "caucus-panels", id: "caucus", "aria-labelledby": "caucus-title" },
    h("h2", { id: "caucus-title" }, t("caucus.staff_title")),
    h("p", { class: "hint" }, t("caucus.staff_about")),
    list,
    live,
  );
}
