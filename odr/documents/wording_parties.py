"""The wording of a settlement between three or more parties, in Kazakh, Russian and English.

Merged into ``odr.documents.wording.WORDING`` (the same keys in every language). A two-party
settlement names its parties by role ("Истец", "Ответная сторона") as it always has; with more
parties several share a side, so each is "Сторона 3" by its place in the document, the parties'
section groups them under their sides, and sentences that said "both parties" or "the other
party" say "all the parties" and "the others". A number after the noun needs no declension.
"""

from __future__ import annotations

from typing import Final

KK: Final = {
    "role.party": "{n}-тарап",
    "side.court.claimant": "Талапкер тарапында:",
    "side.court.respondent": "Жауапкер тарапында:",
    "side.out.claimant": "Өтініш беруші тарапта:",
    "side.out.respondent": "Жауап беруші тарапта:",
    "side.own": "Өз атынан қатысатын тараптар:",
    "ob.joint.all": "Тараптар бірлесіп орындайды: {parties}.",
    "ob.joint.each.all": (
        "Тараптардың әрқайсысы басқа тараптардан осы әрекеттегі өз үлестерін орындауды талап "
        "етуге құқылы."
    ),
    "costs.party.all": "Барлық тараптардың сот шығындарын {role} көтереді.",
    "waiver.all": (
        "Тараптар осы келісіммен қамтылмаған бөлігіндегі бір-біріне қойылатын талаптарынан бас "
        "тартады."
    ),
}

RU: Final = {
    "role.party": "Сторона {n}",
    "side.court.claimant": "На стороне истца:",
    "side.court.respondent": "На стороне ответчика:",
    "side.out.claimant": "На стороне заявителя:",
    "side.out.respondent": "На ответной стороне:",
    "side.own": "Стороны, выступающие самостоятельно:",
    "ob.joint.all": "Стороны совместно исполняют: {parties}.",
    "ob.joint.each.all": (
        "Каждая из сторон вправе требовать от других сторон исполнения их части этого действия."
    ),
    "costs.party.all": "Судебные расходы всех сторон несёт: {role}.",
    "waiver.all": (
        "Стороны отказываются от требований друг к другу в части, не охваченной настоящим "
        "соглашением."
    ),
}

EN: Final = {
    "role.party": "Party {n}",
    "side.court.claimant": "On the claimant's side:",
    "side.court.respondent": "On the respondent's side:",
    "side.out.claimant": "On the claimant's side:",
    "side.out.respondent": "On the respondent's side:",
    "side.own": "Parties in their own right:",
    "ob.joint.all": "The parties jointly perform: {parties}.",
    "ob.joint.each.all": "Each party may require the others to perform their part of this act.",
    "costs.party.all": "The costs of all the parties are borne by: {role}.",
    "waiver.all": (
        "The parties waive their claims against each other in so far as this agreement does not "
        "cover them."
    ),
}
