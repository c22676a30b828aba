// What the centre's pages share: their stylesheet, dates and deadlines in the reader's language,
// and a case's status as a badge.
import { h } from "../../dom.js";
import { language, t } from "../../i18n.js";

const STYLESHEET = "/app/pages/mediator/centre.css";
const CLOSED = ["agreed", "signed", "filed", "failed", "referred"];

// Load the pages' own stylesheet once, before the first page is drawn (no unstyled flash).
let loading = null;
export function centreStyles() {
  if (!loading) {
    loading = new Promise((resolve) => {
      const link = h("link", { rel: "stylesheet", href: STYLESHEET });
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve); // the page still works unstyled
      document.head.append(link);
    });
  }
  return loading;
}

// replaceChildren() with h()'s rules: arrays flattened, null and false left out.
export function fill(el, ...children) {
  el.replaceChildren(
    ...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false),
  );
}

// A party's or an actor's label: "Claimant", "Respondent", "Party 3" … "Party 10", "Mediator".
export function roleName(role) {
  const number = /^party(\d+)$/.exec(role || "");
  return number ? t("centre.role.party", { n: number[1] }) : t(`centre.role.${role}`);
}

// The roles of the case's parties taking part now (joined, not withdrawn), in party order; a row
// from before several parties has no roster: its claimant and respondent.
export function takingPart(c) {
  if (!c.roster) return ["claimant", "respondent"];
  return c.roster.filter((p) => p.state === "joined").map((p) => p.role);
}

export function isClosed(status) {
  return CLOSED.includes(status);
}

// Chromium ships without Kazakh locale data (Intl writes "2026 M12 30" for "kk"), so Kazakh
// dates are spelled out here, as static/app's other pages write them.
const KK_MONTHS = [
  "қаңтар",
  "ақпан",
  "наурыз",
  "сәуір",
  "мамыр",
  "маусым",
  "шілде",
  "тамыз",
  "қыркүйек",
  "қазан",
  "қараша",
  "желтоқсан",
];

function asDate(value) {
  const day = String(value).match(/^(\d{4})-(\d{2})-(\d{2})$/); // a calendar day: no time zone moves it
  return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(value);
}

function clock(date) {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

export function formatDate(value, withTime = false) {
  const date = asDate(value);
  if (language() === "kk") {
    const day = `${date.getFullYear()} жылғы ${date.getDate()} ${KK_MONTHS[date.getMonth()]}`;
    return withTime ? `${day}, ${clock(date)}` : day;
  }
  const options = withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" };
  return new Intl.DateTimeFormat(language(), options).format(date);
}

export function formatMonth(year, month) {
  if (language() === "kk") return `${year} жылғы ${KK_MONTHS[month - 1]}`;
  return new Intl.DateTimeFormat(language(), { year: "numeric", month: "long" }).format(new Date(year, month - 1, 1));
}

// Today's events by their time only; older ones with their date.
export function formatMoment(value) {
  const date = asDate(value);
  if (new Date().toDateString() !== date.toDateString()) return formatDate(date, true);
  return language() === "kk" ? clock(date) : new Intl.DateTimeFormat(language(), { timeStyle: "short" }).format(date);
}

// "5 min ago": recent activity reads faster than a timestamp.
export function ago(value) {
  const seconds = Math.max(0, (Date.now() - asDate(value).getTime()) / 1000);
  if (seconds < 60) return t("centre.ago.now");
  if (seconds < 3600) return t("centre.ago.minutes", { n: Math.round(seconds / 60) });
  if (seconds < 86400) return t("centre.ago.hours", { n: Math.round(seconds / 3600) });
  if (seconds < 86400 * 30) return t("centre.ago.days", { n: Math.round(seconds / 86400) });
  return formatDate(value);
}

export function when(iso) {
  return h("time", { datetime: iso, title: formatDate(iso, true) }, ago(iso));
}

// Days left to the deadline in words; closed cases have none.
export function daysLeft(c) {
  if (isClosed(c.status)) return "—";
  const days = c.days_to_deadline;
  return days >= 0 ? t("centre.days_left", { days }) : t("centre.days_over", { days: -days });
}

export function urgent(c) {
  return !isClosed(c.status) && c.days_to_deadline <= 3;
}

export function statusBadge(status) {
  return h("span", { class: `state state-${status}` }, t(`centre.status.${status}`));
}

export function categoryName(key) {
  const text = t(`cases.category.${key}`);
  return text === `cases.category.${key}` ? key : text;
}
