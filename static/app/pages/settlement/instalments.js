// A payment in parts: the arithmetic of its schedule, pure, no DOM. Amounts are the API's
// decimal strings; sums are made in tiyn (amounts.js).
import { fromTiyn, tiyn } from "./amounts.js";

// "Divide into equal parts", as the server's draft divides: whole units each, the last part
// takes the rest. → { parts: [decimal strings], share: the decimal string of one equal part }.
export function equalParts(total, count) {
  const all = tiyn(total);
  const share = (all / BigInt(count) / 100n) * 100n;
  const parts = [];
  for (let k = 0; k < count; k++) parts.push(fromTiyn(k === count - 1 ? all - share * BigInt(count - 1) : share));
  return { parts, share: fromTiyn(share) };
}

// What the parts add up to, as a decimal string.
export function sumOfParts(instalments) {
  return fromTiyn(instalments.reduce((total, part) => total + tiyn(part.amount), 0n));
}

// The obligation's own due date is its last part's (the terms API checks that they agree).
export function dueDateOf(instalments) {
  return instalments[instalments.length - 1].due_date;
}
