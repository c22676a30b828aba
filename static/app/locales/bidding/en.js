// Strings of the bidding pages (see ../../i18n.js, part "bidding").
export default {
  "bidding.title": "Blind bidding",
  "bidding.intro":
    "You and {name} each name one amount per round, sealed. Nobody ever sees the other's amount, not even the mediator: we only say “settled at …” or “not yet”.",
  "bidding.other_mechanism": "This case is not settled by blind bidding.",
  "bidding.to_case": "Back to the case",
  "bidding.not_joined": "Waiting for {name} to join the case",
  "bidding.not_joined_text": "Blind bidding starts once both of you are in the case. This page will show it by itself.",
  "bidding.closed": "Blind bidding is not running in this case now.",
  "bidding.paused": "The mediator has paused the mediation",
  "bidding.paused_text":
    "Bidding goes on when the mediation resumes; the open round's time is moved by as long as the pause lasted.",

  "bidding.agree.first": "First, agree the rules",
  "bidding.agree.first_text":
    "Before anyone names an amount, you and {name} agree how the bidding goes. Propose the rules below; {name} accepts them or proposes others.",
  "bidding.agree.theirs": "{name} proposes these rules",
  "bidding.agree.accept_means": "If you accept, round 1 opens at once for both of you.",
  "bidding.agree.accept": "Accept these rules",
  "bidding.agree.propose_other": "Propose other rules",
  "bidding.agree.waiting": "Waiting for {name} to accept",
  "bidding.agree.yours": "You proposed these rules:",
  "bidding.agree.waiting_text":
    "When {name} accepts, round 1 opens and this page shows it by itself. You can change your proposal until then.",
  "bidding.agree.change": "Change my proposal",

  "bidding.rules.rounds": "Rounds",
  "bidding.rules.gap": "Gap we bridge",
  "bidding.rules.gap_percent": "{n}% of the claimant's amount",
  "bidding.rules.gap_amount": "{amount}",
  "bidding.rules.gap_none": "none: the amounts must meet",
  "bidding.rules.hours": "Each round is open",
  "bidding.rules.announce": "You learn each round's outcome",
  "bidding.rules.announce_at_deadline": "at the round's deadline, both at the same time",
  "bidding.rules.announce_when_both_in": "as soon as both have bid (so each learns that the other has bid)",
  "bidding.rules.agreed": "The rules you agreed",
  "bidding.hours.one": "{n} hour",
  "bidding.hours.few": "{n} hours",
  "bidding.hours.many": "{n} hours",
  "bidding.hours.other": "{n} hours",

  "bidding.form.rounds": "Number of rounds",
  "bidding.form.rounds_hint": "From 1 to 10. Each round is one more chance to meet; 3 is usual.",
  "bidding.form.gap": "The gap you agree to bridge",
  "bidding.form.gap_hint":
    "If the two amounts of a round are this close or closer, the case settles at an amount between them. A bigger gap settles sooner.",
  "bidding.form.kind_percent": "A share.",
  "bidding.form.kind_percent_text": "A percent of the claimant's amount, for example 5%.",
  "bidding.form.kind_absolute": "An amount.",
  "bidding.form.kind_absolute_text": "A fixed sum, for example 50 000 ₸. 0 means the amounts must meet.",
  "bidding.form.value_percent": "The gap, in percent",
  "bidding.form.value_amount": "The gap, in {currency}",
  "bidding.form.value_hint": "A whole number: percent from 0 to 100, or an amount.",
  "bidding.form.hours": "Hours each round is open",
  "bidding.form.hours_hint":
    "From 1 to 720. 72 hours is 3 days. If the time runs out before both amounts are in, that round counts as “not yet”.",
  "bidding.form.announce": "When you learn a round's outcome",
  "bidding.form.announce_hint": "Either way, nobody ever sees the other's amount.",
  "bidding.form.announce_at_deadline": "At the round's deadline.",
  "bidding.form.announce_at_deadline_text":
    "You both learn the outcome when the round's time ends, at the same time, whoever named an amount first and whenever. Neither of you learns whether or when the other has bid.",
  "bidding.form.announce_when_both_in": "As soon as both have bid.",
  "bidding.form.announce_when_both_in_text":
    "Quicker, but it tells you more: you will learn that the other party has bid. If the answer comes right after your amount, the other party had named theirs first.",
  "bidding.form.propose": "Propose these rules",

  "bidding.round.title": "Round {n} of {of}",
  "bidding.round.until": "Open until {when}",
  "bidding.bid.label.claimant": "The least I would accept now, in {currency}",
  "bidding.bid.label.respondent": "The most I would pay now, in {currency}",
  "bidding.bid.means.claimant":
    "Name the least you would accept to settle the claim. If {name}'s amount reaches yours, or comes within the agreed gap, the case settles at an amount between the two.",
  "bidding.bid.means.respondent":
    "Name the most you would pay to settle the claim. If {name}'s amount comes down to yours, or within the agreed gap, the case settles at an amount between the two.",
  "bidding.bid.sealed_hint": "Sealed: {name} never sees it, nor does the mediator, not now and not later.",
  "bidding.bid.first.claimant": "In later rounds you cannot ask for more than you ask now.",
  "bidding.bid.first.respondent": "In later rounds you cannot offer less than you offer now.",
  "bidding.bid.monotone.claimant": "You cannot ask for more than last round: {amount}.",
  "bidding.bid.monotone.respondent": "You cannot offer less than last round: {amount}.",
  "bidding.bid.seal": "Seal my amount",
  "bidding.bid.confirm_title": "Seal {amount}?",
  "bidding.bid.confirm_text": "Once sealed, your amount for round {n} cannot be changed.",
  "bidding.bid.confirm_yes": "Yes, seal it",
  "bidding.sealed.title": "Your bid of {amount} is sealed.",
  "bidding.sealed.text":
    "We will tell you and {name} at the same time, once both amounts are in or when the round's time runs out.",
  "bidding.sealed.at_deadline":
    "The answer comes when the round's time ends, on {when}: to you and {name} at the same time, whoever named an amount first.",
  "bidding.past.title": "Earlier rounds",
  "bidding.past.not_yet": "Round {n}: not yet.",
  "bidding.past.deadline": "The time ran out before both amounts were in.",
  "bidding.mine.title": "My amounts so far",
  "bidding.mine.hint": "Only you see these.",
  "bidding.mine.row": "Round {n}: {amount}",

  "bidding.settled.title": "Settled at {amount}",
  "bidding.settled.text":
    "In round {n} your amounts met within the gap you agreed. The amount lies between your two amounts; neither amount is shown to anyone.",
  "bidding.settled.next":
    "Next comes the settlement: there you can agree to pay in instalments, then you both sign it.",
  "bidding.settled.go": "Go to the settlement",

  "bidding.none.title": "No settlement in the last round",
  "bidding.none.text":
    "Your amounts did not meet. Nobody learns them. Choose how you would like to go on; you can change your choice.",
  "bidding.none.switched": "You both chose to negotiate a package. The case goes on in the negotiation room.",
  "bidding.none.switched_all": "Every party chose to negotiate a package. The case goes on in the negotiation room.",
  "bidding.none.mediator_asked":
    "We have told the mediator that you would like help. They will contact you both; you can also write in the negotiation room.",
  "bidding.none.court_both":
    "You both chose court. The online mediation is over; you keep the right to take the claim to court, and the mediator can refer the case to court.",
  "bidding.none.to_interests": "State my interests privately",
  "bidding.none.to_room": "Open the negotiation room",
  "bidding.option.packages": "Negotiate a package",
  "bidding.option.packages_text":
    "Talk it through in the negotiation room with offers on the amount and other terms, such as when and how to pay. This starts if you both choose it.",
  "bidding.option.mediator": "A live mediator",
  "bidding.option.mediator_text":
    "A mediator of the conciliation centre helps you both talk and look for an agreement.",
  "bidding.option.court": "Go to court",
  "bidding.option.court_text": "You stop negotiating here. You keep the right to take the claim to court.",
  "bidding.choice.legend": "How would you like to go on?",
  "bidding.choice.send": "Send my choice",
  "bidding.choice.change": "Change my choice",
  "bidding.choice.pick": "Choose one of the three ways.",
  "bidding.choice.mine": "You chose: {option}.",
  "bidding.choice.mine_none": "You have not chosen yet.",
  "bidding.choice.theirs": "{name} chose: {option}.",
  "bidding.choice.theirs_none": "{name} has not chosen yet.",

  "bidding.live.agreed": "The rules are agreed. Round 1 is open.",
  "bidding.live.proposed": "{name} proposed rules.",
  "bidding.live.not_yet": "Round {round}: not yet. Round {next} is open.",
  "bidding.live.settled": "Settled! See the amount below.",
  "bidding.live.no_settlement": "The last round ended without a settlement.",
  "bidding.live.chose": "{name} chose: {option}.",
  "bidding.said.proposed": "Your rules are proposed.",
  "bidding.said.accepted": "You accepted the rules. Round 1 is open.",
  "bidding.said.sealed": "Your amount is sealed.",
  "bidding.said.chosen": "Your choice is saved.",

  "bidding.error.amount": "Type an amount in figures, for example 1 500 000.",
  "bidding.error.amount_big": "This amount is too large.",
  "bidding.error.demand_zero": "As the claimant, you cannot ask for nothing: type an amount above 0.",
  "bidding.error.rounds": "Type a whole number of rounds from 1 to 10.",
  "bidding.error.round_hours": "Type a whole number of hours from 1 to 720.",
  "bidding.error.percent": "Type a whole percent from 0 to 100.",
  "bidding.error.gap_amount": "Type the gap as an amount in figures, for example 50 000.",
  "bidding.error.gap": "Type the gap as a whole percent from 0 to 100, or as an amount.",

  "bidding.refusal.not_bidding": "This case is no longer settled by blind bidding.",
  "bidding.refusal.case_not_open": "Blind bidding is not running in this case now.",
  "bidding.refusal.not_money_claim":
    "Blind bidding needs the case's amount as a money issue. Ask the mediator for help.",
  "bidding.side.title": "Your side's amount",
  "bidding.side.how":
    "{names} bid as one side: your side's amount counts once each of you has entered the same amount. Until then you can enter another one.",
  "bidding.side.entered": "{name} entered {amount}",
  "bidding.side.waiting": "Waiting for {names} to enter the amount you entered.",
  "bidding.refusal.bidding_needs_two_sides":
    "Blind bidding is between two sides, and a party of this case stands on its own side. Ask the mediator to switch to package negotiation or fair division.",
  "bidding.refusal.rules_already_agreed": "The rules were agreed meanwhile. Here is where the bidding stands now.",
  "bidding.refusal.stale_rules": "The proposal changed meanwhile. Read the rules proposed now before you accept.",
  "bidding.refusal.own_rules": "You proposed these rules yourself: the other party accepts them.",
  "bidding.refusal.bidding_not_started": "The rules are not agreed yet, so no round is open.",
  "bidding.refusal.round_closed": "That round has closed. Here is where the bidding stands now.",
  "bidding.refusal.bid_sealed": "You already sealed an amount in this round. It cannot be changed.",
  "bidding.refusal.bid_not_monotone.claimant": "You cannot ask for more than last round: {amount}.",
  "bidding.refusal.bid_not_monotone.respondent": "You cannot offer less than last round: {amount}.",
  "bidding.refusal.validation_failed": "Check the marked fields.",
  "bidding.refusal.bidding_not_ended": "The ways on are offered once the last round ends without a settlement.",
};
