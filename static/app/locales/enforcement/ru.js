// Строки заявления о выдаче исполнительного листа (см. ../../i18n.js, часть "enforcement";
// pages/settlement/writ.js).
export default {
  "enforcement.title": "Заявление в суд об исполнительном листе",
  "enforcement.intro":
    "Обязательство перед вами не исполнено в срок. Kelisim составит заявление о выдаче исполнительного листа: стороны, код проверки соглашения, история графика и суммы на сегодня, с печатью платформы. Вы подаёте его в суд, суд видит его и через Kelisim.",
  "enforcement.language": "Язык заявления",
  "enforcement.language.kk": "Казахский",
  "enforcement.language.ru": "Русский",
  "enforcement.court": "Суд",
  "enforcement.court.named": "Суд, указанный в соглашении",
  "enforcement.make": "Составить заявление",
  "enforcement.made": "Заявление составлено. Его можно скачать ниже.",
  "enforcement.mine": "Мои заявления",
  "enforcement.item": "{date}, {court}: {total}",
  "enforcement.download": "Скачать PDF",
  "enforcement.sent": "Направлено в суд",
  "enforcement.registered": "Суд зарегистрировал, № {number}",
  "enforcement.refused.not_in_default":
    "Пока нечего взыскивать: заявление можно подать, когда просрочка превысит срок, указанный в соглашении.",
  "enforcement.refused.no_court": "В соглашении нет суда: выберите суд.",
  "enforcement.refused.unknown_court": "Этот суд не подключён к Kelisim.",
  "enforcement.refused.not_signed": "Соглашение ещё не подписали все стороны.",
};
