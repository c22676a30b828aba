// The mediator attests the mediation with EDS: the server hands out the digest of the
// attestation statement (case, mediator, centre, contract date), NCALayer signs it on the
// mediator's machine (../../ncalayer.js), the server checks the CMS and attests
// (docs/signatures.md, "Mediators attest with EDS"). What can go wrong is said in the reader's
// language: NCALayer not running, its dialog closed, and every refusal of the server.
import { ApiError, api } from "../../api.js";
import { announce, h } from "../../dom.js";
import { language, t } from "../../i18n.js";
import { NcaLayerError, signDigest } from "../../ncalayer.js";
import { refusalText } from "../../refusals.js";
import { clearProblems, problemBox, sayAbove } from "../form.js";

// An EDS refusal in the signing part's words; any other in the general ones.
function refused(error) {
  const key = `signing.refusal.${error.code}`;
  const text = t(key);
  return text === key ? refusalText(error) : text;
}

// `dateField` is the contract date's input (case_actions.js builds it); `done()` rereads the
// case once it is attested.
export function attestEdsForm(view, dateField, done) {
  const url = `/api/centre/cases/${view.case.id}/attest`;
  const error = problemBox();
  const button = h("button", { type: "submit", class: "button" }, t("signing.attest_button"));
  const form = h(
    "form",
    { class: "action-form action-attest-eds", "aria-label": t("signing.attest_title") },
    h("p", { class: "hint" }, t("signing.attest_intro")),
    dateField,
    button,
    error,
  );
  const ready = () => {
    button.disabled = false;
    button.textContent = t("signing.attest_button");
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblems(form);
    const date = { mediation_contract_date: new FormData(form).get("contract_date") };
    button.disabled = true;
    button.textContent = t("signing.eds_waiting");
    try {
      const prepared = await api("POST", `${url}/eds/prepare`, date);
      const cms = await signDigest(view.ncalayer_url, prepared.digest, language());
      button.textContent = t("signing.eds_checking");
      await api("POST", `${url}/eds`, { ...date, token: prepared.token, cms });
    } catch (failure) {
      ready();
      if (failure instanceof NcaLayerError) sayAbove(form, t(`signing.ncalayer.${failure.kind}`));
      else if (failure instanceof ApiError) sayAbove(form, refused(failure));
      else throw failure;
      button.focus();
      return;
    }
    ready();
    announce(t("signing.attested_eds"));
    await done();
  });
  return form;
}
