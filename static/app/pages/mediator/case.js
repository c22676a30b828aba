// One case as its mediator sees it: where it stands (status, deadline, parties), the public room
// record (offers with their terms, messages; never private interests unless a party shared
// them), messages to the parties over the room's socket, and only the actions the case's state
// allows (pause or resume, extend, close, refer, attest). A centre's administrator follows it
// read-only and, while the mediation runs, may give it to another of the centre's mediators.
import { api, ApiError } from "../../api.js";
import { announce, h, mount, onLeave } from "../../dom.js";
import { t } from "../../i18n.js";
import { optionLabel } from "../../issues.js";
import { clearProblems, control, problemBox, sayAbove, sayProblems } from "../form.js";
import { centreStyles, daysLeft, formatDate, formatMoment, isClosed, statusBadge, urgent } from "./common.js";

const RUNNING = ["awaiting_respondent", "open", "paused", "expired"];
const ROLES = ["claimant", "respondent"];
const REASON = { maxlength: 2000, autocomplete: "off" };
const REASSIGNABLE = ["awaiting_respondent", "open", "paused"]; // the server refuses concluded cases
const REASSIGN_ERRORS = { already_assigned: "mediator_id", mediator_not_found: "mediator_id", case_closed: null };

function packageText(issues, pkg) {
  if (!pkg) return "";
  const c = { issues };
  return issues
    .filter((issue) => issue.name in pkg)
    .map((issue) => `${issue.label}: ${optionLabel(c, issue.name, pkg[issue.name])}`)
    .join("; ");
}

function offerNo(version) {
  return t("centre.offer_no", { version });
}

// The words after the event's name: what was offered, said, decided.
function details(e, issues) {
  const d = e.data || {};
  switch (e.event) {
    case "message":
      return h("blockquote", { class: "message-text" }, d.text);
    case "offer":
    case "agreement":
      return h("p", { class: "ev-body" }, `${offerNo(d.version)} — ${packageText(issues, d.package)}`);
    case "counter_offer":
      return h(
        "p",
        { class: "ev-body" },
        `${offerNo(d.version)} (${t("centre.answering", { version: d.counter_to })}) — ${packageText(issues, d.package)}`,
      );
    case "accept":
    case "withdraw":
      return h("p", { class: "ev-body" }, offerNo(d.version));
    case "reject":
      return h("p", { class: "ev-body" }, [offerNo(d.version), d.reason].filter(Boolean).join(" — "));
    case "proposals_ready":
      return h("p", { class: "ev-body" }, t("centre.proposals_count", { count: (d.packages || []).length }));
    case "deadline":
      if (d.kind === "reminder") return h("p", { class: "ev-body" }, t("centre.deadline.reminder", { hours: d.hours }));
      if (d.kind === "expired") return h("p", { class: "ev-body" }, t("centre.deadline.expired"));
      return h(
        "p",
        { class: "ev-body" },
        `${t("centre.deadline.extended", { date: formatDate(d.deadline_at) })}: ${d.reason}`,
      );
    case "paused":
      return h("p", { class: "ev-body" }, d.reason);
    case "resumed":
      return h("p", { class: "ev-body" }, t("centre.new_deadline", { date: formatDate(d.deadline_at) }));
    case "closed":
      return h("p", { class: "ev-body" }, `${t(`centre.outcome.${d.outcome}`)}: ${d.reason}`);
    case "attested":
      return h("p", { class: "ev-body" }, t("centre.contract_of", { date: formatDate(d.contract_date) }));
    case "system":
      if (d.key === "mediator.changed")
        return h("p", { class: "ev-body" }, t("centre.system.mediator_changed", { name: d.mediator }));
      if (d.key === "proposals.failed") return h("p", { class: "ev-body" }, t("centre.system.proposals_failed"));
      return null;
    default:
      return null;
  }
}

function eventLine(e, issues) {
  return h(
    "li",
    { class: `ev ev-${e.event}${e.role === "mediator" ? " ev-mine" : ""}`, "data-seq": e.seq },
    h(
      "p",
      { class: "ev-head" },
      h("strong", {}, t(`centre.role.${e.role}`)),
      " · ",
      t(`centre.event.${e.event}`),
      e.at ? [" · ", h("time", { class: "ev-time", datetime: e.at }, formatMoment(e.at))] : null,
    ),
    details(e, issues),
  );
}

// replaceChildren() with h()'s rules: arrays flattened, null and false left out.
function fill(el, ...children) {
  el.replaceChildren(
    ...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false),
  );
}

let fieldCount = 0;
function field(name, type = "text", extra = {}) {
  const id = `f-${name}-${++fieldCount}`;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, t(`centre.field.${name}`)),
    h("input", { id, name, type, required: true, ...extra }),
  );
}

function actionForm(name, fields, submit, { danger = false } = {}) {
  const error = problemBox();
  const button = h(
    "button",
    { type: "submit", class: danger ? "button danger" : "button" },
    t(`centre.action.${name}`),
  );
  const form = h(
    "form",
    { class: `action-form action-${name}`, "aria-label": t(`centre.action.${name}`) },
    fields,
    button,
    error,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblems(form);
    button.disabled = true;
    try {
      await submit(new FormData(form));
      form.reset();
      announce(t("centre.done"));
    } catch (failure) {
      sayAbove(form, failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

// Which actions the case's state allows (the server refuses the others anyway).
function allowed(view) {
  const s = view.case.status;
  const running = RUNNING.includes(s) && (!view.outcome || view.outcome === "expired");
  return {
    pause: s === "open",
    resume: s === "paused",
    deadline: RUNNING.includes(s),
    close_failed: running,
    close_settled: s === "agreed" && !view.outcome,
    refer: s === "failed" || s === "expired",
    attest: s === "agreed" && !view.attested_at,
  };
}

function assignmentReason(reason) {
  if (reason === "automatic") return t("centre.assigned_auto");
  if (reason === "automatic: no eligible mediator") return t("centre.assigned_none");
  return reason;
}

// A party's shared private answers in words: its priorities, what it wants, could accept and
// will not go beyond on each point, and how firm it is.
function sharedView(issues, shared) {
  const c = { issues };
  const answers = shared.answers || {};
  const label = (name) => issues.find((issue) => issue.name === name)?.label ?? name;
  const ranking = (answers.importance?.ranking || []).flat();
  const rows = issues
    .filter((issue) => answers.issues?.[issue.name])
    .map((issue) => {
      const given = answers.issues[issue.name];
      const text = issue.range
        ? ["best", "acceptable", "limit"]
            .filter((part) => part in given)
            .map((part) => `${t(`centre.shared_answer.${part}`)}: ${optionLabel(c, issue.name, given[part])}`)
            .join("; ")
        : Object.entries(given.options || {})
            .map(([option, mark]) => `${option} — ${t(`centre.shared_answer.${mark}`)}`)
            .join("; ");
      return h("div", { class: "package-row" }, h("dt", {}, issue.label), h("dd", {}, text));
    });
  return h(
    "div",
    { class: "shared-party" },
    h("h3", {}, t(`centre.role.${shared.role}`)),
    ranking.length
      ? h(
          "p",
          {},
          `${t("centre.shared_answer.priorities")}: `,
          ranking.map((name, i) => `${i + 1}. ${label(name)}`).join(", "),
        )
      : null,
    h("dl", { class: "package" }, rows),
    answers.walk_away
      ? h("p", {}, `${t("centre.shared_answer.firmness")}: ${t(`centre.shared_answer.walk_${answers.walk_away}`)}`)
      : null,
  );
}

function summaryOf(view, names) {
  const c = view.case;
  const parties = c.parties.map((name, i) => `${t(`centre.role.${ROLES[i] || "claimant"}`)}: ${name}`);
  const deadline = isClosed(c.status)
    ? null
    : h(
        "p",
        { class: urgent(c) ? "deadline urgent" : "deadline" },
        t("centre.deadline_line", { date: formatDate(c.deadline_at), left: daysLeft(c) }),
      );
  return [
    h("p", { class: "subject-line" }, c.subject),
    h(
      "p",
      {},
      statusBadge(c.status),
      c.stalled ? h("span", { class: "flag flag-stalled" }, t("centre.stalled")) : null,
    ),
    deadline,
    view.paused_at
      ? h("p", { class: "meta" }, t("centre.paused_since", { date: formatDate(view.paused_at, true) }))
      : null,
    view.attested_at
      ? h("p", { class: "meta" }, t("centre.attested_on", { date: formatDate(view.attested_at) }))
      : null,
    h("p", { class: "meta" }, parties.join(" · ")),
    c.mine ? null : h("p", { class: "meta" }, `${t("centre.col.mediator")}: ${c.mediator || t("centre.unassigned")}`),
    view.assignments.length > 1
      ? h(
          "section",
          { "aria-labelledby": "assignments-title" },
          h("h2", { id: "assignments-title", tabindex: -1 }, t("centre.assignments")),
          h(
            "ul",
            { class: "assignments" },
            view.assignments.map((a) => {
              const name = names.get(a.mediator_id); // known to the centre's administrators
              return h(
                "li",
                {},
                `${formatDate(a.assigned_at, true)} — ${name ? `${name}: ` : ""}${assignmentReason(a.reason)}`,
              );
            }),
          ),
        )
      : null,
    view.shared_interests.length
      ? h(
          "section",
          { "aria-labelledby": "shared-title", class: "shared" },
          h("h2", { id: "shared-title" }, t("centre.shared")),
          view.shared_interests.map((s) => sharedView(view.issues, s)),
        )
      : h("p", { class: "meta" }, t("centre.nothing_shared")),
  ];
}

// The mediators of the case's centre, for its administrators; null for anyone else (404).
async function centreMediators(c) {
  try {
    const { mediators } = await api("GET", `/api/centres/${c.centre_id}/mediators`);
    return mediators;
  } catch (failure) {
    if (!(failure instanceof ApiError)) throw failure; // 404: not a centre this reader administers
    return null;
  }
}

// Choose an active mediator of the centre (the current one shown but not selectable) and say why.
// The browser's own validation is off so that every message is in the reader's language.
function reassignForm(view, mediators, submit) {
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

export async function mediatorCasePage(caseId) {
  await centreStyles();
  const base = `/api/centre/cases/${caseId}`;
  let view = await api("GET", base);
  const issues = view.issues;
  const summary = h("div", { id: "case-summary", class: "case-summary" });
  const events = h(
    "ol",
    { class: "timeline events", "aria-live": "polite" },
    view.events.map((e) => eventLine(e, issues)),
  );
  const actions = h("section", { "aria-labelledby": "actions-title", id: "case-actions" });
  const link = h("p", { class: "meta", id: "room-link", hidden: true });
  const reassignBox = h("section", { "aria-labelledby": "reassign-title", id: "case-reassign", hidden: true });
  let shown = "";
  let shownReassign = "";
  // Only a centre's administrators see a case that is not theirs; they get its mediators.
  let mediators = view.case.mine ? null : await centreMediators(view.case);
  const names = () => new Map((mediators || []).map((m) => [m.id, m.name]));

  // Messages go through the room, like the parties' own; each one waits for the room's ack.
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  let socket = null;
  let left = false;
  let lastSeq = view.events.length ? view.events[view.events.length - 1].seq : 0;
  const pending = new Map();
  let reload = null;

  const act = async (path, body) => {
    const result = await api("POST", `${base}/${path}`, body);
    if (result?.case) {
      view = result;
      draw();
    }
  };
  const say = (text) =>
    new Promise((resolve, reject) => {
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        reject(new Error(t("centre.not_connected")));
        return;
      }
      const key = crypto.randomUUID();
      pending.set(key, { resolve, reject });
      socket.send(JSON.stringify({ type: "message", key, text }));
      setTimeout(() => pending.delete(key) && reject(new Error(t("centre.not_connected"))), 10000);
    });

  const drawActions = () => {
    const can = allowed(view);
    const mine = view.case.mine;
    const signature = JSON.stringify([mine, can]);
    if (signature === shown) return; // keep what the mediator is typing
    shown = signature;
    const forms = [];
    if (can.pause)
      forms.push(
        actionForm("pause", field("reason", "text", REASON), (d) => act("pause", { reason: d.get("reason") })),
      );
    if (can.resume) forms.push(actionForm("resume", [], () => act("resume")));
    if (can.deadline) {
      forms.push(
        actionForm(
          "deadline",
          [field("days", "number", { min: 1, max: 365, inputmode: "numeric" }), field("reason", "text", REASON)],
          (d) => act("deadline", { days: Number(d.get("days")), reason: d.get("reason") }),
        ),
      );
    }
    if (can.close_settled) {
      forms.push(
        actionForm("close_settled", field("reason", "text", REASON), (d) =>
          act("close", { outcome: "settled", reason: d.get("reason") }),
        ),
      );
    }
    if (can.attest) {
      forms.push(
        actionForm("attest", field("contract_date", "date", { max: new Date().toISOString().slice(0, 10) }), (d) =>
          act("attest", { mediation_contract_date: d.get("contract_date") }),
        ),
      );
    }
    const ending = [];
    if (can.close_failed) {
      ending.push(
        actionForm(
          "close_failed",
          field("reason", "text", REASON),
          (d) => act("close", { outcome: "failed", reason: d.get("reason") }),
          { danger: true },
        ),
      );
    }
    if (can.refer) {
      ending.push(
        actionForm(
          "refer",
          field("reason", "text", REASON),
          async (d) => {
            await api("POST", `${base}/refer`, { reason: d.get("reason") });
            view = await api("GET", base);
            draw();
          },
          { danger: true },
        ),
      );
    }
    fill(
      actions,
      h("h2", { id: "actions-title" }, t("centre.actions")),
      !mine
        ? h("p", { class: "meta" }, t("centre.read_only"))
        : forms.length || ending.length
          ? [
              h("div", { class: "action-grid" }, forms),
              ending.length
                ? h(
                    "details",
                    { class: "ending" },
                    h("summary", {}, t("centre.actions_end")),
                    h("div", { class: "action-grid" }, ending),
                  )
                : null,
            ]
          : h("p", { class: "meta" }, t("centre.no_actions")),
    );
    message.hidden = !mine || isClosed(view.case.status);
  };
  const drawReassign = () => {
    const open = Boolean(mediators) && REASSIGNABLE.includes(view.case.status);
    const signature = JSON.stringify([open, view.case.mediator_id]);
    if (signature === shownReassign) return; // keep what the administrator is typing
    shownReassign = signature;
    reassignBox.hidden = !open;
    if (!open) return reassignBox.replaceChildren();
    fill(
      reassignBox,
      h("h2", { id: "reassign-title" }, t("centre.reassign.title")),
      reassignForm(view, mediators, async (body) => {
        const fresh = await api("POST", `${base}/reassign`, body);
        // Done: the loads have changed, but an outdated list is no reason to report a failure.
        mediators = (await centreMediators(fresh.case).catch(() => null)) || mediators;
        view = fresh;
        for (const e of fresh.events.filter((added) => added.seq > lastSeq)) {
          // no room socket here
          lastSeq = e.seq;
          events.append(eventLine(e, issues));
        }
        draw();
        announce(t("centre.reassign.done"));
        document.getElementById("assignments-title")?.focus();
      }),
    );
  };
  const draw = () => {
    fill(summary, summaryOf(view, names()));
    drawActions();
    drawReassign();
  };
  // Another party's move may change the status or the deadline: reread the case, debounced.
  const refresh = () => {
    clearTimeout(reload);
    reload = setTimeout(async () => {
      try {
        view = await api("GET", base);
        draw();
      } catch {
        // the next event or a reload tries again
      }
    }, 300);
  };

  const connect = () => {
    if (left) return; // the page was left while waiting to reconnect
    socket = new WebSocket(`${scheme}://${location.host}/ws`);
    socket.addEventListener("open", () => {
      socket.send(JSON.stringify({ type: "hello", case_id: caseId, last_seq: lastSeq }));
      link.hidden = true;
    });
    socket.addEventListener("message", (incoming) => {
      const frame = JSON.parse(incoming.data);
      if (frame.type === "event" && frame.seq === lastSeq + 1) {
        lastSeq = frame.seq;
        events.append(
          eventLine(
            { seq: frame.seq, role: frame.actor.role, event: frame.event, data: frame.data, at: frame.at },
            issues,
          ),
        );
        refresh();
      } else if (frame.type === "error" && frame.code === "case_not_found") {
        left = true; // no longer this mediator's case (reassigned): stop following the room
        socket.close();
        link.textContent = t("centre.room_refused");
        link.hidden = false;
      } else if ((frame.type === "ack" || frame.type === "error") && pending.has(frame.key)) {
        const { resolve, reject } = pending.get(frame.key);
        pending.delete(frame.key);
        if (frame.type === "ack") resolve();
        else reject(new Error(frame.message || frame.code));
      }
    });
    socket.addEventListener("close", (event) => {
      if (left) return;
      if (event.code === 1012) {
        connect(); // service restart: another instance takes over at once, nothing to show
        return;
      }
      link.textContent = t("centre.reconnecting");
      link.hidden = false;
      setTimeout(connect, 2000);
    });
  };
  const message = h(
    "section",
    { "aria-labelledby": "message-title", class: "message-box" },
    h("h2", { id: "message-title" }, t("centre.message_title")),
    h("p", { class: "hint" }, t("centre.message_hint")),
    actionForm("message", field("text", "text", { maxlength: 4000, autocomplete: "off" }), (d) => say(d.get("text"))),
  );
  draw();
  if (view.case.mine) connect(); // the room is the case mediator's; administrators only look
  const ping = setInterval(() => socket?.readyState === 1 && socket.send('{"type":"ping"}'), 25000);
  onLeave(() => {
    left = true;
    clearInterval(ping);
    clearTimeout(reload);
    socket?.close();
  });

  mount(
    h(
      "div",
      { class: "centre centre-case" },
      h("p", { class: "crumbs" }, h("a", { href: "#/mediator" }, t("centre.back"))),
      h("h1", {}, t("centre.case_title", { reference: view.case.reference })),
      summary,
      h("h2", {}, t("centre.record")),
      events,
      link,
      message,
      actions,
      reassignBox,
    ),
  );
}
