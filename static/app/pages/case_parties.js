// Who is in a case of more than two parties (#17), on its page: every party with its side and
// where it stands (joined, invited, link expired, left, dropped), the claimant's copy of each
// invited party's link and a new link for any of them, and, while some have not joined, the claimant's "Start with those who
// joined" (POST /api/cases/{id}/start) after a confirmation naming who will be left out.
import { ApiError, api } from "../api.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { confirmDialog } from "./confirm.js";
import { namesList } from "./other_parties.js";

// claimant 1, respondent 2, party3 3, … (odr/cases/parties.py's order).
const partyNumber = (role) => ({ claimant: 1, respondent: 2 })[role] ?? Number(role.replace("party", ""));

// A case with more than the claimant and one respondent, counting those invited.
export function severalParties(c) {
  return (c.parties?.length ?? 0) + (c.invited_parties?.length ?? 0) > 2;
}

// The links the claimant's browser kept when it opened the case (role → url), else none.
function keptLinks(caseId) {
  try {
    return JSON.parse(sessionStorage.getItem(`kelisim.links.${caseId}`) || "{}");
  } catch {
    return {};
  }
}

function partyLine(c, name, side, state, link, extra = []) {
  const me = state.role === c.my_role;
  return h(
    "li",
    { "data-role": state.role, "data-state": state.key },
    h("strong", {}, me ? t("intake.parties.you", { name }) : name),
    " · ",
    t(`intake.parties.sides.${side}`),
    " · ",
    h("span", { class: `party-state party-${state.key}` }, t(`intake.parties.state.${state.key}`)),
    link ? linkBox(state.role, name, link) : null,
    ...extra,
  );
}

const RESEND_REFUSED = {
  party_joined: "intake.parties.refused.party_joined",
  respondent_joined: "intake.parties.refused.party_joined",
  not_awaiting: "intake.parties.refused.not_awaiting",
};

// The claimant sends one invited party a new link (an expired one, a mistyped address): the
// party's old link stops working, the others' stay (POST /api/cases/{id}/invitations).
function newLinkForm(c, party, redraw) {
  const id = `resend-${party.role}`;
  const input = h("input", {
    id,
    name: id,
    type: "email",
    value: party.email ?? "",
    autocomplete: "off",
    "aria-describedby": `${id}-error`,
  });
  const error = h("span", { class: "error", id: `${id}-error`, role: "alert" });
  const form = h(
    "form",
    { class: "resend", novalidate: true, hidden: true },
    h(
      "p",
      { class: "field" },
      h("label", { for: id }, t("intake.parties.resend_email", { name: party.name })),
      input,
      error,
    ),
    h("button", { type: "submit", class: "button" }, t("intake.parties.resend_send")),
  );
  const open = h("button", { type: "button", class: "link" }, t("intake.parties.resend"));
  open.addEventListener("click", () => {
    form.hidden = false;
    open.hidden = true;
    input.focus();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const body = { role: party.role, email: input.value.trim() };
      const issued = await api("POST", `/api/cases/${c.id}/invitations`, body);
      const links = keptLinks(c.id);
      links[party.role] = issued.url;
      sessionStorage.setItem(`kelisim.links.${c.id}`, JSON.stringify(links));
      await redraw();
      announce(t("intake.parties.resent", { name: party.name }));
    } catch (refusal) {
      if (!(refusal instanceof ApiError)) throw refusal;
      const atEmail = refusal.fields?.some((f) => f.field === "email");
      input.setAttribute("aria-invalid", "true");
      error.textContent = atEmail
        ? t("intake.refusal.respondent_email")
        : t(RESEND_REFUSED[refusal.code] ?? "refusal.other");
    }
  });
  return [open, form];
}

function linkBox(role, name, link) {
  const id = `invite-link-${role}`;
  return h(
    "p",
    { class: "field" },
    h("label", { for: id }, t("intake.parties.link", { name })),
    h("input", { id, readonly: true, value: link }),
    h("button", { type: "button", class: "link", onclick: () => navigator.clipboard?.writeText(link) }, t("case.copy")),
  );
}

const START_REFUSED = {
  nobody_joined: "intake.parties.refused.nobody_joined",
  not_awaiting: "intake.parties.refused.not_awaiting",
};

// The claimant's start: asks first, then starts and draws the page again (`redraw`).
function startButton(c, missing, redraw) {
  const said = h("p", { class: "form-error", role: "alert" });
  const names = namesList(missing.map((p) => p.name));
  const start = async () => {
    const yes = await confirmDialog({
      title: t("intake.parties.start_title", { names }),
      text: t("intake.parties.start_text", { names }),
      yes: t("intake.parties.start_yes"),
    });
    if (!yes) return;
    try {
      const started = await api("POST", `/api/cases/${c.id}/start`);
      const joined = started.parties.filter((p) => p.role !== c.my_role).map((p) => p.display_name);
      await redraw();
      announce(t("intake.parties.started", { names: namesList(joined) }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      said.textContent = t(START_REFUSED[error.code] ?? "refusal.other");
    }
  };
  return [
    h("p", { class: "hint" }, t("intake.parties.waiting")),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "button", class: "button", onclick: start }, t("intake.parties.start")),
    ),
    said,
  ];
}

// The panel, or null for a two-party case (its page reads as it always has).
export function partiesPanel(c, redraw) {
  if (!severalParties(c)) return null;
  const claimant = c.my_role === "claimant";
  const waiting = c.status === "awaiting_respondent";
  const links = claimant && waiting ? keptLinks(c.id) : {};
  const seated = c.parties.map((p) => [
    p.role,
    partyLine(c, p.display_name, p.side, { role: p.role, key: p.withdrawn_at ? "withdrawn" : "joined" }, null),
  ]);
  const invited = (c.invited_parties ?? []).map((p) => [
    p.role,
    partyLine(
      c,
      p.name,
      p.side,
      { role: p.role, key: p.status },
      p.status === "invited" ? links[p.role] : null,
      claimant && waiting && p.status !== "dropped" ? newLinkForm(c, p, redraw) : [],
    ),
  ]);
  const lines = [...seated, ...invited].sort(([a], [b]) => partyNumber(a) - partyNumber(b)).map(([, line]) => line);
  const missing = (c.invited_parties ?? []).filter((p) => p.status !== "dropped");
  const canStart = claimant && waiting && c.parties.length >= 2 && missing.length > 0;
  return h(
    "section",
    { class: "case-parties", id: "parties" },
    h("h2", {}, t("intake.parties.case_title")),
    h("ul", { class: "parties" }, ...lines),
    ...(canStart ? startButton(c, missing, redraw) : []),
  );
}
