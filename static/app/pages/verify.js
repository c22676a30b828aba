// Public: anyone (a judge, a bailiff, a bank) checks a settlement document, by uploading the PDF
// or by the verification code printed on it. No login. The answer is one big word, then why.
import { ApiError, api, sendFile } from "../api.js";
import { announce, h, mount } from "../dom.js";
import { t, useStrings } from "../i18n.js";
import { formatMoment as moment } from "../format.js";
import { refusalText } from "../refusals.js";
import { field, problemBox, sayProblems } from "./form.js";

const CODE = /^[0-9A-Z]{5}-?[0-9A-Z]{5}$/;

function tidy(code) {
  const plain = code.trim().toUpperCase().replace(/\s+/g, "");
  return /^[0-9A-Z]{10}$/.test(plain) ? `${plain.slice(0, 5)}-${plain.slice(5)}` : plain;
}

// A signer's role: claimant, respondent, mediator, or "party 3" (a settlement of three to ten
// parties names each further party by the number of its key, party3 … party10).
function roleWord(role) {
  const n = /^party(\d+)$/.exec(role)?.[1];
  return n ? t("verify.party", { n }) : t(`role.${role}`);
}

function reasonText(reason) {
  const key = `verify.reason.${reason.code}`;
  const text = t(key);
  return text === key ? t("verify.reason.unknown") : text;
}

function verdict(result) {
  const valid = result.valid;
  const rows = [];
  if (result.case_reference) rows.push([t("verify.case"), result.case_reference]);
  if (result.signed_at) rows.push([t("verify.sealed"), moment(result.signed_at)]);
  if (result.verification_code) rows.push([t("verify.code_label"), result.verification_code]);
  return h(
    "section",
    { class: `verdict ${valid ? "verdict-valid" : "verdict-invalid"}`, "aria-labelledby": "verdict-title" },
    h(
      "h2",
      { id: "verdict-title", tabindex: "-1" },
      h("span", { class: "verdict-mark", "aria-hidden": "true" }, valid ? "✓ " : "✗ "),
      valid ? t("verify.valid") : t("verify.invalid"),
    ),
    h("p", { class: "verdict-text" }, valid ? t("verify.valid_text") : t("verify.invalid_text")),
    !valid && result.reasons.length
      ? [
          h("h3", {}, t("verify.why")),
          h(
            "ul",
            { class: "reasons" },
            [...new Set(result.reasons.map(reasonText))].map((text) => h("li", {}, text)),
          ),
        ]
      : null,
    // What an invalid file says about itself is shown as a claim, never as a confirmed fact.
    result.signers.length || rows.length ? h("h3", {}, t(valid ? "verify.signers" : "verify.claims")) : null,
    result.signers.length
      ? h(
          "ul",
          { class: "signers" },
          result.signers.map((p) =>
            h("li", {}, t("verify.signer", { name: p.full_name, role: roleWord(p.role), date: moment(p.signed_at) })),
          ),
        )
      : null,
    signatureList(result.signatures ?? []),
    rows.length
      ? h(
          "dl",
          { class: "package" },
          rows.map(([term, value]) => h("div", { class: "package-row" }, h("dt", {}, term), h("dd", {}, value))),
        )
      : null,
    valid ? null : h("p", {}, t("verify.invalid_next")),
    result.pdf_sha256
      ? h("p", { class: "hint" }, t("verify.fingerprint"), " ", h("code", { class: "hash" }, result.pdf_sha256))
      : null,
  );
}

// Every PDF signature as pyHanko judged it (#14): who, what kind, IIN/BIN, issuer, time, verdict.
// The signature list's words are loaded only when a file carries PDF signatures to list.
async function withStrings(result) {
  if (result.signatures?.length) await useStrings("verification");
  return verdict(result);
}

function signatureList(signatures) {
  if (!signatures.length) return null;
  const kind = (s) =>
    s.method === "seal"
      ? t("verification.seal")
      : s.method === "timestamp"
        ? t("verification.timestamp")
        : s.method === "password-reauthentication"
          ? t("verification.simple")
          : t("verification.eds");
  const who = (s) => (s.method === "password-reauthentication" ? s.name : s.signer) ?? "";
  return [
    h("h3", {}, t("verification.signatures")),
    h(
      "ul",
      { class: "pdf-signatures" },
      signatures.map((s) => {
        const parts = [who(s), kind(s)];
        // An organisation's certificate names the organisation (BIN) and the employee who holds
        // it, its signatory (IIN): both are said.
        if (s.bin) {
          parts.push(t("verification.bin", { value: s.bin }));
          if (s.iin) parts.push(t("verification.signatory_iin", { value: s.iin }));
        } else if (s.iin) parts.push(t("verification.iin", { value: s.iin }));
        else if (s.identifier) parts.push(s.identifier);
        if (s.issuer && s.method !== "password-reauthentication") {
          parts.push(t("verification.issuer", { issuer: s.issuer }));
        }
        if (s.signed_at) parts.push(moment(s.signed_at));
        const problems = s.problems.map((p) => t(`verification.problem.${p.code}`));
        const judged = s.valid ? t("verification.valid") : `${t("verification.invalid")}: ${problems.join(", ")}`;
        return h("li", { class: s.valid ? null : "error" }, `${parts.filter(Boolean).join(", ")} — ${judged}`);
      }),
    ),
  ];
}

function notFound(code) {
  return h(
    "section",
    { class: "verdict verdict-invalid", "aria-labelledby": "verdict-title" },
    h(
      "h2",
      { id: "verdict-title", tabindex: "-1" },
      h("span", { class: "verdict-mark", "aria-hidden": "true" }, "✗ "),
      t("verify.not_found"),
    ),
    h("p", { class: "verdict-text" }, t("verify.not_found_text", { code })),
  );
}

// Why nothing could be checked, in the reader's words: among others the per-address limit
// (429 too_many_requests) and every verification slot busy (503 verify_busy), each with its wait.
function problem(error) {
  let text;
  if (error.status === 413) text = t("verify.too_big");
  else if (error.code === "empty_body") text = t("verify.empty");
  else text = refusalText(error);
  return problemBox(text);
}

export function verifyPage(raw) {
  let code = raw;
  try {
    code = raw ? decodeURIComponent(raw) : raw;
  } catch {
    // a malformed escape: check the text as it is, the server answers "not found"
  }
  const result = h("div", { class: "verify-result", "aria-live": "polite" });
  const show = (node) => {
    result.replaceChildren(node);
    const title = result.querySelector("#verdict-title");
    if (title) {
      announce(title.textContent);
      title.focus();
    } else {
      result.scrollIntoView({ block: "nearest" }); // a refusal (role=alert) where a phone shows it
    }
  };

  const fileForm = h(
    "form",
    { class: "verify-form", novalidate: true },
    h("h2", {}, t("verify.by_file")),
    field("pdf", t("verify.file"), { type: "file", accept: "application/pdf,.pdf" }, t("verify.file_hint")),
    h("p", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("verify.check_file"))),
  );
  const file = fileForm.querySelector("#f-pdf");
  fileForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    if (sayProblems(fileForm, chosen ? [] : [["pdf", t("verify.choose_file")]])) return;
    result.replaceChildren(h("p", {}, t("verify.checking")));
    try {
      show(await withStrings(await sendFile("/api/verify", chosen, "application/pdf")));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      show(problem(failure));
    }
  });

  const codeForm = h(
    "form",
    { class: "verify-form", novalidate: true },
    h("h2", {}, t("verify.by_code")),
    field(
      "code",
      t("verify.code"),
      {
        autocomplete: "off",
        autocapitalize: "characters",
        spellcheck: "false",
        maxlength: 20,
        value: code ? tidy(code) : null,
      },
      t("verify.code_hint"),
    ),
    h("p", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("verify.check_code"))),
  );
  const codeInput = codeForm.querySelector("#f-code");
  codeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = tidy(codeInput.value);
    if (sayProblems(codeForm, CODE.test(typed) ? [] : [["code", t("verify.code_format")]])) return;
    if (location.hash === `#/verify/${typed}`) checkCode(typed);
    else location.hash = `#/verify/${typed}`; // the router draws this page again and checks
  });

  async function checkCode(value) {
    result.replaceChildren(h("p", {}, t("verify.checking")));
    try {
      show(await withStrings(await api("GET", `/api/verify/${encodeURIComponent(value)}`)));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      show(failure.status === 404 ? notFound(value) : problem(failure));
    }
  }

  // With a code in the address the answer comes first; otherwise it appears under the forms.
  const forms = code ? [result, codeForm, fileForm] : [codeForm, fileForm, result];
  mount(h("h1", {}, t("verify.title")), h("p", { class: "lead" }, t("verify.lead")), ...forms);
  if (code) checkCode(tidy(code));
}
