// Signing with EDS: the server hands out the record's digest, NCALayer signs it on the person's
// machine (../../ncalayer.js), the server checks the CMS and records it (docs/signatures.md).
// Each thing that can go wrong is said in the reader's language: NCALayer not running, the
// dialog closed, and every refusal of the server (a wrong key, an expired certificate, …).
import { api, ApiError } from "../../api.js";
import { h } from "../../dom.js";
import { language, t } from "../../i18n.js";
import { NcaLayerError, signDigest } from "../../ncalayer.js";
import { generalText } from "../../refusals.js";
import { nameList } from "../../settlement_text.js";
import { problemBox, sayAbove, sayProblems } from "../form.js";
import { serverText } from "./refused_fields.js";
import { finished } from "./state.js";

// The "I have read it" box; each form has its own (ids differ).
export function readBox(id) {
  return [
    h(
      "p",
      { class: "check" },
      h("input", { type: "checkbox", id, name: "read", "aria-describedby": `${id}-error` }),
      h("label", { for: id }, t("settlement.f.read")),
    ),
    h("span", { class: "error", id: `${id}-error` }),
  ];
}

export function signedNow(page) {
  const names = page.names();
  const several = page.others.length > 1;
  const waiting = page.s.awaiting ?? page.others;
  page.progressed(
    finished(page.s)
      ? t(several ? "signing.party.all_signed" : "settlement.notice.all_signed")
      : t("settlement.notice.you_signed", { name: nameList(names, waiting) }),
  );
}

export function edsForm(page) {
  const form = h(
    "form",
    { class: "sign-form eds-form", novalidate: true, "aria-labelledby": "eds-title" },
    h("h3", { id: "eds-title" }, t("signing.eds_title")),
    h("p", { class: "hint" }, t("signing.eds_intro")),
    problemBox(),
    ...readBox("f-read-eds"),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary wide" }, t("signing.eds_button")),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    signWithEds(page, form);
  });
  return form;
}

function ncaText(error) {
  return t(`signing.ncalayer.${error.kind}`);
}

function refusalText(error) {
  const key = `signing.refusal.${error.code}`;
  const text = t(key);
  return text === key ? (generalText(error) ?? serverText(error.message)) : text;
}

async function signWithEds(page, form) {
  const read = form.elements.read.checked;
  sayProblems(
    form,
    read
      ? []
      : [
          [null, t("settlement.error.check")],
          ["read", t("settlement.error.read")],
        ],
  );
  if (!read) return;
  const button = form.querySelector("button[type=submit]");
  const again = () => {
    button.disabled = false;
    button.textContent = t("signing.eds_button");
  };
  button.disabled = true;
  button.textContent = t("signing.eds_waiting");
  page.ui.dirty = "sign"; // the text must not change under the person while NCALayer is open
  page.generation++;
  try {
    const prepared = await api("POST", `${page.url}/eds/prepare`);
    if (prepared.record_sha256 !== page.s.record_sha256) {
      again();
      return page.reload("problem", t("settlement.notice.record_changed"));
    }
    const cms = await signDigest(page.methods.ncalayer_url, prepared.digest, language());
    button.textContent = t("signing.eds_checking");
    page.s = await api("POST", `${page.url}/eds/sign`, { token: prepared.token, cms });
  } catch (error) {
    again();
    page.ui.dirty = null;
    if (error instanceof NcaLayerError) {
      sayAbove(form, ncaText(error));
    } else if (error instanceof ApiError) {
      if (["incomplete", "settlement_signed", "eds_older_version"].includes(error.code))
        return page.reload("problem", refusalText(error));
      sayAbove(form, refusalText(error));
    } else {
      throw error;
    }
    button.focus();
    return;
  }
  signedNow(page);
}
