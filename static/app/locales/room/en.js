// Strings of a room with several parties (#17): who has accepted the offer on the table, whom the
// room is waiting for, who is here, and leaving the negotiation (see ../../i18n.js, part "room").
export default {
  "room.parties.who": "The parties",
  "room.parties.here": "in the room",
  "room.parties.away": "not in the room",
  "room.parties.left": "left the negotiation",
  "room.parties.you": "you",
  "room.parties.accepted": "Accepted: {names}.",
  "room.parties.waiting": "Waiting for: {names}.",
  "room.parties.you_accepted": "You accepted offer no. {version} by {name}:",
  "room.parties.you_left": "You have left the negotiation. You can still read what happens here.",
  "room.parties.others": "the other parties",
  "room.parties.leave": "Leave the negotiation",
  "room.parties.leave_q": "Leave the negotiation?",
  "room.parties.leave_text":
    "The others will go on without you and will no longer wait for your answer. If fewer than two parties remain, the mediation ends without an agreement. This cannot be undone.",
  "room.parties.leave_yes": "Yes, leave",
  "room.parties.leave_failed": "You could not leave the negotiation now. Reload the page and try again.",
  "room.ev.party_withdrew.mine": "You left the negotiation.",
  "room.ev.party_withdrew.theirs": "{name} left the negotiation. The others go on without them.",
  "room.ev.closed.withdrew": "Fewer than two parties remain: the mediation ended without an agreement.",
  "room.refused.not_a_party": "You have left this negotiation: you can no longer make moves in it.",
  "room.parties.agreed_text": "Every party taking part accepted the same offer. Please review it.",
  "room.parties.accept_text": "If you accept, and every other party taking part does too, this becomes your agreement:",
  "room.parties.withdraw_text": "The others will no longer be able to accept it.",
  "room.parties.reject_reason": "Why? (optional, every party will see this)",
};
