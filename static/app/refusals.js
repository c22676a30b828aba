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

// Any refusal in words: the general ones, else its code (which support can look up), never the
// server's English.
export function refusalText(error) {
  return generalText(error) ?? t("refusal.other", { code: error.code });
}
