// Істі сотқа жіберу жолдары (../../i18n.js қараңыз, "referral" бөлігі).
export default {
  "referral.title": "Іс сотқа жіберілді",
  "referral.on": "Іс {date} сотқа жіберілді.",
  "referral.court": "Сот: {name}.",
  "referral.no_court": "Kelisim-ге қосылған сот көрсетілмеген, сондықтан іс Kelisim арқылы ешбір сотқа түспейді.",
  "referral.number": "Соттағы іс нөмірі: {number}.",
  "referral.waiting": "Сот істі әлі тіркеген жоқ. Соттағы іс нөмірі осында пайда болады.",
  "referral.field.court": "Сот",
  "referral.field.court_hint":
    "Сот іс туралы негізгі мәліметтерді алады, ал келіссөз барысын екі тарап та бөлісуге келіскен жағдайда ғана алады.",
  "referral.field.choose": "Сотты таңдаңыз",
  "referral.field.no_court": "Сотсыз (Kelisim арқылы сотқа жібермеу)",
};
