// Strings of the verification page's list of the PDF's signatures (see ../../i18n.js, part
// "verification"; docs/settlement.md, "Verification").
export default {
  "verification.signatures": "Signatures in the file",
  "verification.seal": "Platform seal",
  "verification.timestamp": "Timestamp",
  "verification.eds": "EDS",
  "verification.simple": "simple electronic signature (password)",
  "verification.iin": "IIN {value}",
  "verification.bin": "BIN {value}",
  "verification.signatory_iin": "signatory's IIN {value}",
  "verification.issuer": "issued by {issuer}",
  "verification.valid": "valid",
  "verification.invalid": "not valid",
  "verification.problem.signature_not_intact": "the signed part was changed",
  "verification.problem.signature_invalid": "the signature does not match",
  "verification.problem.signer_not_trusted": "the certificate is not from a trusted authority",
  "verification.problem.modified_after_signing": "the file was changed after this signature",
  "verification.problem.signature_unreadable": "the signature cannot be read",
  "verify.reason.party_signature_invalid": "A party's signature in the file is not valid.",
};
