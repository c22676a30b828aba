// Строки страницы уведомлений и ссылки в меню (см. ../../i18n.js, часть "notify").
export default {
  "notify.nav": "Уведомления",
  "notify.nav_unread": "новых: {n}",
  "notify.title": "Уведомления",
  "notify.empty":
    "Уведомлений пока нет. Когда в ваших делах что-то произойдёт, мы сообщим здесь и по электронной почте.",
  "notify.unread": "Новое",
  "notify.mark_all": "Отметить все как прочитанные",
  "notify.all_read": "Все уведомления отмечены как прочитанные.",
  "notify.settings_title": "Как вам сообщать",
  "notify.channel": "Присылать уведомления",
  "notify.channel.email": "По электронной почте",
  "notify.channel.sms": "По SMS",
  "notify.channel.both": "По электронной почте и SMS",
  "notify.channel.both_hint_now": "Сразу оба: и письмо, и SMS.",
  "notify.channel.both_hint.one":
    "Сначала письмо; SMS придёт, только если письмо останется непрочитанным через {n} час.",
  "notify.channel.both_hint.few":
    "Сначала письмо; SMS придёт, только если письмо останется непрочитанным через {n} часа.",
  "notify.channel.both_hint.many":
    "Сначала письмо; SMS придёт, только если письмо останется непрочитанным через {n} часов.",
  "notify.channel.both_hint.other":
    "Сначала письмо; SMS придёт, только если письмо останется непрочитанным через {n} часа.",
  "notify.phone": "Номер мобильного телефона для SMS",
  "notify.phone_hint": "Например, +7 701 234 56 78.",
  "notify.phone_invalid": "Это не номер телефона. Напишите его так: +7 701 234 56 78.",
  "notify.phone_required": "Чтобы получать SMS, укажите номер мобильного телефона.",
  "notify.quiet": "Ничего не присылать ночью (по времени Казахстана)",
  "notify.quiet_start": "Тишина с",
  "notify.quiet_end": "Тишина до",
  "notify.save": "Сохранить",
  "notify.saved": "Сохранено. Будем сообщать так.",
  "notify.respondent_phone": "Номер мобильного телефона (необязательно: отправим приглашение и по SMS)",
  "notify.respondent_phone_hint": "Например, +7 701 234 56 78.",
  "notify.respondent_language": "На каком языке отправить приглашение",
  "notify.language.kk": "Казахский",
  "notify.language.ru": "Русский",
  "notify.language.en": "Английский",
};
