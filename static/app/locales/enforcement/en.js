// Strings of the application for a writ of execution (see ../../i18n.js, part "enforcement";
// pages/settlement/writ.js).
export default {
  "enforcement.title": "Apply to the court for a writ of execution",
  "enforcement.intro":
    "An obligation owed to you was not kept on time. Kelisim drafts the application for a writ of execution: the parties, the settlement's verification code, the schedule's history and the sums due today, sealed by the platform. You file it with the court, which also sees it through Kelisim.",
  "enforcement.language": "Language of the application",
  "enforcement.language.kk": "Kazakh",
  "enforcement.language.ru": "Russian",
  "enforcement.court": "Court",
  "enforcement.court.named": "The court the settlement names",
  "enforcement.make": "Draft the application",
  "enforcement.made": "The application is ready. Download it below.",
  "enforcement.mine": "My applications",
  "enforcement.item": "{date}, {court}: {total}",
  "enforcement.download": "Download the PDF",
  "enforcement.sent": "Sent to the court",
  "enforcement.registered": "Registered by the court, no. {number}",
  "enforcement.refused.not_in_default":
    "Nothing to enforce yet: you can apply once a due is later than the grace the settlement allows.",
  "enforcement.refused.no_court": "The settlement names no court: choose one.",
  "enforcement.refused.unknown_court": "This court is not connected to Kelisim.",
  "enforcement.refused.not_signed": "Not every party has signed the settlement yet.",
};
