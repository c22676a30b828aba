// Once every party signed, the settlement page becomes a tracker (#18): every instalment and
// obligation of the signed settlement with its date, amount, who owes whom and where it stands
// (in colour and in words), what each side said about it, and, when something is late, the sums
// the settlement's default clause makes due now. The debtor says "I paid" (with the payment's
// reference and, if they like, a photo of the receipt); the creditor answers "Received" or "Not
// received" with why. Every step is kept in the case's record and never edited
// (GET/POST /api/cases/{id}/settlement/schedule…, docs/api.md "Settlement schedule").
//
// trackerPanel(page) returns the section and keeps it up to date itself: it asks the server
// again every 10 s while the page is shown and no form of it is open, and at once after a step.
import { api, ApiError, sendFile } from "../../api.js";
import { announce, h, onLeave } from "../../dom.js";
import { formatDay as day, formatMoment as moment, formatMoney as money } from "../../format.js";
import { t, useStrings } from "../../i18n.js";
import { plural, refusalText } from "../../refusals.js";
import { newKey } from "../../room/connection.js";
import { termText } from "../../settlement_text.js";
import { documentRefusalText, sniffDocument } from "../documents.js";
import { control, field, problemBox, sayProblems } from "../form.js";
import { disputeForm } from "./dispute_form.js";
import { PENALTY_REFUSALS, penaltyPart } from "./penalty.js";
import { writBox } from "./writ.js";

const POLL_MS = 10000;
const OWN_REFUSALS = [
  "not_reported",
  "already_reported",
  "already_confirmed",
  "debtor_only",
  "creditor_only",
  "own_report",
  "parties_only",
  "reason_required",
  "receipt_not_shared",
  "receipt_not_found",
  "not_signed",
  ...PENALTY_REFUSALS,
];
const REPORTS = ["paid", "done"];
const ANSWERS = ["received", "confirmed"];

// A refusal of a step in the reader's words.
function stepRefusalText(error) {
  if (error instanceof ApiError && OWN_REFUSALS.includes(error.code)) return t(`fulfilment.refused.${error.code}`);
  return refusalText(error);
}

function amountText(due) {
  return due.amount === null ? termText(due.description) : money(due.amount, due.currency);
}

// "2 of 3" among an obligation's instalments.
function partText(due, schedule) {
  if (due.instalment === null) return t("fulfilment.obligation", { n: due.obligation });
  const count = schedule.dues.filter((d) => d.obligation === due.obligation).length;
  return t("fulfilment.instalment", { n: due.instalment, count });
}

export async function trackerPanel(page) {
  await useStrings("fulfilment", "documents", "enforcement");
  const url = `${page.url}/schedule`;
  const section = h("section", { class: "step tracker", "aria-labelledby": "tracker-title" });
  const state = { schedule: null, open: null, generation: 0 }; // open: "{key}:{form}" while typing
  const writ = writBox(page); // a creditor's application for a writ, once a due is in default

  const nameOf = (role) =>
    role === state.schedule.me
      ? t("fulfilment.you")
      : state.schedule.parties.find((p) => p.role === role)?.name || t(`role.${role}`);

  function whoLine(due) {
    if (due.debtor === "both") return t("fulfilment.joint");
    return `${nameOf(due.debtor)} → ${nameOf(due.creditor)}`;
  }

  function stateBadge(due) {
    const late = due.days_late > 0 && (due.state === "overdue" || due.state === "in_default");
    return h(
      "p",
      { class: `badge due-state state-${due.state}` },
      t(`fulfilment.state.${due.state}`),
      late ? ` · ${plural("fulfilment.days_late", due.days_late)}` : null,
    );
  }

  function stepLine(step) {
    const who = nameOf(step.role);
    return h(
      "li",
      {},
      h("time", { datetime: step.at }, moment(step.at)),
      " — ",
      t(`fulfilment.step.${step.kind}`, { name: who }),
      step.reference
        ? h("span", { class: "step-reference" }, ` · ${t("fulfilment.reference", { reference: step.reference })}`)
        : null,
      step.reason ? h("span", { class: "step-reason" }, ` · ${t("fulfilment.reason", { reason: step.reason })}`) : null,
      step.receipt
        ? [
            " · ",
            step.receipt.url
              ? h("a", { href: step.receipt.url, download: "" }, t("fulfilment.receipt"))
              : t("fulfilment.receipt_withdrawn"),
          ]
        : null,
    );
  }

  // Sends one step on the due; the answer is the whole schedule, drawn at once.
  function send(due, body, form) {
    const path = `${url}/${encodeURIComponent(due.key)}/steps`;
    return post(path, body, form, t(`fulfilment.sent.${body.kind}`), `#due-${CSS.escape(due.key.replace(".", "-"))}`);
  }

  // One key per step meant (docs/api.md): the same step sent again, after a lost answer or a
  // refusal, goes with the same key, so the server stores it once; a new step gets a new key.
  let lastStep = null;
  function keyFor(path, body) {
    const what = `${path} ${JSON.stringify(body)}`;
    if (lastStep?.what !== what) lastStep = { what, key: newKey() };
    return lastStep.key;
  }

  // Sends one step (on a due or a penalty) and draws the schedule it answers with.
  async function post(path, body, form, sent, focus) {
    const problem = form?.querySelector(".form-error");
    const buttons = [...(form ?? section).querySelectorAll("button")];
    buttons.forEach((b) => {
      b.disabled = true;
    });
    try {
      state.generation++;
      state.schedule = await api("POST", path, { ...body, key: keyFor(path, body) });
      lastStep = null;
      state.open = null;
      draw();
      announce(sent);
      section.querySelector(focus)?.focus();
    } catch (error) {
      const text = stepRefusalText(error);
      if (problem) problem.textContent = text;
      else page.say("problem", text);
    } finally {
      buttons.forEach((b) => {
        b.disabled = false;
      });
    }
  }

  // "I paid": the payment's reference and a receipt, both optional.
  function reportForm(due, kind) {
    const name = `ref-${due.key.replace(".", "-")}`;
    const fileName = `receipt-${due.key.replace(".", "-")}`;
    const form = h(
      "form",
      { class: "step-form", novalidate: true },
      field(
        name,
        t("fulfilment.form.reference"),
        { maxlength: 200, autocomplete: "off" },
        t("fulfilment.form.reference_hint"),
      ),
      control(
        "input",
        fileName,
        t("fulfilment.form.receipt"),
        { type: "file", accept: "image/*,application/pdf" },
        t("fulfilment.form.receipt_hint"),
      ),
      problemBox(),
      h(
        "p",
        { class: "actions" },
        h("button", { type: "submit", class: "primary" }, t("fulfilment.form.send")),
        h("button", { type: "button", onclick: () => close() }, t("fulfilment.form.cancel")),
      ),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = { kind };
      const reference = form.elements[name].value.trim();
      if (reference) body.reference = reference;
      const file = form.elements[fileName].files[0];
      if (file) {
        const type = await sniffDocument(file);
        if (!type) {
          sayProblems(form, [[fileName, t("documents.refused.document_type_not_allowed")]]);
          return;
        }
        const query = new URLSearchParams({ shared_with: "everyone", name: file.name || "receipt" });
        try {
          const doc = await sendFile(`/api/cases/${page.c.id}/documents?${query}`, file, type);
          body.receipt_document_id = doc.id;
        } catch (error) {
          sayProblems(form, [[fileName, documentRefusalText(error)]]);
          return;
        }
      }
      await send(due, body, form);
    });
    return form;
  }

  function open(due, which) {
    state.open = `${due.key}:${which}`;
    draw();
    section.querySelector(".step-form input, .step-form textarea")?.focus();
  }

  function close() {
    state.open = null;
    draw();
  }

  function actions(due) {
    const report = due.can.find((k) => REPORTS.includes(k));
    const answer = due.can.find((k) => ANSWERS.includes(k));
    if (state.open === `${due.key}:report`) return reportForm(due, report);
    if (state.open === `${due.key}:dispute`)
      return disputeForm(`why-${due.key.replace(".", "-")}`, "", (body, form) => send(due, body, form), close);
    if (!due.can.length) return null;
    return h(
      "p",
      { class: "actions due-actions" },
      report
        ? h(
            "button",
            { type: "button", class: "primary", onclick: () => open(due, "report") },
            t(`fulfilment.action.${report}`),
          )
        : null,
      answer
        ? h(
            "button",
            { type: "button", class: "primary", onclick: () => send(due, { kind: answer }) },
            t(`fulfilment.action.${answer}`),
          )
        : null,
      due.can.includes("disputed")
        ? h(
            "button",
            { type: "button", class: "danger", onclick: () => open(due, "dispute") },
            t(due.kind === "payment" ? "fulfilment.action.disputed" : "fulfilment.action.not_done"),
          )
        : null,
    );
  }

  function dueItem(due) {
    const waiting = due.performance !== due.state && due.performance !== "pending";
    return h(
      "li",
      { class: `due due-${due.state}`, "data-key": due.key },
      h(
        "h3",
        { id: `due-${due.key.replace(".", "-")}`, tabindex: "-1" },
        h("span", { class: "due-amount" }, amountText(due)),
        " ",
        h("span", { class: "due-date" }, t("fulfilment.due", { date: day(due.due_date) })),
      ),
      h("p", { class: "due-who" }, whoLine(due), " · ", partText(due, state.schedule)),
      stateBadge(due),
      waiting ? h("p", { class: "due-waiting" }, t(`fulfilment.performance.${due.performance}`)) : null,
      due.steps.length ? h("ul", { class: "due-steps" }, due.steps.map(stepLine)) : null,
      actions(due),
    );
  }

  const penaltyOf = (sums) => state.schedule.penalties.find((p) => p.obligation === sums.obligation);

  // What penalty.js needs of the tracker for the penalty of one obligation.
  function penaltyUi(penalty) {
    const id = `penalty-${penalty.obligation}`;
    const opened = state.open?.startsWith(`${id}:`) ? state.open.slice(id.length + 1) : null;
    return {
      nameOf,
      opened,
      open(which) {
        state.open = `${id}:${which}`;
        draw();
        section.querySelector(".penalty-form input, .penalty-form textarea")?.focus();
      },
      close,
      post: (body, form) =>
        post(
          `${url}/penalties/${penalty.obligation}/steps`,
          body,
          form,
          t(`fulfilment.penalty.sent.${body.kind}`),
          "#sums-title",
        ),
    };
  }

  function sumsBox(schedule) {
    if (!schedule.sums_due.length) return null;
    const terms = schedule.default_terms;
    return h(
      "div",
      { class: "sums-due", role: "region", "aria-labelledby": "sums-title" },
      h("h3", { id: "sums-title", tabindex: "-1" }, t("fulfilment.sums.title")),
      schedule.sums_due.map((s) =>
        h(
          "div",
          { class: "sums-of" },
          h("p", { class: "due-who" }, `${nameOf(s.debtor)} → ${nameOf(s.creditor)}`),
          h(
            "ul",
            {},
            s.overdue_tiyn // a late payment since paid may leave its penalty alone
              ? h("li", {}, t("fulfilment.sums.overdue", { amount: money(s.overdue, s.currency) }))
              : null,
            s.accelerated_tiyn
              ? h("li", {}, t("fulfilment.sums.accelerated", { amount: money(s.accelerated, s.currency) }))
              : null,
            s.penalty_tiyn && !penaltyOf(s)
              ? h("li", {}, t("fulfilment.sums.penalty", { amount: money(s.penalty, s.currency) }))
              : null,
          ),
          penaltyOf(s) ? penaltyPart(penaltyOf(s), penaltyUi(penaltyOf(s))) : null,
          h("p", { class: "sums-total" }, t("fulfilment.sums.total", { amount: money(s.total, s.currency) })),
          s.in_default
            ? h("p", { class: "hint" }, plural("fulfilment.sums.in_default", terms.acceleration_after_days))
            : null,
        ),
      ),
      terms.penalty_percent_per_day
        ? h("p", { class: "hint" }, t("fulfilment.sums.rule", { rate: terms.penalty_percent_per_day }))
        : null,
    );
  }

  function draw() {
    const schedule = state.schedule;
    section.replaceChildren(
      h("h2", { id: "tracker-title" }, t("fulfilment.title")),
      h("p", {}, t("fulfilment.intro")),
      h("p", { class: "hint" }, t("fulfilment.as_of", { date: day(schedule.as_of) })),
      ...[sumsBox(schedule)].filter(Boolean), // replaceChildren would write a null as "null"
      h("ol", { class: "dues" }, schedule.dues.map(dueItem)),
      writ.element,
    );
    writ.update(schedule);
  }

  async function poll() {
    if (document.hidden || state.open) return;
    const asked = state.generation;
    let next;
    try {
      next = await api("GET", url);
    } catch {
      return; // offline for a moment: the next round tries again
    }
    if (asked !== state.generation || state.open) return;
    if (JSON.stringify(next) === JSON.stringify(state.schedule)) return;
    const focusKey = section.contains(document.activeElement) ? document.activeElement.id : null;
    state.schedule = next;
    draw();
    announce(t("fulfilment.updated"));
    if (focusKey) document.getElementById(focusKey)?.focus();
  }

  try {
    state.schedule = await api("GET", url);
  } catch (error) {
    section.replaceChildren(h("h2", { id: "tracker-title" }, t("fulfilment.title")), problemBox(refusalText(error)));
    return section;
  }
  draw();
  const timer = setInterval(poll, POLL_MS);
  onLeave(() => clearInterval(timer));
  return section;
}
