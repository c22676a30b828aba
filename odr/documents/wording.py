"""The legal wording of a settlement in Kazakh, Russian and English.

Plain sentences with named placeholders, one key per phrase, the same keys in every language (a
test holds that). Free-text fields of the record (descriptions, addresses) are printed as the
parties wrote them; everything else a court reads comes from here. Roles and kinds are printed as
labels ("Должник: …") rather than declined inside sentences, so no noun has to change its case.
"""

from __future__ import annotations

from typing import Final

from odr.documents import wording_parties as parties

KK: Final = {
    "basis.civil_code": "Қазақстан Республикасының Азаматтық кодексі",
    "basis.consumer_protection_law": (
        "«Тұтынушылардың құқықтарын қорғау туралы» Қазақстан Республикасының Заңы"
    ),
    "basis.labour_code": "Қазақстан Республикасының Еңбек кодексі",
    "basis.marriage_family_code": (
        "«Неке (ерлі-зайыптылық) және отбасы туралы» Қазақстан Республикасының Кодексі"
    ),
    "method.bank_transfer": "банктік аударым",
    "method.cash": "қолма-қол ақша",
    "method.handover_record": "мүлікті қабылдау-тапсыру актісі бойынша беру",
    "method.as_described": "осы тармақтың мазмұнында көрсетілгендей",
    "state_fee.refund_by_law": "төленген мемлекеттік баж заңда белгіленген тәртіппен қайтарылады",
    "state_fee.not_paid": "төленген жоқ: дау сотқа берілмеген",
    "state_fee.stays_with_payer": "мемлекеттік бажды төлеген тарап оны өзі көтереді",
    "calendar_days.one": "{n} күнтізбелік күннен",
    "calendar_days.few": "{n} күнтізбелік күннен",
    "calendar_days.many": "{n} күнтізбелік күннен",
    "calendar_days.other": "{n} күнтізбелік күннен",
    "events.one": "{n} оқиға",
    "events.few": "{n} оқиға",
    "events.many": "{n} оқиға",
    "events.other": "{n} оқиға",
    "title.mediation_agreement_out_of_court": (
        "Дауды (жанжалды) медиация тәртібімен реттеу туралы келісім"
    ),
    "title.mediation_agreement_in_court": (
        "Сот талқылауы кезінде дауды медиация тәртібімен реттеу туралы келісім"
    ),
    "title.amicable_settlement": "Татуласу келісімі",
    "place_date": "Жасалған орны: {place}. Күні: {date}.",
    "court": "Сот: {name}. Іс нөмірі: {number}.",
    "court.no_number": "берілмеген",
    "case": "Платформадағы іс: {reference}, санаты: {category}, ашылған уақыты: {opened}.",
    "category.civil": "азаматтық",
    "category.family": "отбасылық",
    "category.labour": "еңбек",
    "category.commercial": "коммерциялық",
    "category.consumer": "тұтынушылық",
    "h.parties": "Тараптар",
    "role.court.claimant": "Талапкер",
    "role.court.respondent": "Жауапкер",
    "role.out.claimant": "Өтініш беруші тарап",
    "role.out.respondent": "Жауап беруші тарап",
    "role.mediator": "Медиатор",
    "person": "{name}, ЖСН {iin}, мекенжайы: {address}, электрондық поштасы: {email}.",
    "organisation": (
        "«{name}» {form}, БСН {bin}, мекенжайы: {address}, электрондық поштасы: {email}; "
        "ұйымның атынан {authority} негізінде {position} {signatory} әрекет етеді."
    ),
    "signatory_iin": "{name} (ЖСН {iin})",
    "representative": (
        "Өкілі: {name}, ЖСН {iin}, {date} берілген № {number} сенімхат негізінде әрекет етеді "
        "(сенімхатты берген: {issued_by}); сенімхатта дауды реттеу туралы келісім жасасу "
        "өкілеттігі арнайы көрсетілген."
    ),
    "h.procedure": "Медиатор және рәсім",
    "mediator": (
        "Медиатор: {name}, {kind} медиатор{organisation}; {certificate_date} берілген "
        "№ {certificate} куәлік (сертификат); медиация туралы шарт {contract_date} жасалды."
    ),
    "mediator.professional": "кәсіби",
    "mediator.public": "қоғамдық",
    "no_mediator": (
        "Медиация медиатор-адамның қатысуынсыз, {platform} платформасында электрондық нысанда "
        "жүргізілді."
    ),
    "attestation": (
        "{platform} платформасының куәландыруы: іс {reference}; рәсім {started} басталды, "
        "келісімге {agreed} қол жеткізілді; рәсім журналы: {count}, SHA-256 {hash}."
    ),
    "h.subject": "Дау нысанасы",
    "subject.claim": "Талап: {description}.",
    "subject.amount": "Талап сомасы: {amount}.",
    "subject.no_amount": "Талап сомасы көрсетілмеген.",
    "subject.basis": "Құқықтық негізі: {basis}.",
    "h.package": "Келісілген шарттар",
    "h.obligations": "Тараптардың міндеттемелері",
    "ob.debtor": "Борышкер",
    "ob.creditor": "Несие беруші",
    "ob.joint": "Тараптар бірлесіп орындайды: {claimant} және {respondent}.",
    "ob.joint.each": (
        "Тараптардың әрқайсысы екінші тараптан осы әрекеттегі өз үлесін орындауды талап етуге "
        "құқылы."
    ),
    "ob.kind": "Міндеттеме түрі",
    "ob.kind.payment": "ақша сомасын төлеу",
    "ob.kind.action": "әрекет жасау",
    "ob.kind.transfer": "мүлікті беру",
    "ob.description": "Мазмұны",
    "ob.amount": "Сомасы",
    "ob.method": "Орындау тәсілі",
    "ob.account": "Шот деректемелері",
    "ob.due": "Орындау мерзімі: {date} қоса алғанда, одан кешіктірмей.",
    "schedule": "{number}-міндеттеме бойынша төлем кестесі",
    "col.number": "№",
    "col.due": "Төлем мерзімі",
    "col.amount": "Сомасы",
    "col.payer": "Төлеуші",
    "col.payee": "Алушы",
    "total": "Барлығы",
    "h.default": "Орындамаудың салдары",
    "acceleration": (
        "Егер тарап өзінің кез келген ақшалай міндеттемесін немесе кесте бойынша төлемді "
        "{days} астам кешіктірсе, осы міндеттеме бойынша төленбеген қалған "
        "бүкіл сома осы мерзім өткеннен кейінгі күні мерзімінен бұрын төленуге жатады."
    ),
    "penalty": (
        "Кешіктірілген әрбір күн үшін борышкер кешіктірілген сомадан {rate}% мөлшерінде "
        "тұрақсыздық айыбын төлейді."
    ),
    "penalty.none": "Тараптар тұрақсыздық айыбын белгілемеді.",
    "writ.court": (
        "Келісім ерікті түрде орындалмаған жағдайда, сот өндіріп алушының өтініші бойынша оны "
        "мәжбүрлеп орындату үшін атқару парағын береді."
    ),
    "writ.out": (
        "Келісім ерікті түрде орындалмаған жағдайда, мүдделі тарап оны мәжбүрлеп орындату үшін, "
        "оның ішінде заңда белгіленген тәртіппен атқару парағын алу үшін сотқа жүгінуге құқылы."
    ),
    "h.costs": "Сот шығындары және мемлекеттік баж",
    "costs.each_own": (
        "Әр тарап өз сот шығындарын өзі көтереді; өкілдердің шығыстары бір-біріне өтелмейді."
    ),
    "costs.party": "Екі тараптың сот шығындарын {role} көтереді.",
    "costs.split": "Сот шығындарын тараптар тең үлесте көтереді.",
    "state_fee": "Мемлекеттік баж: {note}.",
    "h.waiver": "Қалған талаптардан бас тарту және келісімнің салдары",
    "waiver.yes": "{role} осы келісіммен қамтылмаған бөлігіндегі талаптарынан бас тартады.",
    "waiver.no": "Осы келісіммен қамтылмаған талаптар реттелмеген және бөлек қойылуы мүмкін.",
    "approval.court": (
        "Тараптар осы келісімді соттың бекітуі іс бойынша іс жүргізуді тоқтатуға әкелетінін және "
        "сол тараптар арасындағы, сол нысана туралы және сол негіздер бойынша дау бойынша сотқа "
        "қайта жүгінуге жол берілмейтінін түсінеді."
    ),
    "approval.out": (
        "Тараптар осы келісімнің қол қойылған сәттен бастап олар үшін міндетті екенін және онда "
        "көзделген тәртіппен және мерзімде орындалуға жататынын түсінеді."
    ),
    "h.statements": "Тараптардың мәлімдемелері",
    "statements": "Әр тарап мынаны мәлімдейді:",
    "statement.free_will": (
        "осы келісімді ерікті түрде, мәжбүрлеусіз, алдаусыз және қорқытусыз жасасады;"
    ),
    "statement.capacity": (
        "оны жасасу үшін қажетті әрекет қабілеттілігі (құқық қабілеттілігі) мен өкілеттігі бар;"
    ),
    "statement.understanding": (
        "келісім талаптарының мазмұнын және оны жасасудың және орындамаудың құқықтық салдарын "
        "түсінеді;"
    ),
    "statement.no_third_party_effect": (
        "келісім үшінші тұлғалардың құқықтары мен заңды мүдделерін бұзбайды және заңға қайшы "
        "келмейді."
    ),
    "h.confidentiality": "Құпиялылық",
    "confidentiality.yes": (
        "Тараптар медиация барысында өздеріне белгілі болған мәліметтердің құпиялылығын сақтауға "
        "міндеттенеді, заңда көзделген жағдайларды және осы келісімді орындату үшін сотқа "
        "жүгінуді қоспағанда."
    ),
    "confidentiality.no": "Тараптар құпиялылықтың қосымша талаптарын белгілемеді.",
    "h.singapore": "Медиация туралы Сингапур конвенциясы",
    "singapore": (
        "Тараптар осы келісімге Медиация нәтижесінде қол жеткізілген халықаралық татуласу "
        "келісімдері туралы Біріккен Ұлттар Ұйымының Конвенциясын (Сингапур, 2018 жыл) қолдану "
        "туралы келісті."
    ),
    "h.language": "Тілі және даналары",
    "language.one": "Келісім {languages} тілінде жасалды.",
    "language.many": (
        "Келісім {languages} тілдерінде жасалды; мәтіндердің күші бірдей, ал олардың арасында "
        "алшақтық болған жағдайда {prevailing} тіліндегі мәтін басым күшке ие болады."
    ),
    "language.and": " және ",
    "lang.kk": "қазақ",
    "lang.ru": "орыс",
    "lang.en": "ағылшын",
    "copies": "Даналар саны: {copies}; барлық даналардың заңды күші бірдей.",
    "h.annexes": "Қосымшалар",
    "annex.schedule": "төлем кестесі (жоғарыдағы міндеттемелер мәтінінде);",
    "annex.bank": "банк деректемелері (міндеттемелер мәтінінде);",
    "annex.poa": "{date} берілген № {number} өкілдің сенімхаты ({name});",
    "annex.files": (
        "осы PDF-ке енгізілген settlement.json және settlement.akn.xml машинамен оқылатын файлдары."
    ),
    "h.signatures": "Қолтаңбалар",
    "sig.name": "Аты-жөні",
    "sig.identifier": "ЖСН/БСН",
    "sig.certificate": "Куәлік №",
    "sig.role": "Рөлі",
    "sig.on_behalf": "{party} атынан",
    "sig.signed_at": "Қол қойылған уақыты",
    "sig.method": "Қол қою тәсілі",
    "sig.method.password-reauthentication": (
        "{platform} платформасында құпиясөзбен қайта аутентификациялау"
    ),
    "sig.method.eds-cms": "ҚР Ұлттық куәландырушы орталығының сертификатымен ЭЦҚ",
    "sig.cms": "ЭЦҚ (CMS), сертификат: {subject}, берген: {issuer}, сериялық № {serial}",
    "sig.mediator_blank": "Медиатордың қолы: ____________",
    "h.platform": "Платформаның электрондық қолтаңбасы",
    "platform.signature": (
        "Алгоритм: Ed25519; кілт идентификаторы: {key_id}; қол қойылған уақыты: {at}."
    ),
    "platform.code": "Тексеру коды: {code}",
    "platform.url": "Құжатты тексеру: {url}",
    "platform.hash": "Келісім жазбасының SHA-256 хэші: {hash}",
    "platform.seal": (
        "PDF файлы платформаның қолтаңбасымен мөрленген: файлдағы кез келген өзгеріс тексеру "
        "кезінде анықталады (odr verify)."
    ),
    "sig.pades": (
        "Қолтаңба: осы PDF файлындағы тараптың электрондық қолтаңбасы (ЭЦҚ немесе {platform} "
        "платформасында құпиясөзбен қайта аутентификациялау арқылы қойылған қарапайым электрондық "
        "қолтаңба; оның түрін тексеру көрсетеді)"
    ),
    "platform.prepared": (
        "Платформа қол қоюға дайындаған уақыты: {at}; кілт идентификаторы (Ed25519): {key_id}."
    ),
    "platform.pades": (
        "Тараптардың қолтаңбалары мен платформаның мөрі осы PDF файлына ETSI EN 319 142 "
        "стандарты бойынша енгізілген: PDF бағдарламасы кім қол қойғанын көрсетеді, ал қол "
        "қойылғаннан кейінгі файлдағы кез келген өзгеріс тексеру кезінде анықталады (odr verify)."
    ),
}

RU: Final = {
    "basis.civil_code": "Гражданский кодекс Республики Казахстан",
    "basis.consumer_protection_law": "Закон Республики Казахстан «О защите прав потребителей»",
    "basis.labour_code": "Трудовой кодекс Республики Казахстан",
    "basis.marriage_family_code": "Кодекс Республики Казахстан «О браке (супружестве) и семье»",
    "method.bank_transfer": "банковский перевод",
    "method.cash": "наличными деньгами",
    "method.handover_record": "передача имущества по акту приёма-передачи",
    "method.as_described": "как указано в содержании настоящего пункта",
    "state_fee.refund_by_law": (
        "уплаченная государственная пошлина возвращается в порядке, установленном законом"
    ),
    "state_fee.not_paid": "не уплачивалась: спор в суд не заявлялся",
    "state_fee.stays_with_payer": "остаётся на стороне, которая её уплатила",
    "calendar_days.one": "{n} календарный день",
    "calendar_days.few": "{n} календарных дня",
    "calendar_days.many": "{n} календарных дней",
    "calendar_days.other": "{n} календарного дня",
    "events.one": "{n} событие",
    "events.few": "{n} события",
    "events.many": "{n} событий",
    "events.other": "{n} события",
    "title.mediation_agreement_out_of_court": (
        "Соглашение об урегулировании спора (конфликта) в порядке медиации"
    ),
    "title.mediation_agreement_in_court": (
        "Соглашение об урегулировании спора в порядке медиации в ходе судебного разбирательства"
    ),
    "title.amicable_settlement": "Мировое соглашение",
    "place_date": "Место заключения: {place}. Дата: {date}.",
    "court": "Суд: {name}. Номер дела: {number}.",
    "court.no_number": "не присвоен",
    "case": "Дело на платформе: {reference}, категория: {category}, открыто: {opened}.",
    "category.civil": "гражданская",
    "category.family": "семейная",
    "category.labour": "трудовая",
    "category.commercial": "коммерческая",
    "category.consumer": "потребительская",
    "h.parties": "Стороны",
    "role.court.claimant": "Истец",
    "role.court.respondent": "Ответчик",
    "role.out.claimant": "Сторона-заявитель",
    "role.out.respondent": "Ответная сторона",
    "role.mediator": "Медиатор",
    "person": "{name}, ИИН {iin}, адрес: {address}, электронная почта: {email}.",
    "organisation": (
        "{form} «{name}», БИН {bin}, адрес: {address}, электронная почта: {email}; от имени "
        "организации действует {position} {signatory} на основании: {authority}."
    ),
    "signatory_iin": "{name} (ИИН {iin})",
    "representative": (
        "Представитель: {name}, ИИН {iin}, действует на основании доверенности № {number} от "
        "{date} (выдана: {issued_by}), в которой специально оговорено право на заключение "
        "соглашения об урегулировании спора."
    ),
    "h.procedure": "Медиатор и процедура",
    "mediator": (
        "Медиатор: {name}, {kind} медиатор{organisation}; свидетельство (сертификат) "
        "№ {certificate} от {certificate_date}; договор о медиации заключён {contract_date}."
    ),
    "mediator.professional": "профессиональный",
    "mediator.public": "общественный",
    "no_mediator": (
        "Медиация проведена без участия медиатора-человека, в электронной форме на платформе "
        "{platform}."
    ),
    "attestation": (
        "Удостоверение платформы {platform}: дело {reference}; процедура начата {started}, "
        "соглашение достигнуто {agreed}; журнал процедуры: {count}, SHA-256 {hash}."
    ),
    "h.subject": "Предмет спора",
    "subject.claim": "Требование: {description}.",
    "subject.amount": "Сумма требований: {amount}.",
    "subject.no_amount": "Сумма требований не указана.",
    "subject.basis": "Правовое основание: {basis}.",
    "h.package": "Согласованные условия",
    "h.obligations": "Обязательства сторон",
    "ob.debtor": "Должник",
    "ob.creditor": "Кредитор",
    "ob.joint": "Стороны совместно исполняют: {claimant} и {respondent}.",
    "ob.joint.each": (
        "Каждая из сторон вправе требовать от другой стороны исполнения её части этого действия."
    ),
    "ob.kind": "Вид обязательства",
    "ob.kind.payment": "уплата денежной суммы",
    "ob.kind.action": "совершение действия",
    "ob.kind.transfer": "передача имущества",
    "ob.description": "Содержание",
    "ob.amount": "Сумма",
    "ob.method": "Способ исполнения",
    "ob.account": "Реквизиты счёта",
    "ob.due": "Срок исполнения: не позднее {date} включительно.",
    "schedule": "График платежей по обязательству {number}",
    "col.number": "№",
    "col.due": "Срок платежа",
    "col.amount": "Сумма",
    "col.payer": "Плательщик",
    "col.payee": "Получатель",
    "total": "Итого",
    "h.default": "Последствия неисполнения",
    "acceleration": (
        "Если сторона просрочит исполнение любого своего денежного обязательства или платежа по "
        "графику более чем на {days}, вся оставшаяся неуплаченная сумма этого "
        "обязательства подлежит уплате досрочно, на следующий день после истечения этого срока."
    ),
    "penalty": (
        "За каждый день просрочки должник уплачивает неустойку в размере {rate}% от просроченной "
        "суммы."
    ),
    "penalty.none": "Неустойка сторонами не установлена.",
    "writ.court": (
        "Если соглашение не исполнено добровольно, суд по заявлению взыскателя выдаёт "
        "исполнительный лист для его принудительного исполнения."
    ),
    "writ.out": (
        "Если соглашение не исполнено добровольно, заинтересованная сторона вправе обратиться в "
        "суд за его принудительным исполнением, включая выдачу исполнительного листа в порядке, "
        "установленном законом."
    ),
    "h.costs": "Судебные расходы и государственная пошлина",
    "costs.each_own": (
        "Каждая сторона несёт свои судебные расходы самостоятельно; расходы на представителей "
        "друг другу не возмещаются."
    ),
    "costs.party": "Судебные расходы обеих сторон несёт: {role}.",
    "costs.split": "Судебные расходы стороны несут в равных долях.",
    "state_fee": "Государственная пошлина: {note}.",
    "h.waiver": "Отказ от остальных требований и последствия соглашения",
    "waiver.yes": "{role} отказывается от требований в части, не охваченной настоящим соглашением.",
    "waiver.no": (
        "Требования, не охваченные настоящим соглашением, не урегулированы и могут быть заявлены "
        "отдельно."
    ),
    "approval.court": (
        "Стороны понимают, что утверждение настоящего соглашения судом влечёт прекращение "
        "производства по делу и что повторное обращение в суд по спору между теми же сторонами, "
        "о том же предмете и по тем же основаниям не допускается."
    ),
    "approval.out": (
        "Стороны понимают, что настоящее соглашение обязательно для них с момента подписания и "
        "подлежит исполнению в порядке и в сроки, которые в нём предусмотрены."
    ),
    "h.statements": "Заверения сторон",
    "statements": "Каждая сторона заявляет, что:",
    "statement.free_will": (
        "заключает настоящее соглашение добровольно, без принуждения, обмана и угроз;"
    ),
    "statement.capacity": (
        "обладает дееспособностью (правоспособностью) и полномочиями, необходимыми для его "
        "заключения;"
    ),
    "statement.understanding": (
        "понимает содержание условий соглашения и правовые последствия его заключения и "
        "неисполнения;"
    ),
    "statement.no_third_party_effect": (
        "соглашение не нарушает права и законные интересы третьих лиц и не противоречит закону."
    ),
    "h.confidentiality": "Конфиденциальность",
    "confidentiality.yes": (
        "Стороны обязуются сохранять конфиденциальность сведений, ставших им известными в ходе "
        "медиации, за исключением случаев, предусмотренных законом, и обращения в суд за "
        "исполнением настоящего соглашения."
    ),
    "confidentiality.no": "Дополнительных условий о конфиденциальности стороны не устанавливали.",
    "h.singapore": "Сингапурская конвенция о медиации",
    "singapore": (
        "Стороны договорились о применении к настоящему соглашению Конвенции Организации "
        "Объединённых Наций о международных мировых соглашениях, достигнутых в результате "
        "медиации (Сингапур, 2018 год)."
    ),
    "h.language": "Язык и экземпляры",
    "language.one": "Соглашение составлено на {languages} языке.",
    "language.many": (
        "Соглашение составлено на {languages} языках; тексты имеют равную силу, а при расхождении "
        "между ними преимущественную силу имеет текст на {prevailing} языке."
    ),
    "language.and": " и ",
    "lang.kk": "казахском",
    "lang.ru": "русском",
    "lang.en": "английском",
    "copies": "Количество экземпляров: {copies}; все экземпляры имеют равную юридическую силу.",
    "h.annexes": "Приложения",
    "annex.schedule": "график платежей (в тексте обязательств выше);",
    "annex.bank": "банковские реквизиты (в тексте обязательств);",
    "annex.poa": "доверенность представителя № {number} от {date} ({name});",
    "annex.files": (
        "машиночитаемые файлы settlement.json и settlement.akn.xml, встроенные в настоящий PDF."
    ),
    "h.signatures": "Подписи",
    "sig.name": "ФИО",
    "sig.identifier": "ИИН/БИН",
    "sig.certificate": "Свидетельство №",
    "sig.role": "Роль",
    "sig.on_behalf": "от имени: {party}",
    "sig.signed_at": "Подписано",
    "sig.method": "Способ подписания",
    "sig.method.password-reauthentication": (
        "повторная аутентификация паролем на платформе {platform}"
    ),
    "sig.method.eds-cms": "ЭЦП с сертификатом Национального удостоверяющего центра РК",
    "sig.cms": "ЭЦП (CMS), сертификат: {subject}, издатель: {issuer}, серийный № {serial}",
    "sig.mediator_blank": "Подпись медиатора: ____________",
    "h.platform": "Электронная подпись платформы",
    "platform.signature": "Алгоритм: Ed25519; идентификатор ключа: {key_id}; подписано: {at}.",
    "platform.code": "Код проверки: {code}",
    "platform.url": "Проверить документ: {url}",
    "platform.hash": "SHA-256 записи соглашения: {hash}",
    "platform.seal": (
        "Файл PDF запечатан подписью платформы: любое изменение файла обнаруживается при проверке "
        "(odr verify)."
    ),
    "sig.pades": (
        "Подпись: электронная подпись стороны в этом PDF-файле (ЭЦП либо простая электронная "
        "подпись — повторная аутентификация паролем на платформе {platform}; её вид показывает "
        "проверка)"
    ),
    "platform.prepared": (
        "Подготовлено платформой к подписанию: {at}; идентификатор ключа (Ed25519): {key_id}."
    ),
    "platform.pades": (
        "Подписи сторон и печать платформы внесены в этот PDF-файл по стандарту ETSI EN 319 142: "
        "программа просмотра PDF показывает, кто подписал, а любое изменение файла после "
        "подписания обнаруживается при проверке (odr verify)."
    ),
}

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

WORDING: Final[dict[str, dict[str, str]]] = {
    "kk": {**KK, **parties.KK},
    "ru": {**RU, **parties.RU},
    "en": {**EN, **parties.EN},
}
