// Strings of the intake pages (see ../../i18n.js, part "intake"): how a case is settled, chosen
// at intake (pages/newcase.js, pages/intake/), seen in the invitation (pages/join.js) and on the
// case page with the mediator's proposal to switch (pages/case.js).
export default {
  "intake.step_settle": "5. How do you want to settle?",
  "intake.settle_lead":
    "Choose how you and the other side will look for an agreement. The other side sees your choice before joining.",
  "intake.mechanism_legend": "Way to settle",
  "intake.mech.packages": "Offers of whole packages",
  "intake.mech.packages.text":
    "Each of you privately says what matters most; Kelisim proposes fair packages covering every point, and you exchange offers until you agree.",
  "intake.mech.bidding": "Blind bidding",
  "intake.mech.bidding.text":
    "For one sum of money: over a few rounds, each of you names in secret the sum you would accept. Only “agreed at …” or “not yet” is ever shown, never your sum.",
  "intake.mech.division": "Fair division of property",
  "intake.mech.division.text":
    "For things to share out (a flat, a car, furniture): each of you privately gives the items points, and Kelisim proposes a split in which nobody would rather have the other’s share.",
  "intake.recommended": "Recommended",
  "intake.reason.one_money_amount": "We recommend “{mechanism}” because the case is about one sum of money.",
  "intake.reason.items_to_divide": "We recommend “{mechanism}” because there are items to share out.",
  "intake.reason.several_issues": "We recommend “{mechanism}” because there are several points to agree on together.",
  "intake.reason.no_money_amount":
    "We recommend “{mechanism}” because what you need to agree on is not a sum of money.",
  "intake.choose_other": "You may choose another way.",
  "intake.issues_hint":
    "Sharing out property (a flat, a car…)? You can leave this step empty and list the items in step 5.",
  "intake.division_no_issues":
    "With fair division, the items below are what you agree on: the points of step 3 are not used.",
  "intake.items_title": "Items to share out",
  "intake.items_hint": "From 2 to 50 items, each with a different name.",
  "intake.item_n": "Item {n}",
  "intake.item_name": "What is it? (e.g. flat on Abai Ave, Toyota car)",
  "intake.item_value": "Market value you both agree on, in tenge (optional)",
  "intake.item_value_hint": "If every item has a value, Kelisim can balance the shares with a payment.",
  "intake.item_note": "Note (optional)",
  "intake.item_held": "Who has it now?",
  "intake.held.unknown": "Not stated",
  "intake.held.me": "I have it",
  "intake.held.other": "The other side has it",
  "intake.add_item": "Add an item",
  "intake.remove_item": "Remove this item",
  "intake.too_few_items": "List at least two items to share out.",
  "intake.item.value": "agreed value {amount}",
  "intake.held_by.you": "you have it now",
  "intake.held_by.other": "{name} has it now",

  "intake.refusal.check_fields": "The case was not opened: please correct the marked fields.",
  "intake.refusal.division_needs_items": "Fair division needs the items to share out: list them below.",
  "intake.refusal.bidding_needs_one_amount":
    "Blind bidding needs exactly one sum of money: one point that is an amount in tenge, or the amount you claim in step 4.",
  "intake.refusal.items_need_division": "Items to share out are only used by fair division.",
  "intake.refusal.items_not_distinct": "Two items have the same name: give each item a different name.",
  "intake.refusal.items_count": "List from 2 to 50 items.",
  "intake.refusal.item_name": "Write what the item is, in one line of up to 200 characters.",
  "intake.refusal.item_value": "Write the value in tenge, for example 9500000 or 9500000.50.",
  "intake.refusal.item_note": "The note may be up to 1000 characters, without special characters.",
  "intake.refusal.held_by_invalid": "Choose who has the item now.",
  "intake.refusal.subject": "Describe the dispute in one line of 3 to 500 characters.",
  "intake.refusal.respondent_name": "Write their full name in one line.",
  "intake.refusal.respondent_email": "Write an e-mail address such as name@example.kz.",
  "intake.refusal.amount": "Write the amount in tenge, for example 150000 or 150000.50.",
  "intake.refusal.issues": "Add at least one point to agree on, or choose fair division and list the items.",
  "intake.refusal.issue":
    "Check the points to agree on: each needs a name and either two different options or a range from a smaller to a larger number.",

  "intake.join.mechanism": "How {name} proposes to settle:",
  "intake.case.mechanism": "How you settle:",
  "intake.case.items": "Items to share out",
  "intake.case.bidding": "Go to blind bidding",
  "intake.case.bidding_why": "Agree the rules, then bid.",
  "intake.case.division": "Share out the items",
  "intake.case.division_why": "Give your points, then see the proposed division.",

  "intake.switch.title": "The mediator proposes another way to settle",
  "intake.switch.text":
    "Your mediator proposes that the case go on by “{mechanism}”. It changes only if both of you agree.",
  "intake.switch.you_agreed": "You have agreed.",
  "intake.switch.other_agreed": "{name} has agreed.",
  "intake.switch.nobody": "Nobody has answered yet.",
  "intake.switch.waiting": "Waiting for {name}’s answer.",
  "intake.switch.consent": "I agree",
  "intake.switch.decline": "Decline",
  "intake.switch.consent_title": "Agree to the switch?",
  "intake.switch.consent_text":
    "If {name} agrees too, the case goes on by “{mechanism}”, and the rules agreed for the current way no longer apply.",
  "intake.switch.consent_yes": "Yes, I agree",
  "intake.switch.decline_title": "Decline the switch?",
  "intake.switch.decline_text": "The case goes on by “{mechanism}” as before, and the mediator’s proposal ends.",
  "intake.switch.decline_yes": "Yes, decline",
  "intake.switch.agreed_now": "You agreed to the switch.",
  "intake.switch.switched": "You both agreed: the case now goes on by “{mechanism}”.",
  "intake.switch.declined": "You declined the switch; the case goes on as before.",
  "intake.switch.arrived": "The mediator proposed another way to settle: “{mechanism}”.",
  "intake.switch.other_declined": "{name} declined the switch; the case goes on as before.",

  "intake.photo.optional": "Photo (optional)",
  "intake.photo.hint":
    "A JPEG, PNG or WebP picture from your phone or computer. We remove where it was taken and the camera's details before keeping it.",
  "intake.photo.chosen": "Chosen photo: {name}",
  "intake.photo.add": "Add a photo",
  "intake.photo.replace": "Replace the photo",
  "intake.photo.alt": "Photo: {name}",
  "intake.photo.unavailable": "The photo cannot be shown.",
  "intake.photo.title": "Photos of the items",
  "intake.photo.why":
    "A photo shows both of you which item is meant. Either of you may add or replace one while the items are being discussed.",
  "intake.photo.not_attached": "The photo was not attached: {reason} Choose it again here.",
  "intake.photo.refused.photo_type_not_allowed":
    "This file is not a photo we can take: choose a JPEG, PNG or WebP picture.",
  "intake.photo.refused.photo_too_large":
    "This photo is too large. Choose a smaller one, or save it from your phone in a smaller size.",
  "intake.photo.refused.empty_body": "The file is empty. Choose the photo again.",
  "intake.photo.refused.item_not_found": "This item is no longer in the case. Reload the page.",
  "intake.photo.refused.case_not_open": "The items of this case no longer change, so a photo cannot be added now.",
};
