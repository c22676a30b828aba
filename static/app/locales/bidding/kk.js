// Strings of the bidding pages (see ../../i18n.js, part "bidding").
export default {
  "bidding.title": "Жабық сауда-саттық",
  "bidding.intro":
    "Сіз және {name} әр раундта бір-бір соманы жабық түрде атайсыздар. Екінші тараптың сомасын ешкім, тіпті медиатор да ешқашан көрмейді: біз тек «… сомасына келісілді» немесе «әзірге жоқ» деп хабарлаймыз.",
  "bidding.other_mechanism": "Бұл іс жабық сауда-саттық арқылы реттелмейді.",
  "bidding.to_case": "Іске оралу",
  "bidding.not_joined": "{name} іске қосылғанын күтеміз",
  "bidding.not_joined_text": "Сауда-саттық екеуіңіз де іске қосылғанда басталады. Бұл бет оны өзі көрсетеді.",
  "bidding.closed": "Қазір бұл істе жабық сауда-саттық жүріп жатқан жоқ.",
  "bidding.paused": "Медиатор медиацияны тоқтата тұрды",
  "bidding.paused_text":
    "Медиация қайта басталғанда сауда-саттық жалғасады; ашық раундтың мерзімі үзіліс қанша созылса, сонша ұзартылады.",

  "bidding.agree.first": "Алдымен ережелерді келісіңіз",
  "bidding.agree.first_text":
    "Ешкім сома атамас бұрын, сіз және {name} сауда-саттықтың қалай өтетінін келісесіздер. Төменде ережелерді ұсыныңыз; {name} оларды қабылдайды немесе басқасын ұсынады.",
  "bidding.agree.theirs": "{name} мына ережелерді ұсынады",
  "bidding.agree.accept_means": "Қабылдасаңыз, 1-раунд екеуіңізге бірден ашылады.",
  "bidding.agree.accept": "Осы ережелерді қабылдау",
  "bidding.agree.propose_other": "Басқа ережелер ұсыну",
  "bidding.agree.waiting": "{name} қабылдағанын күтеміз",
  "bidding.agree.yours": "Сіз мына ережелерді ұсындыңыз:",
  "bidding.agree.waiting_text":
    "{name} қабылдаған кезде 1-раунд ашылады, бұл бет оны өзі көрсетеді. Оған дейін ұсынысыңызды өзгертуге болады.",
  "bidding.agree.change": "Ұсынысымды өзгерту",

  "bidding.rules.rounds": "Раунд саны",
  "bidding.rules.gap": "Рұқсат етілген айырма",
  "bidding.rules.gap_percent": "талапкер сомасының {n}%",
  "bidding.rules.gap_amount": "{amount}",
  "bidding.rules.gap_none": "жоқ: сомалар сәйкес келуі керек",
  "bidding.rules.hours": "Әр раунд ашық тұрады",
  "bidding.rules.announce": "Раунд нәтижесі хабарланады",
  "bidding.rules.announce_at_deadline": "раунд уақыты біткенде, екеуіңізге бір мезгілде",
  "bidding.rules.announce_when_both_in": "екі сома да аталған бойда (әрқайсыңыз екінші тарап сомасын атағанын білесіз)",
  "bidding.rules.agreed": "Сіздер келіскен ережелер",
  "bidding.hours.one": "{n} сағат",
  "bidding.hours.few": "{n} сағат",
  "bidding.hours.many": "{n} сағат",
  "bidding.hours.other": "{n} сағат",

  "bidding.form.rounds": "Раунд саны",
  "bidding.form.rounds_hint": "1-ден 10-ға дейін. Әр раунд — келісуге тағы бір мүмкіндік; әдетте 3.",
  "bidding.form.gap": "Қандай айырманы жабуға келісесіз",
  "bidding.form.gap_hint":
    "Бір раундтағы екі соманың айырмасы осы шамадан аспаса, іс олардың арасындағы сомаға реттеледі. Айырма неғұрлым үлкен болса, келісім соғұрлым тез болады.",
  "bidding.form.kind_percent": "Үлес.",
  "bidding.form.kind_percent_text": "Талапкер сомасының пайызы, мысалы 5%.",
  "bidding.form.kind_absolute": "Сома.",
  "bidding.form.kind_absolute_text": "Белгілі бір сома, мысалы 50 000 ₸. 0 болса, сомалар дәл сәйкес келуі керек.",
  "bidding.form.value_percent": "Айырма, пайызбен",
  "bidding.form.value_amount": "Айырма, {currency} есебімен",
  "bidding.form.value_hint": "Бүтін сан: 0-ден 100-ге дейінгі пайыз немесе сома.",
  "bidding.form.hours": "Әр раунд неше сағат ашық тұрады",
  "bidding.form.hours_hint":
    "1-ден 720-ға дейін. 72 сағат — 3 күн. Екі сома да аталмай тұрып уақыт бітсе, ол раунд «әзірге жоқ» деп есептеледі.",
  "bidding.form.announce": "Раунд нәтижесін қашан білесіздер",
  "bidding.form.announce_hint": "Қалай болса да, ешкім екінші тараптың сомасын көрмейді.",
  "bidding.form.announce_at_deadline": "Раунд уақыты біткенде.",
  "bidding.form.announce_at_deadline_text":
    "Раунд уақыты біткенде нәтижені екеуіңіз бір мезгілде білесіздер — соманы кім бірінші атағанына да, қашан атағанына да қарамастан. Екінші тарап сомасын атады ма, қашан атады — ешқайсыңыз білмейсіздер.",
  "bidding.form.announce_when_both_in": "Екі сома да аталған бойда.",
  "bidding.form.announce_when_both_in_text":
    "Тезірек, бірақ көбірек білдіреді: екінші тарап сомасын атағанын білесіз. Нәтиже сіздің сомаңыздан кейін бірден келсе, екінші тарап өз сомасын бұрын атаған болады.",
  "bidding.form.propose": "Осы ережелерді ұсыну",

  "bidding.round.title": "{n}-раунд, барлығы {of}",
  "bidding.round.until": "Раунд жабылатын уақыт: {when}",
  "bidding.bid.label.claimant": "Қазір келісетін ең аз сомам, {currency}",
  "bidding.bid.label.respondent": "Қазір төлеуге дайын ең көп сомам, {currency}",
  "bidding.bid.means.claimant":
    "Талапты реттеуге келісетін ең аз соманы атаңыз. {name} атаған сома сіздікіне жетсе немесе келісілген айырма шегінде болса, іс екі соманың арасындағы сомаға реттеледі.",
  "bidding.bid.means.respondent":
    "Талапты реттеу үшін төлеуге дайын ең көп соманы атаңыз. {name} атаған сома сіздікіне дейін түссе немесе келісілген айырма шегінде болса, іс екі соманың арасындағы сомаға реттеледі.",
  "bidding.bid.sealed_hint": "Жабық: бұл соманы сізден басқа ешкім, тіпті медиатор да көрмейді — қазір де, кейін де.",
  "bidding.bid.first.claimant": "Келесі раундтарда қазіргіден көп сұрай алмайсыз.",
  "bidding.bid.first.respondent": "Келесі раундтарда қазіргіден аз ұсына алмайсыз.",
  "bidding.bid.monotone.claimant": "Өткен раундтағыдан көп сұрай алмайсыз: {amount}.",
  "bidding.bid.monotone.respondent": "Өткен раундтағыдан аз ұсына алмайсыз: {amount}.",
  "bidding.bid.seal": "Сомамды жабық жіберу",
  "bidding.bid.confirm_title": "{amount} жіберілсін бе?",
  "bidding.bid.confirm_text": "Жіберілгеннен кейін {n}-раундтағы сомаңызды өзгерту мүмкін емес.",
  "bidding.bid.confirm_yes": "Иә, жіберу",
  "bidding.sealed.title": "Сіздің {amount} сомаңыз жабық түрде сақталды.",
  "bidding.sealed.text":
    "Екі сома да аталғанда немесе раунд уақыты біткенде, нәтижені екеуіңізге бір мезгілде хабарлаймыз.",
  "bidding.sealed.at_deadline":
    "Нәтиже раунд уақыты біткенде келеді: {when}. Екеуіңізге бір мезгілде, соманы кім бірінші атағанына қарамастан.",
  "bidding.past.title": "Өткен раундтар",
  "bidding.past.not_yet": "{n}-раунд: әзірге жоқ.",
  "bidding.past.deadline": "Екі сома да аталмай тұрып уақыт бітті.",
  "bidding.mine.title": "Менің сомаларым",
  "bidding.mine.hint": "Оларды тек сіз көресіз.",
  "bidding.mine.row": "{n}-раунд: {amount}",

  "bidding.settled.title": "{amount} сомасына келісілді",
  "bidding.settled.text":
    "{n}-раундта сомаларыңыз келісілген айырма шегінде түйісті. Нәтиже екі соманың арасында; ол сомалардың ешқайсысы ешкімге көрсетілмейді.",
  "bidding.settled.next":
    "Енді — татуласу келісімі: онда төлемді бөліп төлеуге келісуге болады, содан кейін екеуіңіз де қол қоясыздар.",
  "bidding.settled.go": "Татуласу келісіміне өту",

  "bidding.none.title": "Соңғы раундта келісім болмады",
  "bidding.none.text":
    "Сомаларыңыз түйіспеді. Оларды ешкім білмейді. Әрі қарай қалай жалғастыратыныңызды таңдаңыз; таңдауды өзгертуге болады.",
  "bidding.none.switched": "Екеуіңіз де пакет бойынша келіссөзді таңдадыңыздар. Іс келіссөз бөлмесінде жалғасады.",
  "bidding.none.mediator_asked":
    "Медиаторға көмек қажет екенін хабарладық. Ол екеуіңізбен байланысады; келіссөз бөлмесінде де жаза аласыз.",
  "bidding.none.court_both":
    "Екеуіңіз де сотты таңдадыңыздар. Онлайн медиация аяқталды; талапты сотқа беру құқығыңыз сақталады, ал медиатор істі сотқа жолдай алады.",
  "bidding.none.to_interests": "Мүдделерімді жеке көрсету",
  "bidding.none.to_room": "Келіссөз бөлмесін ашу",
  "bidding.option.packages": "Пакет бойынша келіссөз",
  "bidding.option.packages_text":
    "Келіссөз бөлмесінде сома мен басқа шарттар туралы ұсыныстар жасау, мысалы қашан және қалай төлеу керектігі жөнінде. Екеуіңіз де таңдасаңыз басталады.",
  "bidding.option.mediator": "Тірі медиатор",
  "bidding.option.mediator_text": "Татуласу орталығының медиаторы екеуіңізге сөйлесіп, келісім табуға көмектеседі.",
  "bidding.option.court": "Сотқа жүгіну",
  "bidding.option.court_text": "Келіссөзді осында аяқтайсыз. Талапты сотқа беру құқығыңыз сақталады.",
  "bidding.choice.legend": "Әрі қарай қалай жалғастырғыңыз келеді?",
  "bidding.choice.send": "Таңдауымды жіберу",
  "bidding.choice.change": "Таңдауымды өзгерту",
  "bidding.choice.pick": "Үш жолдың бірін таңдаңыз.",
  "bidding.choice.mine": "Сіздің таңдауыңыз: {option}.",
  "bidding.choice.mine_none": "Сіз әлі таңдамадыңыз.",
  "bidding.choice.theirs": "{name} таңдауы: {option}.",
  "bidding.choice.theirs_none": "{name} әлі таңдамады.",

  "bidding.live.agreed": "Ережелер келісілді. 1-раунд ашық.",
  "bidding.live.proposed": "{name} ережелер ұсынды.",
  "bidding.live.not_yet": "{round}-раунд: әзірге жоқ. {next}-раунд ашық.",
  "bidding.live.settled": "Келісімге қол жеткізілді! Сома төменде.",
  "bidding.live.no_settlement": "Соңғы раунд келісімсіз аяқталды.",
  "bidding.live.chose": "{name} таңдауы: {option}.",
  "bidding.said.proposed": "Ережелеріңіз ұсынылды.",
  "bidding.said.accepted": "Сіз ережелерді қабылдадыңыз. 1-раунд ашық.",
  "bidding.said.sealed": "Сомаңыз жабық түрде жіберілді.",
  "bidding.said.chosen": "Таңдауыңыз сақталды.",

  "bidding.error.amount": "Соманы цифрмен жазыңыз, мысалы 1 500 000.",
  "bidding.error.amount_big": "Бұл сома тым үлкен.",
  "bidding.error.demand_zero": "Талапкер ретінде нөл сұрай алмайсыз: 0-ден көп соманы жазыңыз.",
  "bidding.error.rounds": "Раунд санын 1-ден 10-ға дейінгі бүтін санмен жазыңыз.",
  "bidding.error.round_hours": "Сағат санын 1-ден 720-ға дейінгі бүтін санмен жазыңыз.",
  "bidding.error.percent": "0-ден 100-ге дейінгі бүтін пайызды жазыңыз.",
  "bidding.error.gap_amount": "Айырманы сомамен, цифрмен жазыңыз, мысалы 50 000.",
  "bidding.error.gap": "Айырманы 0-ден 100-ге дейінгі бүтін пайызбен немесе сомамен жазыңыз.",

  "bidding.refusal.not_bidding": "Бұл іс енді жабық сауда-саттық арқылы реттелмейді.",
  "bidding.refusal.case_not_open": "Қазір бұл істе жабық сауда-саттық жүріп жатқан жоқ.",
  "bidding.refusal.not_money_claim":
    "Жабық сауда-саттық үшін істің сомасы ақшалай мәселе болуы керек. Медиатордан көмек сұраңыз.",
  "bidding.side.title": "Сіздің тараптың сомасы",
  "bidding.side.how":
    "{names} бір тарап ретінде ұсыныс жасайды: әрқайсыңыз бірдей соманы енгізгенде ғана тараптың сомасы есептеледі. Оған дейін басқа соманы енгізуге болады.",
  "bidding.side.entered": "{name} енгізген сома: {amount}",
  "bidding.side.waiting": "{names} сіз енгізген соманы енгізгенін күтіп отырмыз.",
  "bidding.refusal.bidding_needs_two_sides":
    "Жабық сауда екі тарап арасында өтеді, ал істің бір тарабы өз бетінше тұр. Медиатордан пакеттік келіссөзге немесе әділ бөлуге ауысуды сұраңыз.",
  "bidding.refusal.rules_already_agreed":
    "Осы арада ережелер келісіліп қойды. Сауда-саттықтың қазіргі жағдайы төменде.",
  "bidding.refusal.stale_rules": "Осы арада ұсыныс өзгерді. Қабылдамас бұрын жаңа ережелерді оқыңыз.",
  "bidding.refusal.own_rules": "Бұл ережелерді өзіңіз ұсындыңыз: оларды екінші тарап қабылдайды.",
  "bidding.refusal.bidding_not_started": "Ережелер әлі келісілмеген, сондықтан бірде-бір раунд ашық емес.",
  "bidding.refusal.round_closed": "Бұл раунд жабылды. Сауда-саттықтың қазіргі жағдайы төменде.",
  "bidding.refusal.bid_sealed": "Бұл раундта сомаңызды жіберіп қойдыңыз. Оны өзгерту мүмкін емес.",
  "bidding.refusal.bid_not_monotone.claimant": "Өткен раундтағыдан көп сұрай алмайсыз: {amount}.",
  "bidding.refusal.bid_not_monotone.respondent": "Өткен раундтағыдан аз ұсына алмайсыз: {amount}.",
  "bidding.refusal.validation_failed": "Белгіленген өрістерді тексеріңіз.",
  "bidding.refusal.bidding_not_ended": "Жол таңдау соңғы раунд келісімсіз аяқталғанда ұсынылады.",
};
