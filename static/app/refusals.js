// What a refusal from the server says to a person, in the page's language. The server's `message`
// is English; people here read Kazakh or Russian on a phone, so a refusal is said from its stable
// `code` (docs/api.md), and a "wait" (429, 503) with the time its Retry-After gives, the number's
// plural form right ("1 минуту", "2 минуты", "5 минут").
import { language, t } from "./i18n.js";

// The plural category of `n` in the page's language, by the browser's CLDR rules where it has
// them. Kazakh needs none: a noun after a number keeps one form ("1 минут", "5 минут"), so its
// catalogue says the same in every category, whatever the browser knows.
function category(n) {
  const lang = language();
  return Intl.PluralRules.supportedLocalesOf([lang]).length ? new Intl.PluralRules(lang).select(n) : "other";
}

// t() of `key.one`, `key.few`, `key.many` or `key.other` (every catalogue has all four), with {n}.
export function plural(key, n) {
  return t(`${key}.${category(n)}`, { n });
}

// "Try again in 40 seconds." / "… in 15 minutes." / "… in 2 hours.": rounded up, so that nobody
// is told to come back before the server lets them; without a Retry-After, "a few minutes".
export function waitText(seconds) {
  if (!(seconds > 0)) return t("refusal.wait_unknown");
  if (seconds < 60) return plural("refusal.wait_seconds", Math.ceil(seconds));
  if (seconds <= 3600) return plural("refusal.wait_minutes", Math.ceil(seconds / 60));
  return plural("refusal.wait_hours", Math.ceil(seconds / 3600));
}

// Refusals that say "not now": what happened, then how long to wait.
const WAITS = {
  login_throttled: "refusal.login_throttled",
  reauth_throttled: "refusal.reauth_throttled",
  reset_throttled: "refusal.reset_throttled",
  too_many_requests: "refusal.too_many_requests",
  verify_busy: "refusal.verify_busy",
};

// Refusals any page can meet that belong to no field, in words; null for the page's own codes.
export function generalText(error) {
  if (error.code === "network") return t("error.network");
  if (error.code === "origin_not_allowed") return t("refusal.origin_not_allowed");
  if (error.code === "csrf_failed") return t("refusal.csrf_failed");
  if (Object.hasOwn(WAITS, error.code) || error.status === 429) {
    return `${t(WAITS[error.code] ?? "refusal.too_many_requests")} ${waitText(error.retryAfter)}`;
  }
  if (error.status >= 500) return t("refusal.server");
  return null;
}

// Refusals of a whole request that any page may meet, beyond the general ones.
const WHOLE = {
  not_authenticated: "refusal.not_authenticated",
  session_expired: "refusal.not_authenticated",
  case_not_found: "refusal.case_not_found",
  case_not_open: "refusal.case_not_open",
  not_a_party: "refusal.not_a_party",
  validation_failed: "refusal.check_fields",
  invitation_used: "refusal.invitation_used",
  invitation_expired: "refusal.invitation_expired",
  invitation_revoked: "refusal.invitation_revoked",
  invitation_not_found: "refusal.invitation_not_found",
  already_party: "refusal.already_party",
  respondent_joined: "refusal.respondent_joined",
  conflict: "refusal.conflict",
};

// Any refusal in words: the general ones, the common codes, else a plain "it did not work" in
// the reader's language. Never the server's English `message`, and no code either: a Latin
// word means nothing to a person reading Kazakh or Russian.
export function refusalText(error) {
  return (
    generalText(error) ??
    (Object.hasOwn(WHOLE, error.code) ? t(WHOLE[error.code]) : null) ??
    (error.status === 413 ? t("refusal.too_large") : t("refusal.other"))
  );
}

// A field's rule in words, from its `code` and the limits the server gives as `params`
// (docs/api.md "Errors: one shape"): "at least 8 characters", with the number's plural form.
const RULES = {
  missing: "refusal.rule.missing",
  control_character: "refusal.rule.invisible",
  lone_surrogate: "refusal.rule.invisible",
  line_break: "refusal.rule.line_break",
  iin_invalid: "refusal.rule.iin_invalid",
  bin_invalid: "refusal.rule.bin_invalid",
  password_weak: "password.error.weak",
  literal_error: "refusal.rule.choice",
  enum: "refusal.rule.choice",
  bool_type: "refusal.rule.choice",
  int_parsing: "refusal.rule.number",
  int_type: "refusal.rule.number",
  int_from_float: "refusal.rule.whole_number",
  float_parsing: "refusal.rule.number",
  float_type: "refusal.rule.number",
  decimal_parsing: "refusal.rule.number",
  decimal_type: "refusal.rule.number",
  decimal_max_places: "refusal.rule.decimal_places",
  date_parsing: "refusal.rule.date",
  date_from_datetime_parsing: "refusal.rule.date",
  date_type: "refusal.rule.date",
  string_pattern_mismatch: "refusal.rule.pattern",
};

// The comparisons: the limit said as a number in the reader's way of writing it.
const COMPARED = { greater_than: "gt", greater_than_equal: "ge", less_than: "lt", less_than_equal: "le" };

export function ruleText(code, params = {}) {
  if (code === "string_too_short") {
    return (params.min_length ?? 1) <= 1 ? t("refusal.rule.missing") : plural("refusal.rule.short", params.min_length);
  }
  if (code === "string_too_long") return plural("refusal.rule.long", params.max_length ?? 0);
  if (code === "too_short") return plural("refusal.rule.too_few", params.min_length ?? 1);
  if (code === "too_long") return plural("refusal.rule.too_many", params.max_length ?? 0);
  if (Object.hasOwn(COMPARED, code)) {
    const limit = Number(params[COMPARED[code]]);
    const n = Number.isFinite(limit) ? limit.toLocaleString(language()) : "";
    return t(`refusal.rule.${code}`, { n });
  }
  return t(Object.hasOwn(RULES, code) ? RULES[code] : "refusal.rule.other");
}

// What to say of one refused field of a 422: `fields[i]` of an ApiError.
export function fieldText(refused) {
  return ruleText(refused.code, refused.params ?? {});
}
