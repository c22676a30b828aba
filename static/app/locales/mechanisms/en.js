// Strings of the mechanisms' shared parts (see ../../i18n.js, part "mechanisms"): the room's story
// lines for bidding, division, improvement and switches (room/mechanism_events.js), the room's
// table per mechanism (pages/room.js) and the improvement page (pages/improvement.js).
export default {
  "mech.name.packages": "offers of whole packages",
  "mech.name.bidding": "blind bidding",
  "mech.name.division": "fair division of the items",
  "mech.rules.text": "{rounds} rounds of {hours} hours each; settled when the gap is {gap}",
  "mech.rules.gap_percent": "at most {value}% of the demand",
  "mech.rules.gap_absolute": "at most {amount}",
  "mech.option.packages": "negotiate with offers",
  "mech.option.mediator": "talk with a live mediator",
  "mech.option.court": "refer the dispute to court",

  "mech.ev.rules_proposed.mine": "You proposed the bidding rules: {rules}.",
  "mech.ev.rules_proposed.theirs": "{name} proposed the bidding rules: {rules}.",
  "mech.ev.rules_agreed.mine": "You accepted the bidding rules: {rules}.",
  "mech.ev.rules_agreed.theirs": "{name} accepted the bidding rules: {rules}.",
  "mech.ev.round_opened": "Round {round} is open: send your sealed amount by {deadline}.",
  "mech.ev.round_moved": "The mediation was paused, so round {round} now closes at {deadline}.",
  "mech.ev.not_yet": "Round {round}: not yet.",
  "mech.ev.settled": "Round {round}: settled at {amount}. This is your agreement.",
  "mech.ev.no_settlement": "The bidding ended after round {round} without a settlement. You can go on: {options}.",
  "mech.ev.choice.mine": "You chose: {option}.",
  "mech.ev.choice.theirs": "{name} chose: {option}.",
  "mech.ev.bidding_switched": "You both chose to negotiate with offers: you can make them here.",
  "mech.ev.court_chosen":
    "You both chose court: the mediation has ended without an agreement, and the mediator may refer the dispute to court.",
  "mech.ev.points.mine": "You gave your points to the items (the other side does not see them).",
  "mech.ev.points.theirs": "{name} gave their points to the items (you cannot see them, and they cannot see yours).",
  "mech.ev.allocation": "Kelisim proposed a fair division of the items:",
  "mech.ev.improvement_offered":
    "Kelisim found an arrangement at least as good for each of you. Each of you decides privately, by {deadline}:",
  "mech.ev.improvement_adopted":
    "Everyone accepted the improved arrangement: it replaces your agreement, and the text to sign is drafted again from it:",
  "mech.ev.improvement_lapsed.declined": "Not everyone accepted the improved arrangement: your agreement stands.",
  "mech.ev.improvement_lapsed.expired": "The time to answer the improved arrangement ran out: your agreement stands.",
  "mech.ev.improvement_lapsed.signed":
    "The settlement was signed, so the improved arrangement is off: your agreement stands.",
  "mech.ev.switch_proposed": "{name} (mediator) proposes to go on by {to}. It changes only if you both agree.",
  "mech.ev.switch_consented.mine": "You agreed to the switch.",
  "mech.ev.switch_consented.theirs": "{name} agreed to the switch.",
  "mech.ev.switch_declined.mine": "You declined the switch; the case goes on as before.",
  "mech.ev.switch_declined.theirs": "{name} declined the switch; the case goes on as before.",
  "mech.ev.switched": "You both agreed: the case now goes on by {to}.",
  "mech.ev.switch_proposed_all": "{name} (mediator) proposes to go on by {to}. It changes only if all of you agree.",
  "mech.ev.switched_all": "Everyone agreed: the case now goes on by {to}.",
  "mech.ev.bidding_switched_all": "Every party chose to negotiate with offers: you can make them here.",

  "mech.go.bidding_rules": "See the rules and answer",
  "mech.go.bid": "Go to the bidding",
  "mech.go.choose": "Choose how to go on",
  "mech.go.agreement": "Review the agreement",
  "mech.go.division": "Go to the division of the items",
  "mech.go.why_fair": "Why it is fair to you",
  "mech.go.improvement": "See what you gain and answer",
  "mech.go.settlement": "Go on to signing",
  "mech.go.switch": "Answer on the case page",

  "mech.table.bidding.agreeing":
    "Blind bidding: the rules are not agreed yet. Once you both agree them, round 1 opens.",
  "mech.table.bidding.proposed": "Blind bidding: you proposed rules; they wait for the other side's answer.",
  "mech.table.bidding.proposed_to_me":
    "Blind bidding: the other side proposed rules. See them and answer on the bidding page.",
  "mech.table.bidding.chosen":
    "Blind bidding ended without a settlement. You chose: {option}. The other side chooses too.",
  "mech.table.bidding.open":
    "Blind bidding: round {round} of {rounds} is open until {deadline}. Each of you sends a sealed amount; only “settled” or “not yet” is ever shown.",
  "mech.table.bidding.no_settlement": "Blind bidding ended without a settlement. Choose how to go on.",
  "mech.table.bidding.court":
    "Blind bidding ended without a settlement and you both chose court. The mediation is over.",
  "mech.table.bidding.no_offers":
    "In blind bidding nobody makes offers here: amounts are sent sealed on the bidding page.",
  "mech.table.bidding.go": "Go to the bidding",
  "mech.table.division.no_offer":
    "There is no offer yet. Give your points to the items privately: Kelisim then proposes a fair division, which you can offer as it is or change.",
  "mech.table.division.proposed":
    "Kelisim proposed a fair division of the items. You can offer it as it is, or change it first; then the other side answers.",
  "mech.table.division.offer_it": "Offer this division",
  "mech.table.division.go": "Go to the division of the items",
  "mech.agreed.settled": "The bidding settled at {amount}.",
  "mech.improve.notice": "Kelisim found an arrangement at least as good for each of you. Decide by {deadline}.",
  "mech.improve.link": "See the improved arrangement",
  "mech.improve.adopted": "This is the improved arrangement you all accepted; it replaced the first agreement.",

  "imp.title": "An arrangement at least as good for each of you",
  "imp.lead": "We found an arrangement at least as good for each of you as the one you agreed.",
  "imp.private":
    "Everything here is about you alone, by your own private answers. The others see only their own gain, never yours, and will not learn your answer until the offer ends.",
  "imp.gain": "For you it is better: +{points} on your own scale of 100 points.",
  "imp.gain_none": "For you it is just as good as your agreement.",
  "imp.changes": "What would change",
  "imp.change": "{issue}: {offered} instead of {agreed}; for you {points}",
  "imp.change_same": "{issue}: {offered} instead of {agreed}; no difference to you",
  "imp.whole": "The whole arrangement offered",
  "imp.deadline": "Decide by {deadline}. Unless everyone accepts by then, your agreement stands.",
  "imp.accept": "Accept the better arrangement",
  "imp.keep": "Keep our agreement",
  "imp.accept_q": "Accept the improved arrangement?",
  "imp.accept_text":
    "If everyone else accepts too, it replaces your agreement and the text to sign is drafted again from it. Otherwise your agreement stands.",
  "imp.accept_yes": "Yes, I accept",
  "imp.keep_q": "Keep your agreement as it is?",
  "imp.keep_text":
    "The improved arrangement will be off for everyone and your agreement stands. This cannot be undone.",
  "imp.keep_yes": "Yes, keep the agreement",
  "imp.accepted": "You accepted. Now the others decide; you will see the outcome here.",
  "imp.adopted":
    "Everyone accepted: the improved arrangement replaces your agreement, and the text to sign has been drafted again from it.",
  "imp.lapsed.declined": "Not everyone accepted the improved arrangement. Your agreement stands as it is.",
  "imp.lapsed.expired": "The time to answer ran out. Your agreement stands as it is.",
  "imp.lapsed.signed": "The settlement was signed, so the improved arrangement is off. Your agreement stands as it is.",
  "imp.to_settlement": "Go on to signing",
  "imp.to_agreement": "See your agreement",
  "imp.none": "No improvement was offered: your agreement is already as good as it can be for each of you.",
  "imp.closed": "This offer is no longer open. Here is how it ended.",
};
