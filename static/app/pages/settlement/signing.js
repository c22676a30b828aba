// Step 3, read and sign: the full text of the record, then EDS through NCALayer first where the
// service has it (eds.js), and the password as a simple electronic signature where the case
// allows it (page.methods). A wrong password is said at the password; "the text changed"
// (record_changed) reloads the text and says so; too many wrong passwords say how long to wait.
// `page` is the page's shared state (page.js).
import { api, ApiError } from "../../api.js";
import { h } from "../../dom.js";
import { formatMoment as moment } from "../../format.js";
import { t } from "../../i18n.js";
import { generalText } from "../../refusals.js";
import { nameList, recordView } from "../../settlement_text.js";
import { field as input, problemBox, sayAbove, sayAt, sayProblems } from "../form.js";
import { edsForm, readBox, signedNow } from "./eds.js";
import { serverText } from "./refused_fields.js";
import { signaturesAwaited, signedCount } from "./state.js";

function missingText(page, item) {
  const { me, others } = page;
  if (item === `parties.${me}`) return t("settlement.missing.mine");
  const party = item.match(/^parties\.(\w+)$/)?.[1];
  if (others.includes(party)) return t("settlement.missing.theirs", { name: page.names()[party] });
  if (item === "place") return t("settlement.missing.place");
  // "obligations.2.debtor": an action whose doer the draft left for the parties to choose.
  const doer = item.match(/^obligations\.(\d+)\.debtor$/);
  if (doer) return t("settlement.missing.doer", { n: doer[1] });
  // "texts.obligations.2.description": a text of a kk+ru document given in one language only.
  const text = item.match(/^texts\.(?:obligations\.(\d+)\.)?(\w+)$/);
  if (text) return t("settlement.missing.texts", { field: t(`settlement.texts.${text[2]}`, { n: text[1] }) });
  return item;
}

function signForm(page) {
  const form = h(
    "form",
    { class: "sign-form simple-form", novalidate: true, "aria-labelledby": "simple-title" },
    h("h3", { id: "simple-title" }, t("signing.simple_title")),
    h("p", { class: "hint" }, t("signing.simple_intro")),
    problemBox(),
    ...readBox("f-read"),
    input(
      "password",
      t("settlement.f.password"),
      { type: "password", autocomplete: "current-password", required: true },
      t("settlement.f.password_hint"),
    ),
    h("p", { class: "actions" }, h("button", { type: "submit", class: "button primary wide" }, t("settlement.f.sign"))),
  );
  // Typing the password means "I am about to sign what I read": a change by the other side
  // must not swap the text under the person's eyes; signing then says the text changed.
  form.addEventListener("input", () => {
    page.ui.dirty = "sign";
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sign(page, form);
  });
  return form;
}

async function sign(page, form) {
  const password = form.elements.password.value;
  const problems = [];
  if (!form.elements.read.checked) problems.push(["read", t("settlement.error.read")]);
  if (!password) problems.push(["password", t("settlement.error.password_empty")]);
  sayProblems(form, problems.length ? [[null, t("settlement.error.check")], ...problems] : []);
  if (problems.length) return;
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  button.textContent = t("settlement.signing");
  page.generation++;
  try {
    page.s = await api("POST", `${page.url}/signatures`, { password, record_sha256: page.s.record_sha256 });
  } catch (error) {
    button.disabled = false;
    button.textContent = t("settlement.f.sign");
    if (!(error instanceof ApiError)) throw error;
    if (error.code === "password_incorrect") {
      form.elements.password.value = "";
      sayAt(form, "password", t("settlement.error.password_wrong")).focus();
      return;
    }
    if (error.code === "record_changed") return page.reload("problem", t("settlement.notice.record_changed"));
    if (["incomplete", "settlement_signed"].includes(error.code))
      return page.reload("problem", serverText(error.message));
    if (error.code === "simple_signature_not_allowed") {
      sayAbove(form, t("signing.refusal.simple_signature_not_allowed"));
      return;
    }
    // Too many wrong passwords (429 reauth_throttled: how long to wait), no network, a stale
    // page: in the reader's words.
    sayAbove(form, generalText(error) ?? serverText(error.message));
    button.focus();
    return;
  }
  signedNow(page);
}

// How a signature was made: with EDS, or the password as a simple electronic signature.
function methodText(signature) {
  return t(signature.method === "eds-cms" ? "signing.method.eds" : "signing.method.simple");
}

// EDS first where the service has it; the password where the case allows it.
function signForms(page) {
  const { eds, simple } = page.methods;
  if (!eds && !simple) return [h("p", { class: "problem" }, t("signing.none"))];
  return [eds ? edsForm(page) : null, simple ? signForm(page) : null];
}

export function signingSection(page) {
  const { s, me, others } = page;
  const n = page.names();
  const parts = [h("h2", { id: "step3-title", tabindex: "-1" }, t("settlement.step3_title"))];
  if (s.missing.length) {
    parts.push(
      h("p", {}, t("settlement.missing_intro")),
      h(
        "ul",
        { class: "missing" },
        s.missing.map((item) => h("li", {}, missingText(page, item))),
      ),
    );
  } else if (!s.record) {
    parts.push(
      h("p", {}, t("settlement.problems_intro")),
      h(
        "ul",
        { class: "missing" },
        s.problems.map((p) => h("li", {}, `${p.field}: ${serverText(p.message)}`)),
      ),
    );
  } else {
    parts.push(
      h("p", { class: "hint" }, t("settlement.read_hint")),
      h("div", { class: "record-box" }, recordView(s.record, me)),
      h(
        "details",
        { class: "technical" },
        h("summary", {}, t("settlement.technical")),
        h("p", {}, t("settlement.fingerprint"), " ", h("code", { class: "hash" }, s.record_sha256)),
        h("pre", { class: "record-json" }, JSON.stringify(s.record, null, 2)),
      ),
    );
    const count = signedCount(s, me, others, n);
    if (count) parts.push(h("p", { class: "strong signed-count" }, count));
    for (const theirs of s.signatures.filter((x) => x.role !== me))
      parts.push(
        h(
          "p",
          { class: "other-done" },
          t("settlement.they_signed", { name: n[theirs.role], date: moment(theirs.signed_at) }),
          " ",
          methodText(theirs),
        ),
      );
    const waiting = signaturesAwaited(s, others);
    const mine = s.signatures.find((x) => x.role === me);
    if (mine) {
      parts.push(
        h(
          "div",
          { class: "waiting-box" },
          h(
            "p",
            { class: "strong" },
            t("settlement.you_signed_on", { date: moment(mine.signed_at) }),
            " ",
            methodText(mine),
          ),
          waiting.length ? h("p", {}, t("settlement.waiting_sign", { name: nameList(n, waiting) })) : null,
        ),
      );
    } else {
      parts.push(...signForms(page));
    }
  }
  return h("section", { class: "step", "aria-labelledby": "step3-title" }, parts);
}
