"""Texts of the notices around a negotiation (kk/ru/en): the invitation and its reminders, "they
joined", "the case went ahead without you", "a new offer while you were away", "your turn".
Part of ``templates.TEMPLATES``.

``{link}`` in an invitation is the invited party's single-use link (a secret parameter, sealed in
the outbox); the other notices link to their page through the outbox's ``path``. ``{expires}`` is
a date, ``dd.mm.yyyy``, as both Kazakh and Russian write it.
"""

from __future__ import annotations

JOURNEY_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "invitation": {
        "kk": (
            "{reference}: {claimant} сізді онлайн медиацияға шақырады",
            "{claimant} сізді «{subject}» дауын Kelisim онлайн медиациясы арқылы шешуге "
            "шақырады. Медиация сотқа бармай келісуге көмектеседі; қатысу ерікті.\n"
            "Істі қарап, қосылу үшін сілтемені ашыңыз: {link}\n"
            "Сілтеме {expires} дейін жарамды.",
        ),
        "ru": (
            "{reference}: {claimant} приглашает вас к онлайн-медиации",
            "{claimant} приглашает вас урегулировать спор «{subject}» через онлайн-медиацию "
            "Kelisim. Медиация помогает договориться без суда; участие добровольное.\n"
            "Чтобы посмотреть дело и присоединиться, откройте ссылку: {link}\n"
            "Ссылка действует до {expires}.",
        ),
        "en": (
            "{reference}: {claimant} invites you to online mediation",
            "{claimant} invites you to settle the dispute “{subject}” by online mediation on "
            "Kelisim. Mediation helps you agree without going to court; taking part is voluntary.\n"
            "To see the case and join, open this link: {link}\n"
            "The link works until {expires}.",
        ),
    },
    "invitation_reminder": {
        "kk": (
            "{reference}: шақыру туралы еске саламыз",
            "Еске саламыз: {claimant} сізді «{subject}» дауын Kelisim онлайн медиациясы арқылы "
            "шешуге шақырады.\nІсті қарап, қосылу үшін сілтемені ашыңыз: {link}\n"
            "Сілтеме {expires} дейін жарамды.",
        ),
        "ru": (
            "{reference}: напоминаем о приглашении",
            "Напоминаем: {claimant} приглашает вас урегулировать спор «{subject}» через "
            "онлайн-медиацию Kelisim.\nЧтобы посмотреть дело и присоединиться, откройте ссылку: "
            "{link}\nСсылка действует до {expires}.",
        ),
        "en": (
            "{reference}: a reminder of your invitation",
            "A reminder: {claimant} invites you to settle the dispute “{subject}” by online "
            "mediation on Kelisim.\nTo see the case and join, open this link: {link}\n"
            "The link works until {expires}.",
        ),
    },
    "respondent_joined": {
        "kk": (
            "{reference}: екінші тарап қосылды",
            "Екінші тарап ({respondent}) {reference} ісіне қосылды. Келіссөзді бастауға болады.",
        ),
        "ru": (
            "{reference}: вторая сторона присоединилась",
            "Вторая сторона ({respondent}) присоединилась к делу {reference}. "
            "Можно начинать переговоры.",
        ),
        "en": (
            "{reference}: the other party joined",
            "The other party ({respondent}) joined case {reference}. You can start negotiating.",
        ),
    },
    "party_joined": {
        "kk": (
            "{reference}: {party} іске қосылды",
            "{party} {reference} ісіне қосылды. Шақырылғандардың бәрі қосылғанда келіссөз "
            "басталады; қосылғандармен бастауға да болады.",
        ),
        "ru": (
            "{reference}: сторона {party} присоединилась",
            "Сторона {party} присоединилась к делу {reference}. Переговоры начнутся, когда "
            "присоединятся все приглашённые; можно начать и с теми, кто уже присоединился.",
        ),
        "en": (
            "{reference}: {party} joined",
            "{party} joined case {reference}. The negotiation starts once everyone invited has "
            "joined; you can also start with those who have.",
        ),
    },
    "case_went_ahead": {
        "kk": (
            "{reference}: іс сізсіз басталды",
            "{claimant} сізді «{subject}» дауы бойынша онлайн медиацияға шақырған еді. Сіз "
            "қосылмағандықтан, іс қосылған тараптармен басталды, ал сіздің шақыру "
            "сілтемеңіз енді жарамсыз. Сұрақтарыңыз болса, талапкерге ({claimant}) "
            "хабарласыңыз.",
        ),
        "ru": (
            "{reference}: дело продолжено без вас",
            "Заявитель ({claimant}) приглашал вас к онлайн-медиации по спору «{subject}». Вы не "
            "присоединились, поэтому дело начато с теми сторонами, кто присоединился, а ваша "
            "ссылка-приглашение больше не действует. С вопросами обращайтесь к заявителю "
            "({claimant}).",
        ),
        "en": (
            "{reference}: the case went ahead without you",
            "{claimant} invited you to online mediation of the dispute “{subject}”. As you did "
            "not join, the case went ahead with the parties who did, and your invitation link "
            "no longer works. If you have questions, contact {claimant}.",
        ),
    },
    "new_offer": {
        "kk": (
            "{reference}: жаңа ұсыныс",
            "Сіз жоқта екінші тарап {reference} ісі бойынша жаңа ұсыныс жасады. "
            "Жауап беру үшін келіссөз бөлмесін ашыңыз.",
        ),
        "ru": (
            "{reference}: новое предложение",
            "Пока вас не было, другая сторона сделала новое предложение по делу {reference}. "
            "Откройте комнату переговоров, чтобы ответить.",
        ),
        "en": (
            "{reference}: a new offer",
            "While you were away, the other party made a new offer in case {reference}. "
            "Open the negotiation room to answer.",
        ),
    },
    "new_document": {
        "kk": (
            "{reference}: жаңа құжат",
            "{reference} ісіне жаңа құжат қосылды. Оны көру үшін істің бетін ашыңыз.",
        ),
        "ru": (
            "{reference}: новый документ",
            "В дело {reference} добавлен новый документ. Откройте страницу дела, чтобы его "
            "посмотреть.",
        ),
        "en": (
            "{reference}: a new document",
            "A new document was added to case {reference}. Open the case's page to see it.",
        ),
    },
    "your_turn_interests": {
        "kk": (
            "{reference}: сіздің кезегіңіз",
            "Екінші тарап {reference} ісі бойынша өзі үшін не маңызды екенін айтты. Енді сіздің "
            "кезегіңіз: өз мүдделеріңізді көрсетіңіз, сонда жүйе екі тарапқа да ымыра "
            "нұсқаларын ұсынады. Жауаптарыңызды ешкім көрмейді.",
        ),
        "ru": (
            "{reference}: ваша очередь",
            "Другая сторона по делу {reference} рассказала, что для неё важно. Теперь ваша "
            "очередь: укажите свои интересы, и система предложит обеим сторонам варианты "
            "компромисса. Ваши ответы никто не увидит.",
        ),
        "en": (
            "{reference}: your turn",
            "The other party in case {reference} has said what matters to it. Now it is your "
            "turn: state your interests and the system will propose compromises to you both. "
            "Nobody else sees your answers.",
        ),
    },
    "your_turn_points": {
        "kk": (
            "{reference}: сіздің кезегіңіз",
            "Екінші тарап {reference} ісі бойынша мүлікті бөлуге өз ұпайларын берді. Енді "
            "сіздің кезегіңіз: әр затқа ұпай беріңіз. Ұпайларыңызды ешкім көрмейді.",
        ),
        "ru": (
            "{reference}: ваша очередь",
            "Другая сторона по делу {reference} распределила свои баллы для раздела имущества. "
            "Теперь ваша очередь: распределите свои баллы по предметам. Ваших баллов никто не "
            "увидит.",
        ),
        "en": (
            "{reference}: your turn",
            "The other party in case {reference} has given its points for dividing the property. "
            "Now it is your turn: give your points to the items. Nobody else sees them.",
        ),
    },
    "your_turn_bid": {
        "kk": (
            "{reference}: {round}-кезең ашылды",
            "{reference} ісі бойынша жабық ұсыныстардың {round}-кезеңі ашылды. Соманы "
            "{deadline} дейін (Астана уақыты) енгізіңіз. Сомаңызды екінші тарап көрмейді.",
        ),
        "ru": (
            "{reference}: открыт раунд {round}",
            "По делу {reference} открыт раунд {round} закрытых предложений. Введите сумму до "
            "{deadline} (время Астаны). Вашу сумму другая сторона не увидит.",
        ),
        "en": (
            "{reference}: round {round} is open",
            "Round {round} of sealed bids is open in case {reference}. Enter your amount before "
            "{deadline} (Astana time). The other party never sees it.",
        ),
    },
    "your_turn_rules": {
        "kk": (
            "{reference}: ережелер ұсынылды",
            "Екінші тарап {reference} ісі бойынша жабық ұсыныстардың ережелерін ұсынды. "
            "Оларды қабылдаңыз немесе өз ережелеріңізді ұсыныңыз.",
        ),
        "ru": (
            "{reference}: предложены правила",
            "Другая сторона по делу {reference} предложила правила закрытых предложений. Примите "
            "их или предложите свои.",
        ),
        "en": (
            "{reference}: rules proposed",
            "The other party in case {reference} proposed the rules of the sealed bidding. Accept "
            "them or propose your own.",
        ),
    },
    "proposals_ready": {
        "kk": (
            "{reference}: ымыра нұсқалары дайын",
            "{reference} ісі бойынша екі тараптың тілектерінен құрылған ымыра нұсқалары дайын. "
            "Оларды қарап шығыңыз.",
        ),
        "ru": (
            "{reference}: варианты компромисса готовы",
            "По делу {reference} готовы варианты компромисса, построенные из пожеланий "
            "обеих сторон. Посмотрите их.",
        ),
        "en": (
            "{reference}: compromises are ready",
            "Compromises built from both parties' wishes are ready in case {reference}. "
            "Have a look at them.",
        ),
    },
}
