"""The legal wording of a settlement in English: ``EN``, merged into ``odr.documents.wording``.

One language per module so each catalogue reads (and is reviewed) on its own; the keys are the
same in every language (a test holds that), and the rules of the wording are in ``wording.py``.
"""

from __future__ import annotations

from typing import Final

EN: Final = {
    "basis.civil_code": "Civil Code of the Republic of Kazakhstan",
    "basis.consumer_protection_law": "Law of the Republic of Kazakhstan on Consumer Protection",
    "basis.labour_code": "Labour Code of the Republic of Kazakhstan",
    "basis.marriage_family_code": (
        "Code of the Republic of Kazakhstan on Marriage (Matrimony) and Family"
    ),
    "method.bank_transfer": "bank transfer",
    "method.cash": "cash",
    "method.handover_record": "handover of the property with a signed handover record",
    "method.as_described": "as set out in the content of this clause",
    "state_fee.refund_by_law": "the state fee paid is refunded as the law provides",
    "state_fee.not_paid": "none was paid: the dispute was not brought to court",
    "state_fee.stays_with_payer": "borne by the party that paid it",
    "calendar_days.one": "{n} calendar day",
    "calendar_days.few": "{n} calendar days",
    "calendar_days.many": "{n} calendar days",
    "calendar_days.other": "{n} calendar days",
    "events.one": "{n} event",
    "events.few": "{n} events",
    "events.many": "{n} events",
    "events.other": "{n} events",
    "title.mediation_agreement_out_of_court": "Mediation Settlement Agreement (out of court)",
    "title.mediation_agreement_in_court": "Mediation Settlement Agreement (in court proceedings)",
    "title.amicable_settlement": "Amicable Settlement Agreement",
    "place_date": "Place: {place}. Date: {date}.",
    "court": "Court: {name}. Case number: {number}.",
    "court.no_number": "not yet assigned",
    "case": "Platform case: {reference}, category: {category}, opened: {opened}.",
    "category.civil": "civil",
    "category.family": "family",
    "category.labour": "labour",
    "category.commercial": "commercial",
    "category.consumer": "consumer",
    "h.parties": "Parties",
    "role.court.claimant": "Claimant",
    "role.court.respondent": "Respondent",
    "role.out.claimant": "Claimant",
    "role.out.respondent": "Respondent",
    "role.mediator": "Mediator",
    "person": "{name}, IIN {iin}, address: {address}, e-mail: {email}.",
    "organisation": (
        "{form} “{name}”, BIN {bin}, address: {address}, e-mail: {email}; represented by "
        "{signatory}, {position}, acting under: {authority}."
    ),
    "signatory_iin": "{name} (IIN {iin})",
    "representative": (
        "Representative: {name}, IIN {iin}, acting under power of attorney No. {number} of {date} "
        "(issued by: {issued_by}), which expressly authorises settling the dispute."
    ),
    "h.procedure": "Mediator and procedure",
    "mediator": (
        "Mediator: {name}, {kind} mediator{organisation}; certificate No. {certificate} of "
        "{certificate_date}; mediation contract of {contract_date}."
    ),
    "mediator.professional": "professional",
    "mediator.public": "public",
    "no_mediator": (
        "The mediation was conducted without a live mediator, electronically on the {platform} "
        "platform."
    ),
    "attestation": (
        "Attestation by the {platform} platform: case {reference}; procedure started {started}, "
        "agreement reached {agreed}; procedure log: {count}, SHA-256 {hash}."
    ),
    "h.subject": "Subject of the dispute",
    "subject.claim": "Claim: {description}.",
    "subject.amount": "Amount claimed: {amount}.",
    "subject.no_amount": "No amount claimed.",
    "subject.basis": "Legal basis: {basis}.",
    "h.package": "Agreed terms",
    "h.obligations": "Obligations",
    "ob.debtor": "Debtor",
    "ob.creditor": "Creditor",
    "ob.joint": "The parties jointly perform: {claimant} and {respondent}.",
    "ob.joint.each": "Each party may require the other to perform its part of this act.",
    "ob.kind": "Kind",
    "ob.kind.payment": "payment of money",
    "ob.kind.action": "performance of an act",
    "ob.kind.transfer": "transfer of property",
    "ob.description": "Performance",
    "ob.amount": "Amount",
    "ob.method": "Method",
    "ob.account": "Account",
    "ob.due": "Deadline: no later than {date} (inclusive).",
    "schedule": "Payment schedule for obligation {number}",
    "col.number": "No.",
    "col.due": "Due date",
    "col.amount": "Amount",
    "col.payer": "Payer",
    "col.payee": "Payee",
    "total": "Total",
    "h.default": "Default",
    "acceleration": (
        "If a party is more than {days} late with any payment obligation or "
        "scheduled instalment, the whole unpaid remainder of that obligation falls due on the day "
        "after that period ends."
    ),
    "penalty": "For each day of delay the debtor pays a penalty of {rate}% of the overdue amount.",
    "penalty.none": "The parties agreed no penalty.",
    "writ.court": (
        "If the agreement is not performed voluntarily, the court issues an enforcement writ on "
        "the creditor's application."
    ),
    "writ.out": (
        "If the agreement is not performed voluntarily, the interested party may apply to a court "
        "for its compulsory enforcement, including an enforcement writ as provided by law."
    ),
    "h.costs": "Costs and state fee",
    "costs.each_own": "Each party bears its own costs; representatives' fees are not reimbursed.",
    "costs.party": "The costs of both parties are borne by: {role}.",
    "costs.split": "The parties share the costs equally.",
    "state_fee": "State fee: {note}.",
    "h.waiver": "Waiver and effect of the agreement",
    "waiver.yes": "{role} waives the claims in so far as this agreement does not cover them.",
    "waiver.no": (
        "Claims not covered by this agreement are not settled and may be pursued separately."
    ),
    "approval.court": (
        "The parties understand that the court's approval of this agreement ends the proceedings, "
        "and that the same dispute between the same parties, on the same subject and grounds, "
        "cannot be brought to court again."
    ),
    "approval.out": (
        "The parties understand that this agreement binds them from signature and must be "
        "performed in the manner and by the dates it sets."
    ),
    "h.statements": "Statements of the parties",
    "statements": "Each party declares that:",
    "statement.free_will": (
        "it enters into this agreement of its own free will, without coercion, deceit or threat;"
    ),
    "statement.capacity": "it has the legal capacity and the authority to conclude it;",
    "statement.understanding": (
        "it understands the terms and the legal consequences of concluding and of not performing "
        "this agreement;"
    ),
    "statement.no_third_party_effect": (
        "the agreement does not affect the rights or lawful interests of third parties and does "
        "not contravene the law."
    ),
    "h.confidentiality": "Confidentiality",
    "confidentiality.yes": (
        "The parties keep confidential what they learned in the mediation, except where the law "
        "requires otherwise and when applying to a court to enforce this agreement."
    ),
    "confidentiality.no": "The parties agreed no additional confidentiality terms.",
    "h.singapore": "Singapore Convention on Mediation",
    "singapore": (
        "The parties agree that the United Nations Convention on International Settlement "
        "Agreements Resulting from Mediation (Singapore, 2018) applies to this agreement."
    ),
    "h.language": "Languages and copies",
    "language.one": "This agreement is made in {languages}.",
    "language.many": (
        "This agreement is made in {languages}; the texts are equally authentic, but if they "
        "differ the {prevailing} text prevails."
    ),
    "language.and": " and ",
    "lang.kk": "Kazakh",
    "lang.ru": "Russian",
    "lang.en": "English",
    "copies": "Number of copies: {copies}; all copies are equally authentic.",
    "h.annexes": "Annexes",
    "annex.schedule": "payment schedule (in the obligations above);",
    "annex.bank": "bank details (in the obligations);",
    "annex.poa": "power of attorney No. {number} of {date} ({name});",
    "annex.files": (
        "machine-readable files settlement.json and settlement.akn.xml embedded in this PDF."
    ),
    "h.signatures": "Signatures",
    "sig.name": "Name",
    "sig.identifier": "IIN/BIN",
    "sig.certificate": "Certificate No.",
    "sig.role": "Role",
    "sig.on_behalf": "on behalf of: {party}",
    "sig.signed_at": "Signed at",
    "sig.method": "Method",
    "sig.method.password-reauthentication": "password re-authentication on the {platform} platform",
    "sig.method.eds-cms": (
        "EDS (digital signature) with a certificate of the National Certification Authority of "
        "Kazakhstan"
    ),
    "sig.cms": (
        "digital signature (CMS), certificate: {subject}, issuer: {issuer}, serial No. {serial}"
    ),
    "sig.mediator_blank": "Mediator's signature: ____________",
    "h.platform": "Platform signature",
    "platform.signature": "Algorithm: Ed25519; key id: {key_id}; signed at: {at}.",
    "platform.code": "Verification code: {code}",
    "platform.url": "Verify at: {url}",
    "platform.hash": "SHA-256 of the settlement record: {hash}",
    "platform.seal": (
        "This PDF is sealed with the platform's signature: any change to the file is detected on "
        "verification (odr verify)."
    ),
    "sig.pades": (
        "Signature: the party's electronic signature in this PDF file (an EDS, or a simple "
        "electronic signature by password re-authentication on the {platform} platform; "
        "verification shows which)"
    ),
    "platform.prepared": "Prepared for signing by the platform: {at}; key id (Ed25519): {key_id}.",
    "platform.pades": (
        "The parties' signatures and the platform's seal are in this PDF file as signatures of "
        "ETSI EN 319 142 (PAdES): a PDF reader shows who signed, and any change to the file after "
        "signing is detected on verification (odr verify)."
    ),
}
