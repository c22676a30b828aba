// Photos of a division's items (docs/api.md "Photos of the items"): a thumbnail beside each item,
// and for a party while the items may change a button to add or replace it. The server judges
// a file by its content; the page checks the same signatures first, so a wrong file is refused at
// once, in the reader's words, before anything is sent.
//
// Thumbnails come from /api/files/{id}/thumbnail (the case's parties and mediator), or, for the
// person an invitation is for, by the invitation's token (POST /api/invitations/photo): the token
// never goes into a URL, so that thumbnail is read as bytes and shown as a data: URL (the CSP
// allows images from 'self' and data: only).
import { ApiError, sendFile } from "../../api.js";
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { refusalText } from "../../refusals.js";

export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
export const CHANGEABLE = ["awaiting_respondent", "open", "paused"];
const THUMB_WIDTH = 160;

// The photo type of a file by its first bytes (as odr/uploads/content.py `sniff`), or null.
export async function sniffPhoto(file) {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const starts = (...bytes) => bytes.every((byte, i) => b[i] === byte);
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  const text = (from, to) => String.fromCharCode(...b.slice(from, to));
  if (b.length >= 12 && text(0, 4) === "RIFF" && text(8, 12) === "WEBP") return "image/webp";
  return null;
}

// A refusal of a photo in the reader's words.
export function photoRefusalText(error) {
  const own = ["photo_type_not_allowed", "photo_too_large", "empty_body", "item_not_found"];
  if (error instanceof ApiError && own.includes(error.code)) return t(`intake.photo.refused.${error.code}`);
  if (error instanceof ApiError && error.code === "case_not_open") return t("intake.photo.refused.case_not_open");
  return refusalText(error);
}

// Sends `file` as the photo of `itemId`; → the server's answer, or throws an ApiError.
export async function sendPhoto(caseId, itemId, file) {
  const type = (await sniffPhoto(file)) ?? file.type ?? "application/octet-stream";
  return sendFile(`/api/cases/${caseId}/items/${encodeURIComponent(itemId)}/photo`, file, type);
}

function readAsDataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function image(alt) {
  return h("img", { class: "item-photo", alt, width: THUMB_WIDTH, loading: "lazy", decoding: "async" });
}

// The item's thumbnail, linked to the photo itself (a party's or mediator's page).
export function thumbnail(item) {
  const img = image(t("intake.photo.alt", { name: item.name }));
  img.src = `/api/files/${item.photo.id}/thumbnail`;
  return h("a", { href: `/api/files/${item.photo.id}`, target: "_blank", rel: "noopener" }, img);
}

// The thumbnail the invitation's token opens (before joining: no link to the full photo).
export function invitedThumbnail(token, item) {
  const img = image(t("intake.photo.alt", { name: item.name }));
  fetch("/api/invitations/photo", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "image/jpeg" },
    body: JSON.stringify({ token, file_id: item.photo.id }),
  })
    .then((response) => (response.ok ? response.blob() : null))
    .then((blob) => (blob ? readAsDataUrl(blob) : null))
    .then((url) => {
      if (url) img.src = url;
      else img.replaceWith(h("span", { class: "hint" }, t("intake.photo.unavailable")));
    })
    .catch(() => img.replaceWith(h("span", { class: "hint" }, t("intake.photo.unavailable"))));
  return img;
}

// A refusal of a photo sent with the new case, kept for the case page to say at that item.
const refusedKey = (caseId, itemId) => `kelisim.photo_refused.${caseId}.${itemId}`;

// The photos chosen on the new-case form (`photos[i]` for `items[i]`, or null), sent once the
// case exists: item ids follow the order given (item1, item2, …). A refusal is kept for the
// case page, which says it at its item, where the photo can be chosen again.
export async function sendIntakePhotos(caseId, photos) {
  for (const [i, file] of photos.entries()) {
    if (!file) continue;
    try {
      await sendPhoto(caseId, `item${i + 1}`, file);
    } catch (error) {
      sessionStorage.setItem(refusedKey(caseId, `item${i + 1}`), photoRefusalText(error));
    }
  }
}

// The item's photo as a party sees it: the thumbnail, and while the items may change a file
// input to add one or replace it, with its error line. `onSent(photo)` after a photo is kept;
// `token`: the invitation's, for the person it is for (thumbnail only).
export function photoFigure(caseId, item, { editable = false, token = null, onSent = null } = {}) {
  let shown = item.photo;
  const picture = h("div", { class: "item-photo-box" });
  const draw = () => {
    const shot =
      shown && (token ? invitedThumbnail(token, { ...item, photo: shown }) : thumbnail({ ...item, photo: shown }));
    picture.replaceChildren(...(shot ? [shot] : []));
  };
  draw();
  if (!editable) return picture;
  const id = `photo-${item.id}`;
  const error = h("span", { class: "error", id: `${id}-error`, role: "alert" });
  const label = h("label", { for: id }, shown ? t("intake.photo.replace") : t("intake.photo.add"));
  const input = h("input", {
    type: "file",
    id,
    name: id,
    accept: PHOTO_TYPES.join(","),
    "aria-describedby": `${id}-hint ${id}-error`,
  });
  const refusedBefore = sessionStorage.getItem(refusedKey(caseId, item.id));
  if (refusedBefore) {
    sessionStorage.removeItem(refusedKey(caseId, item.id));
    error.textContent = t("intake.photo.not_attached", { reason: refusedBefore });
    input.setAttribute("aria-invalid", "true");
  }
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    try {
      if (!(await sniffPhoto(file))) {
        throw new ApiError(415, { error: { code: "photo_type_not_allowed", message: "" } });
      }
      const answer = await sendPhoto(caseId, item.id, file);
      shown = answer.photo;
      draw();
      label.textContent = t("intake.photo.replace");
      error.textContent = "";
      onSent?.(answer.photo);
    } catch (failure) {
      error.textContent = photoRefusalText(failure);
      input.setAttribute("aria-invalid", "true");
    }
    input.value = "";
  });
  return h(
    "div",
    { class: "item-photo-field" },
    picture,
    h(
      "p",
      { class: "field" },
      label,
      h("span", { class: "hint", id: `${id}-hint` }, t("intake.photo.hint")),
      input,
      error,
    ),
  );
}

// The photos of a division's items on the division page: each item's thumbnail and, while the
// items may change, its button to add or replace one.
export function itemPhotosPanel(c) {
  if (!c.items) return null;
  const editable = CHANGEABLE.includes(c.status);
  if (!editable && !c.items.some((item) => item.photo)) return null;
  return h(
    "section",
    { class: "item-photos", "aria-labelledby": "item-photos-title" },
    h("h2", { id: "item-photos-title" }, t("intake.photo.title")),
    h("p", { class: "hint" }, t("intake.photo.why")),
    h(
      "ul",
      { class: "items" },
      c.items.map((item) => h("li", {}, h("strong", {}, item.name), photoFigure(c.id, item, { editable }))),
    ),
  );
}
