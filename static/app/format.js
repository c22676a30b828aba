// Dates and amounts as people write them. Chromium ships without Kazakh locale data (Intl gives
// "2026 M11 30" and "KZT 210,000" for "kk"), so Kazakh is spelled out here; other languages use Intl.
import { language } from "./i18n.js";

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
const NBSP = "\u00a0";

function asDate(value) {
  if (value instanceof Date) return value;
  const text = String(value);
  // A calendar date ("2026-12-30") is a day, not a moment: no time zone may move it.
  const day = text.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(text);
}

export function formatDay(value) {
  const date = asDate(value);
  if (language() === "kk") return `${date.getFullYear()} жылғы ${date.getDate()} ${KK_MONTHS[date.getMonth()]}`;
  return new Intl.DateTimeFormat(language(), { dateStyle: "long" }).format(date);
}

export function formatMoment(value) {
  const date = asDate(value);
  if (language() === "kk") {
    const time = `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
    return `${formatDay(date)}, ${time}`;
  }
  return new Intl.DateTimeFormat(language(), { dateStyle: "long", timeStyle: "short" }).format(date);
}

function kkNumber(number, fractionDigits) {
  const [whole, fraction] = Math.abs(number).toFixed(fractionDigits).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${number < 0 ? "−" : ""}${grouped}${fraction ? `,${fraction}` : ""}`;
}

// Money is written one way in every language: the amount as the language groups digits, a
// no-break space, then the tenge sign ("210 000 ₸" in kk and ru, "210,000 ₸" in en). Intl's
// currency style is not used: Chromium writes "210 000 KZT" in Russian and "KZT 210,000" for
// Kazakh, so the same page said KZT in one language and ₸ in another. Another currency keeps its
// code in the same place ("1 500 USD").
const SIGNS = { KZT: "₸" };

// The sign written after an amount, for a label that names the currency ("Amount (₸)").
export function currencySign(currency = "KZT") {
  return SIGNS[currency] ?? currency;
}

export function formatMoney(amount, currency = "KZT") {
  const number = Number(amount);
  if (!Number.isFinite(number)) return `${amount}${NBSP}${currencySign(currency)}`;
  const digits = Number.isInteger(number) ? 0 : 2;
  const text =
    language() === "kk"
      ? kkNumber(number, digits)
      : new Intl.NumberFormat(language(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
          number,
        );
  return `${text}${NBSP}${currencySign(currency)}`;
}

export function formatNumber(value) {
  const number = Number(value);
  if (language() === "kk")
    return Number.isInteger(number) ? kkNumber(number, 0) : kkNumber(number, 2).replace(/0+$/, "");
  return new Intl.NumberFormat(language(), { maximumFractionDigits: 2 }).format(number);
}
