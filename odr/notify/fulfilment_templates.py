"""Texts of the notices that follow a signed settlement (#18), in Kazakh, Russian and English:
a due date is near or today (to the debtor), and a missed one with the sums the settlement's
default clause makes due (to every party and the mediator), filled by ``odr.fulfilment.reminders``
in the recipient's own language (amounts and dates already spelled for the reader); the court
registered a creditor's writ application (``odr.court.writ_routes``)."""

from __future__ import annotations

FULFILMENT_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "performance_reminder": {
        "kk": (
            "{reference}: {due_date} күні төлем мерзімі",
            "{reference} ісі бойынша келісім: {what} — {amount}, мерзімі {due_date} "
            "({days} күн қалды). Орындаған соң келісім бетінде белгілеңіз.",
        ),
        "ru": (
            "{reference}: срок исполнения {due_date}",
            "Соглашение по делу {reference}: {what} — {amount}, срок {due_date} "
            "(осталось дней: {days}). После исполнения отметьте это на странице соглашения.",
        ),
        "en": (
            "{reference}: due on {due_date}",
            "The settlement of case {reference}: {what}, {amount}, is due on {due_date} "
            "({days} days from now). Once done, mark it on the settlement's page.",
        ),
    },
    "performance_due_today": {
        "kk": (
            "{reference}: бүгін орындау мерзімі",
            "{reference} ісі бойынша келісім: {what} — {amount}, мерзімі бүгін, {due_date}. "
            "Орындаған соң келісім бетінде белгілеңіз.",
        ),
        "ru": (
            "{reference}: сегодня срок исполнения",
            "Соглашение по делу {reference}: {what} — {amount}, срок сегодня, {due_date}. "
            "После исполнения отметьте это на странице соглашения.",
        ),
        "en": (
            "{reference}: due today",
            "The settlement of case {reference}: {what}, {amount}, is due today, {due_date}. "
            "Once done, mark it on the settlement's page.",
        ),
    },
    "performance_missed": {
        "kk": (
            "{reference}: келісім мерзімінде орындалмады",
            "{reference} ісі бойынша келісім: {what} ({due_date} дейін) {grace} күн ішінде "
            "расталмады. Келісімнің орындамау шарты бойынша {as_of} жағдайы бойынша "
            "өтелуге тиіс:\nМерзімі өткен негізгі сома: {principal}\n"
            "Мерзімінен бұрын өндірілетін қалдық: {accelerated}\nӨсімпұл: {penalty}\n"
            "Барлығы: {total}",
        ),
        "ru": (
            "{reference}: соглашение не исполнено в срок",
            "Соглашение по делу {reference}: {what} (срок {due_date}) не подтверждено в течение "
            "{grace} дн. По условию соглашения о неисполнении на {as_of} подлежит уплате:\n"
            "Просроченная основная сумма: {principal}\nДосрочно взыскиваемый остаток: "
            "{accelerated}\nНеустойка: {penalty}\nИтого: {total}",
        ),
        "en": (
            "{reference}: the settlement was not kept on time",
            "The settlement of case {reference}: {what} (due {due_date}) was not confirmed "
            "within {grace} days. Under the settlement's default clause, due as of {as_of}:\n"
            "Overdue principal: {principal}\nAccelerated rest: {accelerated}\n"
            "Penalty: {penalty}\nTotal: {total}",
        ),
    },
    "writ_acknowledged": {
        "kk": (
            "{reference}: сот атқару парағы туралы өтінішті тіркеді",
            "Сот атқару парағын беру туралы өтінішіңізді тіркеді.\nСот: {court}\n"
            "Соттағы іс нөмірі: {number}",
        ),
        "ru": (
            "{reference}: суд зарегистрировал заявление об исполнительном листе",
            "Суд зарегистрировал ваше заявление о выдаче исполнительного листа.\nСуд: {court}\n"
            "Номер дела в суде: {number}",
        ),
        "en": (
            "{reference}: the court registered your writ application",
            "The court registered your application for a writ of execution.\nCourt: {court}\n"
            "The court's case number: {number}",
        ),
    },
}
