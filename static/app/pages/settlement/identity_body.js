// Step 1's identity as typed, read into the body of `PUT …/parties/me` and checked as far as the
// browser can (twelve digits, the required fields); the server checks IIN and BIN checksums.
import { t } from "../../i18n.js";
import { typedRepresentative } from "./representative.js";

// The identity as typed, checked as far as the browser can: { body, problems }.
export function readIdentity(form, kind) {
  const get = (name) => (form.elements[name]?.value ?? "").trim();
  const problems = [];
  const need = (name, ok = (v) => v.length > 0, message = t("settlement.error.required")) => {
    if (!ok(get(name))) problems.push([name, message]);
  };
  const twelve = (v) => /^\d{12}$/.test(v);
  need("full_name");
  need("address", (v) => v.length >= 5, t("settlement.error.address"));
  let body;
  if (kind === "person") {
    need("iin", twelve, t("settlement.error.twelve"));
    body = { kind: "person", full_name: get("full_name"), iin: get("iin"), address: get("address") };
  } else {
    need("legal_form");
    need("bin", twelve, t("settlement.error.twelve"));
    for (const name of ["signatory_full_name", "signatory_position", "signatory_authority"]) need(name);
    need("signatory_iin", twelve, t("settlement.error.twelve"));
    body = {
      kind: "organisation",
      legal_form: get("legal_form"),
      full_name: get("full_name"),
      bin: get("bin"),
      address: get("address"),
      signatory: {
        full_name: get("signatory_full_name"),
        position: get("signatory_position"),
        authority: get("signatory_authority"),
        iin: get("signatory_iin"),
      },
    };
  }
  const rep = typedRepresentative(form);
  if (rep.on) {
    need("rep_full_name");
    need("rep_iin", twelve, t("settlement.error.twelve"));
    need("rep_poa_number");
    need("rep_poa_date", (v) => v.length > 0, t("settlement.error.date"));
    need("rep_poa_issued_by");
    if (!rep.power_of_attorney.settlement_authority)
      problems.push(["rep_authority", t("settlement.error.poa_authority")]);
    const { on, ...representative } = rep;
    body.representative = representative;
  }
  return { body, problems };
}
