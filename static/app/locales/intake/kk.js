// Strings of the intake pages (see ../../i18n.js, part "intake"): how a case is settled, chosen
// at intake (pages/newcase.js, pages/intake/), seen in the invitation (pages/join.js) and on the
// case page with the mediator's proposal to switch (pages/case.js).
export default {
  "intake.step_settle": "5. Қалай келіскіңіз келеді?",
  "intake.settle_lead":
    "Екінші тараппен келісімді қалай іздейтініңізді таңдаңыз. Екінші тарап қосылмас бұрын сіздің таңдауыңызды көреді.",
  "intake.mechanism_legend": "Реттеу тәсілі",
  "intake.mech.packages": "Толық шарттар топтамасын ұсыну",
  "intake.mech.packages.text":
    "Әрқайсыңыз өзіңіз үшін не маңызды екенін құпия айтасыз; Kelisim барлық тармақ бойынша әділ топтамалар ұсынады, ал сіздер келіскенше ұсыныс алмасасыздар.",
  "intake.mech.bidding": "Жабық сауда",
  "intake.mech.bidding.text":
    "Бір ақша сомасы үшін: бірнеше раунд бойы әрқайсыңыз келісуге дайын соманы құпия атайсыз. Тек «… сомаға келісті» немесе «әзірге жоқ» деген ғана көрсетіледі, сіздің сомаңыз ешқашан көрсетілмейді.",
  "intake.mech.division": "Мүлікті әділ бөлу",
  "intake.mech.division.text":
    "Бөлінетін заттар үшін (пәтер, көлік, жиһаз): әрқайсыңыз заттарға құпия түрде ұпай бөлесіз, ал Kelisim ешкім екіншісінің үлесін артық көрмейтіндей бөлуді ұсынады.",
  "intake.recommended": "Ұсынамыз",
  "intake.reason.one_money_amount": "Біз «{mechanism}» тәсілін ұсынамыз, себебі дау бір ақша сомасы туралы.",
  "intake.reason.items_to_divide": "Біз «{mechanism}» тәсілін ұсынамыз, себебі бөлінетін заттар бар.",
  "intake.reason.several_issues":
    "Біз «{mechanism}» тәсілін ұсынамыз, себебі бірнеше тармақ бойынша бірге келісу керек.",
  "intake.reason.no_money_amount": "Біз «{mechanism}» тәсілін ұсынамыз, себебі келісетін нәрсе ақша сомасы емес.",
  "intake.choose_other": "Басқа тәсілді таңдауыңызға болады.",
  "intake.issues_hint":
    "Мүлік бөлесіз бе (пәтер, көлік…)? Бұл қадамды толтырмай, заттарды 5-қадамда тізіп жазуға болады.",
  "intake.division_no_issues": "Әділ бөлуде төмендегі заттар туралы келіседі: 3-қадамдағы тармақтар қолданылмайды.",
  "intake.items_title": "Бөлінетін заттар",
  "intake.items_hint": "2-ден 50-ге дейін зат, әрқайсысының атауы әртүрлі болсын.",
  "intake.item_n": "{n}-зат",
  "intake.item_name": "Бұл не? (мысалы, Абай даңғылындағы пәтер, Toyota көлігі)",
  "intake.item_value": "Екеуіңіз келіскен нарықтық құны, теңге (міндетті емес)",
  "intake.item_value_hint": "Әр заттың құны болса, Kelisim үлестерді ақшалай төлеммен теңестіре алады.",
  "intake.item_note": "Ескертпе (міндетті емес)",
  "intake.item_held": "Қазір кімде?",
  "intake.held.unknown": "Көрсетілмеген",
  "intake.held.me": "Менде",
  "intake.held.other": "Екінші тарапта",
  "intake.add_item": "Зат қосу",
  "intake.remove_item": "Бұл затты алып тастау",
  "intake.too_few_items": "Бөлінетін кемінде екі затты жазыңыз.",
  "intake.item.value": "келісілген құны {amount}",
  "intake.held_by.you": "қазір сізде",
  "intake.held_by.other": "қазір мынада: {name}",

  "intake.refusal.check_fields": "Іс ашылмады: белгіленген өрістерді түзетіңіз.",
  "intake.refusal.division_needs_items": "Әділ бөлу үшін бөлінетін заттар керек: оларды төменде жазыңыз.",
  "intake.refusal.bidding_needs_one_amount":
    "Жабық сауда үшін дәл бір ақша сомасы керек: теңгедегі сомасы бар бір тармақ немесе 4-қадамдағы талап сомасы.",
  "intake.refusal.items_need_division": "Заттар тізімі тек әділ бөлуде қолданылады.",
  "intake.refusal.items_not_distinct": "Екі заттың атауы бірдей: әрқайсысына әртүрлі атау беріңіз.",
  "intake.refusal.items_count": "2-ден 50-ге дейін зат жазыңыз.",
  "intake.refusal.item_name": "Заттың не екенін бір жолмен, 200 таңбаға дейін жазыңыз.",
  "intake.refusal.item_value": "Құнын теңгемен жазыңыз, мысалы 9500000 немесе 9500000,50.",
  "intake.refusal.item_note": "Ескертпе 1000 таңбаға дейін, арнайы таңбаларсыз болсын.",
  "intake.refusal.held_by_invalid": "Зат қазір кімде екенін таңдаңыз.",
  "intake.refusal.subject": "Дауды бір жолмен, 3-тен 500 таңбаға дейін сипаттаңыз.",
  "intake.refusal.respondent_name": "Толық аты-жөнін бір жолмен жазыңыз.",
  "intake.refusal.respondent_email": "Электрондық пошта мекенжайын жазыңыз, мысалы name@example.kz.",
  "intake.refusal.amount": "Соманы теңгемен жазыңыз, мысалы 150000 немесе 150000,50.",
  "intake.refusal.issues": "Келісетін кемінде бір тармақ қосыңыз немесе әділ бөлуді таңдап, заттарды жазыңыз.",
  "intake.refusal.issue":
    "Тармақтарды тексеріңіз: әрқайсысының атауы және не екі түрлі нұсқасы, не кіші саннан үлкен санға дейінгі аралығы болуы керек.",

  "intake.join.mechanism": "{name} қалай келісуді ұсынады:",
  "intake.case.mechanism": "Қалай келісесіздер:",
  "intake.case.items": "Бөлінетін заттар",
  "intake.case.bidding": "Жабық саудаға өту",
  "intake.case.bidding_why": "Алдымен ережелерді келісіп, содан кейін сома атаңыз.",
  "intake.case.division": "Заттарды бөлу",
  "intake.case.division_why": "Ұпайларыңызды бөліп, ұсынылған бөлуді көріңіз.",

  "intake.switch.title": "Медиатор реттеудің басқа тәсілін ұсынады",
  "intake.switch.text":
    "Медиаторыңыз істі былай жалғастыруды ұсынады: «{mechanism}». Тәсіл екеуіңіз де келіссеңіз ғана өзгереді.",
  "intake.switch.you_agreed": "Сіз келістіңіз.",
  "intake.switch.other_agreed": "{name} келісті.",
  "intake.switch.nobody": "Әзірге ешкім жауап берген жоқ.",
  "intake.switch.waiting": "Жауап күтілуде: {name}.",
  "intake.switch.consent": "Келісемін",
  "intake.switch.decline": "Бас тарту",
  "intake.switch.consent_title": "Тәсілді ауыстыруға келісесіз бе?",
  "intake.switch.consent_text":
    "{name} да келіссе, іс былай жалғасады: «{mechanism}», ал қазіргі тәсілге келісілген ережелер күшін жояды.",
  "intake.switch.consent_yes": "Иә, келісемін",
  "intake.switch.decline_title": "Тәсілді ауыстырудан бас тартасыз ба?",
  "intake.switch.decline_text": "Іс бұрынғыдай жалғасады: «{mechanism}», ал медиатордың ұсынысы жабылады.",
  "intake.switch.decline_yes": "Иә, бас тартамын",
  "intake.switch.agreed_now": "Сіз тәсілді ауыстыруға келістіңіз.",
  "intake.switch.switched": "Екеуіңіз де келістіңіз: енді іс былай жүреді: «{mechanism}».",
  "intake.switch.declined": "Сіз тәсілді ауыстырудан бас тарттыңыз; іс бұрынғыдай жалғасады.",
  "intake.switch.arrived": "Медиатор реттеудің басқа тәсілін ұсынды: «{mechanism}».",
  "intake.switch.other_declined": "{name} тәсілді ауыстырудан бас тартты; іс бұрынғыдай жалғасады.",

  "intake.photo.optional": "Фото (міндетті емес)",
  "intake.photo.hint":
    "Телефоннан не компьютерден JPEG, PNG немесе WebP түріндегі сурет. Сақтар алдында түсірілген жері мен камера туралы деректерді өшіреміз.",
  "intake.photo.chosen": "Таңдалған фото: {name}",
  "intake.photo.add": "Фото қосу",
  "intake.photo.replace": "Фотоны ауыстыру",
  "intake.photo.alt": "Фото: {name}",
  "intake.photo.unavailable": "Фотоны көрсету мүмкін болмады.",
  "intake.photo.title": "Заттардың фотосы",
  "intake.photo.why":
    "Фото екеуіңізге де қай зат туралы сөз болып жатқанын көрсетеді. Заттар талқыланып жатқанда әрқайсыңыз фото қосып не ауыстыра аласыз.",
  "intake.photo.not_attached": "Фото тіркелмеді: {reason} Оны осы жерде қайта таңдаңыз.",
  "intake.photo.refused.photo_type_not_allowed":
    "Бұл файл жарамайды: JPEG, PNG немесе WebP түріндегі суретті таңдаңыз.",
  "intake.photo.refused.photo_too_large":
    "Фото тым үлкен. Кішірегін таңдаңыз немесе телефоннан кішірек өлшемде сақтаңыз.",
  "intake.photo.refused.empty_body": "Файл бос. Фотоны қайта таңдаңыз.",
  "intake.photo.refused.item_not_found": "Бұл зат енді істе жоқ. Бетті жаңартыңыз.",
  "intake.photo.refused.case_not_open": "Бұл істің заттары енді өзгермейді, сондықтан қазір фото қосу мүмкін емес.",
};
