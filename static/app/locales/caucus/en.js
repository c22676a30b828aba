// Strings of the private caucus: a party's conversation with the mediator alone, and the
// mediator's panels (see ../../i18n.js, part "caucus").
export default {
  "caucus.title": "Private conversation with the mediator",
  "caucus.about":
    "Only you and the mediator see this conversation. The other parties see neither the conversation nor that it exists.",
  "caucus.ask": "Ask the mediator for a private conversation",
  "caucus.party.requested":
    "You have asked the mediator for a private conversation. The mediator will open it as soon as they can.",
  "caucus.party.open": "Your private conversation with the mediator is open.",
  "caucus.party.closed": "The mediator has ended the private conversation. You can ask for another one.",
  "caucus.your_message": "Your message",
  "caucus.send": "Send",
  "caucus.sent": "Sent.",
  "caucus.empty": "No messages yet.",
  "caucus.you": "You",
  "caucus.write_something": "Write a message first.",
  "caucus.unavailable":
    "You cannot write here now: the case has no mediator at the moment, or the mediation is over. What was said stays here.",
  "caucus.live_lost": "Connection lost. Reconnecting…",
  "caucus.staff_title": "Private conversations with the parties",
  "caucus.staff_about":
    "Each party sees only its own conversation with you; the other parties never learn of it. The centre's administrators do not see these conversations.",
  "caucus.with": "Party: {name}",
  "caucus.state.none": "No conversation has been opened.",
  "caucus.state.requested": "This party has asked for a private conversation ({moment}).",
  "caucus.state.open": "The conversation is open.",
  "caucus.state.closed": "The conversation has ended.",
  "caucus.asked_you": "{name} has asked you for a private conversation.",
  "caucus.open_button": "Open the conversation",
  "caucus.close_button": "End the conversation",
  "caucus.decline_button": "Decline the request",
  "caucus.message_to": "Message (party: {name})",
  "caucus.refusal.caucus_open": "The private conversation is already open.",
  "caucus.refusal.caucus_not_open": "The private conversation is not open: the mediator opens it.",
  "caucus.refusal.no_mediator": "The case has no mediator yet.",
  "caucus.refusal.mediation_closed": "The mediation is over: the conversation can be read but not continued.",
};
