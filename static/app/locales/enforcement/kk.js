// Атқару парағын беру туралы өтініштің жолдары (../../i18n.js, "enforcement" бөлігі;
// pages/settlement/writ.js).
export default {
  "enforcement.title": "Атқару парағы туралы сотқа өтініш",
  "enforcement.intro":
    "Сізге тиесілі міндеттеме мерзімінде орындалмады. Kelisim атқару парағын беру туралы өтініш жасайды: тараптар, келісімнің тексеру коды, кестенің тарихы және бүгінгі сомалар, платформа мөрімен. Сіз оны сотқа бересіз, сот оны Kelisim арқылы да көреді.",
  "enforcement.language": "Өтініштің тілі",
  "enforcement.language.kk": "Қазақша",
  "enforcement.language.ru": "Орысша",
  "enforcement.court": "Сот",
  "enforcement.court.named": "Келісімде көрсетілген сот",
  "enforcement.make": "Өтініш жасау",
  "enforcement.made": "Өтініш жасалды. Оны төменде жүктеп алуға болады.",
  "enforcement.mine": "Менің өтініштерім",
  "enforcement.item": "{date}, {court}: {total}",
  "enforcement.download": "PDF жүктеп алу",
  "enforcement.sent": "Сотқа жіберілді",
  "enforcement.registered": "Сот тіркеді, № {number}",
  "enforcement.refused.not_in_default":
    "Әзірге өндіретін ештеңе жоқ: кешіктіру келісімде көрсетілген мерзімнен асқанда өтініш беруге болады.",
  "enforcement.refused.no_court": "Келісімде сот көрсетілмеген: сотты таңдаңыз.",
  "enforcement.refused.unknown_court": "Бұл сот Kelisim-ге қосылмаған.",
  "enforcement.refused.not_signed": "Келісімге әлі барлық тараптар қол қойған жоқ.",
};
