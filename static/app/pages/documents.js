// Documents and evidence of a case (docs/api.md "Documents and evidence"), the same panel on a
// party's case page and on the mediator's: upload (a file, or a photo straight from the phone's
// camera: no `capture`, so the phone offers both), the list with who gave each, when, its size
// and who sees it, a download link, and the owner's Share with everyone / Withdraw.
//
// The server judges a file by its content; the page checks the same signatures and the size
// first, so a wrong file is refused at once, in the reader's words, before anything is sent.
// Downloads are plain links: the server answers with the file as an attachment, authorised by
// the session cookie, and nobody else's link opens it. Strings: the "documents" part.
import { ApiError, api, sendFile } from "../api.js";
import { announce, h, onLeave } from "../dom.js";
import { formatMoment, formatNumber } from "../format.js";
import { t, useStrings } from "../i18n.js";
import { refusalText } from "../refusals.js";
import { roomFor } from "../room/live.js";

const LIVE = ["open", "paused"]; // the statuses whose case page follows the room

export const DOCUMENT_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/webp"];
const ACCEPT = [...DOCUMENT_TYPES, ".pdf", ".jpg", ".jpeg", ".png", ".webp"].join(",");
const OWN_CODES = [
  "document_type_not_allowed",
  "document_type_mismatch",
  "document_damaged",
  "document_encrypted",
  "document_too_large",
  "case_documents_full",
  "document_not_found",
  "document_withdrawn",
  "document_already_shared",
  "not_document_owner",
  "empty_body",
];

// The document type of a file by its first bytes (as odr/uploads/document_content.py), or null.
export async function sniffDocument(file) {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const text = (from, to) => String.fromCharCode(...b.slice(from, to));
  const starts = (...bytes) => bytes.every((byte, i) => b[i] === byte);
  if (text(0, 5) === "%PDF-") return "application/pdf";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (b.length >= 12 && text(0, 4) === "RIFF" && text(8, 12) === "WEBP") return "image/webp";
  return null;
}

// A refusal about a document in the reader's words.
export function documentRefusalText(error) {
  if (error instanceof ApiError && OWN_CODES.includes(error.code)) return t(`documents.refused.${error.code}`);
  return refusalText(error);
}

// "1,2 MB", "340 KB": sizes as people read them, in the page's language.
export function sizeText(bytes) {
  if (bytes >= 1024 * 1024) return t("documents.size_mb", { n: formatNumber((bytes / (1024 * 1024)).toFixed(1)) });
  return t("documents.size_kb", { n: formatNumber(Math.max(1, Math.round(bytes / 1024))) });
}

function whoText(doc) {
  if (doc.uploaded_by.mine) return t("documents.by_me");
  return t(`documents.by.${doc.uploaded_by.role}`);
}

function documentItem(caseId, doc, act) {
  const base = `/api/cases/${caseId}/documents/${doc.id}`;
  const withdrawn = Boolean(doc.withdrawn_at);
  const title = withdrawn
    ? h("span", { class: "document-name withdrawn" }, doc.file_name)
    : h("a", { class: "document-name", href: `${base}/file`, download: doc.file_name }, doc.file_name);
  const meta = [
    whoText(doc),
    formatMoment(doc.created_at),
    sizeText(doc.bytes),
    t(doc.shared_with === "everyone" ? "documents.shared.everyone" : "documents.shared.mediator"),
  ];
  const actions = [];
  if (doc.uploaded_by.mine && !withdrawn) {
    if (doc.shared_with === "mediator") {
      actions.push(
        h("button", { type: "button", class: "button", onclick: () => act(doc, "share") }, t("documents.share")),
      );
    }
    actions.push(
      h("button", { type: "button", class: "button", onclick: () => act(doc, "withdraw") }, t("documents.withdraw")),
    );
  }
  return h(
    "li",
    { class: `document${withdrawn ? " is-withdrawn" : ""}`, "data-id": doc.id },
    h("p", {}, title, withdrawn ? h("span", { class: "badge" }, t("documents.withdrawn")) : null),
    h("p", { class: "meta" }, meta.join(" · ")),
    h("p", { class: "meta hash", title: doc.sha256 }, t("documents.hash", { hash: `${doc.sha256.slice(0, 16)}…` })),
    actions.length ? h("p", { class: "actions" }, ...actions) : null,
  );
}

function uploadForm(caseId, maxBytes, onSent, isMediator, problem) {
  const input = h("input", { type: "file", id: "document-file", name: "file", accept: ACCEPT, required: true });
  const radio = (value, label, checked) =>
    h("label", { class: "check" }, h("input", { type: "radio", name: "shared_with", value, checked }), " ", label);
  const button = h("button", { type: "submit", class: "button primary" }, t("documents.upload"));
  const form = h(
    "form",
    { class: "document-form", novalidate: true },
    h("p", { class: "field" }, h("label", { for: "document-file" }, t("documents.choose")), input),
    h("p", { class: "hint" }, t("documents.types", { size: sizeText(maxBytes) })),
    h(
      "fieldset",
      {},
      h("legend", {}, t("documents.who_sees")),
      // The private choice first: a file shown to the other party cannot be taken back.
      radio("mediator", t(isMediator ? "documents.share_me" : "documents.share_mediator"), true),
      radio("everyone", t("documents.share_everyone"), false),
    ),
    h("p", { class: "hint" }, t("documents.kept_as_sent")),
    button,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.textContent = "";
    const file = input.files[0];
    if (!file) {
      problem.textContent = t("documents.none_chosen");
      return;
    }
    if (file.size > maxBytes) {
      problem.textContent = t("documents.refused.document_too_large");
      return;
    }
    const type = await sniffDocument(file);
    if (!type) {
      problem.textContent = t("documents.refused.document_type_not_allowed");
      return;
    }
    const sharedWith = form.querySelector('input[name="shared_with"]:checked').value;
    const query = new URLSearchParams({ shared_with: sharedWith, name: file.name || "document" });
    button.disabled = true;
    try {
      const doc = await sendFile(`/api/cases/${caseId}/documents?${query}`, file, type);
      form.reset();
      announce(t("documents.uploaded", { name: doc.file_name }));
      await onSent();
    } catch (error) {
      problem.textContent = documentRefusalText(error);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

// Reads the list again when the room logs a document live (the other party added, shared or
// withdrew one), while a party's page of an open or paused case follows its room.
function followRoom(caseId, role, reload) {
  const room = roomFor(caseId);
  const stop = room.subscribe((change) => {
    if (change.type !== "event" || change.event.event !== "document") return;
    if (room.headSeq === undefined || change.event.seq <= room.headSeq) return; // the replay
    if (change.event.actor?.role === role) return; // my own, drawn already
    reload().then(() => announce(t("documents.changed")));
  });
  onLeave(stop);
}

// The panel for case `caseId`; `role` is the reader's place ("mediator" on the mediator's page);
// a party's page passes the case's `status` to follow the room while it runs. Null when the
// server lets this reader see no documents (a centre's administrator).
export async function documentsPanel(caseId, role, status = null) {
  let list;
  try {
    [list] = await Promise.all([api("GET", `/api/cases/${caseId}/documents`), useStrings("documents")]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
  const section = h("section", { id: "documents", class: "documents", "aria-labelledby": "documents-title" });
  const problem = h("p", { class: "form-error", role: "alert" });
  const items = h("ul", { class: "document-list", "aria-live": "polite" });
  const reload = async () => {
    list = await api("GET", `/api/cases/${caseId}/documents`);
    draw();
  };
  const act = async (doc, action) => {
    if (action === "withdraw" && !window.confirm(t("documents.withdraw_confirm", { name: doc.file_name }))) return;
    if (action === "share" && !window.confirm(t("documents.share_confirm", { name: doc.file_name }))) return;
    problem.textContent = "";
    try {
      await api("POST", `/api/cases/${caseId}/documents/${doc.id}/${action}`);
      announce(t(action === "share" ? "documents.shared_done" : "documents.withdrawn_done"));
      await reload();
    } catch (error) {
      problem.textContent = documentRefusalText(error);
    }
  };
  const empty = h("p", { class: "hint" }, t("documents.empty"));
  const draw = () => {
    items.replaceChildren(...list.documents.map((doc) => documentItem(caseId, doc, act)));
    empty.hidden = list.documents.length > 0;
  };
  draw();
  const form = uploadForm(caseId, list.max_bytes, reload, role === "mediator", problem);
  if (role !== "mediator" && LIVE.includes(status)) followRoom(caseId, role, () => reload().catch(() => null));
  section.append(
    h("h2", { id: "documents-title" }, t("documents.title")),
    h("p", { class: "hint" }, t(role === "mediator" ? "documents.intro_mediator" : "documents.intro")),
    items,
    empty,
    problem,
    form,
  );
  return section;
}
