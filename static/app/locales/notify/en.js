// Strings of the notifications page and its menu link (see ../../i18n.js, part "notify").
export default {
  "notify.nav": "Notifications",
  "notify.nav_unread": "{n} new",
  "notify.title": "Notifications",
  "notify.empty": "No notifications yet. We will tell you here and by e-mail when something happens in your cases.",
  "notify.unread": "New",
  "notify.mark_all": "Mark all as read",
  "notify.all_read": "All notifications are marked as read.",
  "notify.settings_title": "How to tell me",
  "notify.channel": "Send my notifications by",
  "notify.channel.email": "E-mail",
  "notify.channel.sms": "SMS",
  "notify.channel.both": "E-mail and SMS",
  "notify.channel.both_hint_now": "Both at once: the e-mail and the SMS.",
  "notify.channel.both_hint.one":
    "The e-mail first; the SMS follows only if the e-mail is still unread {n} hour later.",
  "notify.channel.both_hint.few":
    "The e-mail first; the SMS follows only if the e-mail is still unread {n} hours later.",
  "notify.channel.both_hint.many":
    "The e-mail first; the SMS follows only if the e-mail is still unread {n} hours later.",
  "notify.channel.both_hint.other":
    "The e-mail first; the SMS follows only if the e-mail is still unread {n} hours later.",
  "notify.phone": "Mobile number for SMS",
  "notify.phone_hint": "For example +7 701 234 56 78.",
  "notify.phone_invalid": "This is not a phone number. Write it like +7 701 234 56 78.",
  "notify.phone_required": "Give your mobile number to get SMS.",
  "notify.quiet": "Do not send anything at night (Kazakhstan time)",
  "notify.quiet_start": "Quiet from",
  "notify.quiet_end": "Quiet until",
  "notify.save": "Save",
  "notify.saved": "Saved. We will tell you this way.",
  "notify.respondent_phone": "Their mobile number (optional: we also send the invitation by SMS)",
  "notify.respondent_phone_hint": "For example +7 701 234 56 78.",
  "notify.respondent_language": "The language of their invitation",
  "notify.language.kk": "Kazakh",
  "notify.language.ru": "Russian",
  "notify.language.en": "English",
};
