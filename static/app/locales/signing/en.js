// Strings of the settlement's signing panel: EDS through NCALayer, and the password as a simple
// electronic signature (see ../../i18n.js, part "signing"; docs/signatures.md).
export default {
  "signing.method.eds": "(EDS)",
  "signing.method.simple": "(simple electronic signature)",
  "signing.now.sign": "Step 3: read the whole text below, then sign it with your EDS through NCALayer.",
  "signing.eds_title": "Sign with EDS (NCALayer)",
  "signing.eds_intro":
    "Your electronic digital signature (EDS) from the National Certification Authority makes this settlement equal to one signed on paper. NCALayer will ask you to choose your signing key (RSA_…) and to type its password.",
  "signing.eds_button": "Sign with EDS (NCALayer)",
  "signing.eds_waiting": "Waiting for NCALayer…",
  "signing.eds_checking": "Checking the signature…",
  "signing.simple_title": "Simple electronic signature (password)",
  "signing.simple_intro":
    "You confirm your consent by typing your Kelisim password. This is a simple electronic signature, not an EDS.",
  "signing.none": "Signing is not available for this case yet. Please contact the conciliation centre.",
  "signing.ncalayer.unavailable":
    "NCALayer is not running. Start NCALayer on this computer, then press the button again.",
  "signing.ncalayer.cancelled": "You closed NCALayer without signing. Press the button again when you are ready.",
  "signing.ncalayer.failed": "NCALayer could not sign. Check your key and its password, then try again.",
  "signing.ncalayer.timeout": "NCALayer did not answer in time. Press the button again.",
  "signing.refusal.eds_cms_malformed": "The signature could not be read. Sign again with NCALayer.",
  "signing.refusal.eds_signature_invalid": "The signature does not match the certificate. Sign again.",
  "signing.refusal.eds_older_version": "The text changed while you were signing. Read the new text and sign again.",
  "signing.refusal.eds_unsupported_algorithm": "This key type (GOST) is not accepted yet. Choose your RSA signing key.",
  "signing.refusal.eds_authentication_key":
    "You chose the authentication key (AUTH_…). Choose your signing key (RSA_…).",
  "signing.refusal.eds_not_for_signing": "This certificate is not meant for signing. Choose your signing key.",
  "signing.refusal.eds_unknown_issuer":
    "This certificate was not issued by the National Certification Authority of Kazakhstan.",
  "signing.refusal.eds_expired": "Your certificate has expired. Renew it, then sign again.",
  "signing.refusal.eds_not_yet_valid": "Your certificate is not valid yet.",
  "signing.refusal.eds_revoked": "Your certificate has been revoked. Get a new one, then sign again.",
  "signing.refusal.eds_revocation_unknown":
    "We could not check whether your certificate is revoked. Please try again later.",
  "signing.refusal.eds_certificate_invalid": "Your certificate is not valid.",
  "signing.refusal.eds_wrong_iin":
    "The IIN in this certificate is not the IIN in the settlement. Sign with your own key.",
  "signing.refusal.eds_wrong_bin": "The BIN in this certificate is not the organisation's BIN in the settlement.",
  "signing.refusal.eds_person_for_organisation":
    "For an organisation, sign with the organisation's certificate (with its BIN).",
  "signing.refusal.eds_token_invalid": "The signing request is not valid. Press the button again.",
  "signing.refusal.eds_token_expired": "The signing request expired. Press the button again.",
  "signing.refusal.eds_unavailable": "Signing with EDS is not available on this service.",
  "signing.refusal.simple_signature_not_allowed":
    "This centre accepts only an EDS for settlements. Sign with NCALayer.",
  "signing.attest_title": "Attest with EDS (NCALayer)",
  "signing.attest_button": "Attest with EDS (NCALayer)",
  "signing.attest_intro":
    "Your EDS signs the attestation statement (the case, you, your centre and the contract date). NCALayer will ask you to choose your signing key (RSA_…) and to type its password. Without an EDS, use the form “Attest the mediation”.",
  "signing.attested_eds": "The mediation is attested with your EDS.",
  // The organisation's signatory and their IIN (#14: an organisation's EDS names both its BIN and
  // the IIN of the employee it was issued to).
  "signing.f.signatory_iin": "The signatory's IIN",
  "signing.f.signatory_iin_hint":
    "The signatory's own IIN, 12 digits. When signing with the organisation's EDS, the certificate must be issued to this person.",
  "signing.signatory_iin": "Signatory's IIN",
  "signing.signatory_iin_missing": "not given yet: edit the details and add it",
  "signing.refusal.eds_wrong_signatory_iin":
    "The BIN in this certificate is right, but the certificate was issued to another employee: its IIN is not the signatory's IIN in the settlement. Sign with the certificate of the person named as the signatory, or change the signatory in your details.",
  "signing.refusal.eds_signatory_iin_missing":
    "The IIN of the person who signs for the organisation is not given yet. Edit your details in step 1, add it, then sign.",
  // A settlement of three to ten parties (#17): each party by its number, whom an obligation is
  // for, every party together, and how many have signed.
  "signing.party.title": "Party {n} ({side})",
  "signing.party.word": "party {n}",
  "signing.party.side.claimant": "the claimant's side",
  "signing.party.side.respondent": "the respondent's side",
  "signing.party.side.own": "in its own right",
  "signing.party.all": "All parties together",
  "signing.party.all_line": "All the parties do this together; each may require the others to do their part.",
  "signing.party.all_doers": "All parties together: {names}",
  "signing.party.payee": "Who receives the payment",
  "signing.party.for_whom": "For whom",
  "signing.party.costs": "Costs: {name} bears them.",
  "signing.party.unknown": "Choose one of the parties to this settlement.",
  "signing.party.signed_count": "Signed by {signed} of {total}. Waiting for: {names}.",
  "signing.party.all_signed": "All the parties have signed. Your document is ready.",
  "signing.party.now_signed": "Done: all the parties have signed. Download your document below.",
  "signing.party.not_yours":
    "You left this case before the agreement, so the settlement is between the other parties: you do not sign it.",
};
