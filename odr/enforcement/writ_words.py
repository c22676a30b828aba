"""The writ application's words in Kazakh and Russian (data for ``writ_document``): the court
hears an enforcement case in Kazakh, with Russian used on equal terms (CPC Art. 14), so those
are the two languages a creditor files in.

The legal basis cites the Civil Procedure Code (Art. 174: a mediation agreement is one of the
conciliation procedures; Art. 176: its terms state the procedure of performance, and the court
issues a writ of execution when it is not performed voluntarily) and the Law "On Mediation"
(No. 401-IV of 28 January 2011, Art. 27: the agreement's form and contents). Article numbers
as in ``/work/shared/legal/settlement-requirements.md``: to be re-checked against adilet.zan.kz
before a real filing.
"""

from __future__ import annotations

from typing import Final

LANGUAGES: Final = ("kk", "ru")

WORDS: Final[dict[str, dict[str, str]]] = {
    "kk": {
        "title": "Атқару парағын беру туралы өтініш",
        "subtitle": "дауды (жанжалды) реттеу туралы келісім бойынша",
        "to_court": "Кімге",
        "applicant": "Өндіріп алушы (өтініш беруші)",
        "debtor": "Борышкер",
        "parties": "Келісім тараптары",
        "role.claimant": "Талапкер",
        "role.respondent": "Жауапкер",
        "role.other": "Тарап",
        "iin": "ЖСН",
        "bin": "БСН",
        "address": "Мекенжайы",
        "representative": "Өкілі",
        "settlement": "Келісім",
        "settlement_text": "{date} жасалған, Kelisim платформасында тараптар қол қойған және "
        "платформа мөрімен расталған келісім. Тексеру коды: {code}. Ісі: {reference}. "
        "Жазбаның SHA-256 хэші: {record_sha256}.",
        "schedule": "Орындау кестесі және оның тарихы",
        "col.due": "Міндеттеме / бөлік",
        "col.date": "Мерзімі",
        "col.amount": "Сомасы",
        "col.parties": "Кім → кімге",
        "col.state": "Жағдайы",
        "col.history": "Тараптардың белгілері",
        "state.pending": "күтілуде",
        "state.reported": "борышкер орындағанын хабарлады",
        "state.confirmed": "расталды",
        "state.disputed": "дауланды",
        "state.overdue": "мерзімі өтті",
        "state.in_default": "орындалмады (мерзімінен бұрын өндіру)",
        "days_late": "{days} күн кешіктірілді",
        "step.paid": "төледім деп белгіледі",
        "step.done": "орындадым деп белгіледі",
        "step.received": "алғанын растады",
        "step.confirmed": "орындалғанын растады",
        "step.disputed": "дауласты",
        "step.reference": "төлем деректемесі",
        "step.reason": "себебі",
        "no_steps": "белгі жоқ",
        "sums": "{as_of} жағдайы бойынша өндірілетін сомалар",
        "sums_text": "Келісімнің орындамау шарты бойынша есептелді (мерзімінен бұрын өндіру "
        "{grace} күн кешіктірілгеннен кейін; өсімпұл {penalty} тәулігіне, тиынға дейін "
        "төмен қарай дөңгелектенеді).",
        "no_penalty": "келісілмеген",
        "col.obligation": "Міндеттеме",
        "col.principal": "Мерзімі өткен негізгі сома",
        "col.accelerated": "Мерзімінен бұрын өндірілетін қалдық",
        "col.penalty": "Өсімпұл",
        "col.total": "Барлығы",
        "total": "Жиыны",
        "request": "Өтінемін",
        "request_text": "{date} жасалған дауды реттеу туралы келісімді (тексеру коды {code}) "
        "№ {obligations} міндеттемелер бөлігінде мәжбүрлеп орындату үшін атқару парағын "
        "беруді: {debtor} борышкерден {creditor} пайдасына {total} өндіріп алу туралы.",
        "basis": "Құқықтық негіздер",
        "basis_text": "Қазақстан Республикасы Азаматтық процестік кодексінің 174 және 176-"
        "баптары; «Медиация туралы» 2011 жылғы 28 қаңтардағы № 401-IV Қазақстан "
        "Республикасы Заңының 27-бабы; келісімнің орындамау және мәжбүрлеп орындату "
        "туралы талабы.",
        "signature": "Өндіріп алушы",
        "made": "Өтініш Kelisim платформасында {at} жасалды және платформа мөрімен "
        "расталды (PAdES). Оның деректері writ-application.json файлында қоса берілген.",
    },
    "ru": {
        "title": "Заявление о выдаче исполнительного листа",
        "subtitle": "по соглашению об урегулировании спора (конфликта)",
        "to_court": "В",
        "applicant": "Взыскатель (заявитель)",
        "debtor": "Должник",
        "parties": "Стороны соглашения",
        "role.claimant": "Истец",
        "role.respondent": "Ответчик",
        "role.other": "Сторона",
        "iin": "ИИН",
        "bin": "БИН",
        "address": "Адрес",
        "representative": "Представитель",
        "settlement": "Соглашение",
        "settlement_text": "Соглашение от {date}, подписанное сторонами на платформе Kelisim и "
        "заверенное печатью платформы. Код проверки: {code}. Дело: {reference}. "
        "SHA-256 записи: {record_sha256}.",
        "schedule": "График исполнения и его история",
        "col.due": "Обязательство / платёж",
        "col.date": "Срок",
        "col.amount": "Сумма",
        "col.parties": "Кто → кому",
        "col.state": "Состояние",
        "col.history": "Отметки сторон",
        "state.pending": "ожидается",
        "state.reported": "должник сообщил об исполнении",
        "state.confirmed": "подтверждено",
        "state.disputed": "оспорено",
        "state.overdue": "просрочено",
        "state.in_default": "не исполнено (досрочное взыскание)",
        "days_late": "просрочка {days} дн.",
        "step.paid": "отметил оплату",
        "step.done": "отметил исполнение",
        "step.received": "подтвердил получение",
        "step.confirmed": "подтвердил исполнение",
        "step.disputed": "оспорил",
        "step.reference": "реквизиты платежа",
        "step.reason": "причина",
        "no_steps": "отметок нет",
        "sums": "Суммы к взысканию на {as_of}",
        "sums_text": "Рассчитаны по условию соглашения о неисполнении (досрочное взыскание "
        "после просрочки более {grace} дн.; неустойка {penalty} в день, с округлением вниз "
        "до тиына).",
        "no_penalty": "не согласована",
        "col.obligation": "Обязательство",
        "col.principal": "Просроченная основная сумма",
        "col.accelerated": "Досрочно взыскиваемый остаток",
        "col.penalty": "Неустойка",
        "col.total": "Итого",
        "total": "Всего",
        "request": "Прошу",
        "request_text": "выдать исполнительный лист на принудительное исполнение соглашения "
        "об урегулировании спора от {date} (код проверки {code}) в части обязательств "
        "№ {obligations}: о взыскании с должника {debtor} в пользу {creditor} {total}.",
        "basis": "Правовые основания",
        "basis_text": "Статьи 174 и 176 Гражданского процессуального кодекса Республики "
        "Казахстан; статья 27 Закона Республики Казахстан от 28 января 2011 года № 401-IV "
        "«О медиации»; условие соглашения о неисполнении и принудительном исполнении.",
        "signature": "Взыскатель",
        "made": "Заявление составлено на платформе Kelisim {at} и заверено печатью платформы "
        "(PAdES). Его данные приложены в файле writ-application.json.",
    },
}
