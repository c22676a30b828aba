// The room's story lines for the events of blind bidding, fair division, post-settlement
// improvement and mechanism switches, worded for the reader (strings: part "mechanisms").

// → {text, extra} for an event this module words, else null (the room says "something happened").
export function mechanismEntry(_c, _room, _frame) {
  return null;
}
