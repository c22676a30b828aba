// Strings of a case's referral to court: the note on the parties' and the mediator's case page,
// and the court chosen in the mediator's referral form (see ../../i18n.js, part "referral").
export default {
  "referral.title": "Referred to court",
  "referral.on": "The case was referred to court on {date}.",
  "referral.court": "Court: {name}.",
  "referral.no_court": "No court connected to Kelisim was named, so no court receives the case through Kelisim.",
  "referral.number": "The court's case number: {number}.",
  "referral.waiting": "The court has not registered the case yet. Its case number will appear here.",
  "referral.field.court": "Court",
  "referral.field.court_hint":
    "The court receives the basic facts of the case, and the negotiation record only if both parties agreed to share it.",
  "referral.field.choose": "Choose the court",
  "referral.field.no_court": "No court (not sent to a court through Kelisim)",
};
