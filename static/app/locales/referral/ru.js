// Строки направления дела в суд (см. ../../i18n.js, часть "referral").
export default {
  "referral.title": "Дело направлено в суд",
  "referral.on": "Дело направлено в суд {date}.",
  "referral.court": "Суд: {name}.",
  "referral.no_court": "Суд, подключённый к Kelisim, не указан, поэтому через Kelisim дело не поступит ни в один суд.",
  "referral.number": "Номер дела в суде: {number}.",
  "referral.waiting": "Суд ещё не зарегистрировал дело. Номер дела в суде появится здесь.",
  "referral.field.court": "Суд",
  "referral.field.court_hint":
    "Суд получит основные сведения о деле, а ход переговоров — только если обе стороны согласились им поделиться.",
  "referral.field.choose": "Выберите суд",
  "referral.field.no_court": "Без суда (не передавать в суд через Kelisim)",
};
