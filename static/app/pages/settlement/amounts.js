// Amounts of money as the settlement page reads and adds them: pure, no DOM. An amount travels
// as the API's decimal string ("210000.50"); sums are made in tiyn (hundredths of a tenge, or of
// whatever the currency is) as BigInt, so they are exact whatever their size.

// The server's limit: 10^15 units of currency, in tiyn.
export const MAX_TIYN = 10n ** 17n;

// "210000.5" → 21000050n.
export function tiyn(amount) {
  const [whole, fraction = ""] = String(amount).split(".");
  return BigInt(whole || "0") * 100n + BigInt(`${fraction}00`.slice(0, 2));
}

// 21000050n → "210000.50"; whole amounts without a fraction ("210000").
export function fromTiyn(value) {
  const whole = value / 100n;
  const rest = value % 100n;
  return rest === 0n ? String(whole) : `${whole}.${String(rest).padStart(2, "0")}`;
}

// An amount as people type it ("210 000", "210000,50", "210,000" in English: `lang` is the
// page's language) → { value } the decimal string the API takes ("210000", "210000.50"), or
// { error } the catalogue key of what is wrong with it.
export function parseAmount(typed, lang) {
  let text = String(typed)
    .replace(/[\s\u00a0\u202f₸]/g, "")
    .replace(/(KZT|тг|тенге|теңге)\.?$/i, "");
  // A comma that groups thousands ("210,000.50", or "210,000" in English) is not a decimal comma.
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(text) && (text.includes(".") || (/,\d{3}$/.test(text) && lang === "en"))) {
    text = text.replace(/,/g, "");
  } else {
    text = text.replace(",", ".");
  }
  if (!text) return { error: "settlement.error.amount" };
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return { error: "settlement.error.amount" };
  const value = text.replace(/^0+(?=\d)/, "");
  if (tiyn(value) === 0n) return { error: "settlement.error.amount_zero" };
  if (tiyn(value) > MAX_TIYN) return { error: "settlement.error.amount_big" };
  return { value };
}
