// Строки комнаты с несколькими сторонами (#17): кто принял предложение, кого ещё ждём, кто в
// комнате, выход из переговоров (см. ../../i18n.js, часть "room").
export default {
  "room.parties.who": "Стороны",
  "room.parties.here": "в комнате",
  "room.parties.away": "не в комнате",
  "room.parties.left": "вышел(-ла) из переговоров",
  "room.parties.you": "вы",
  "room.parties.accepted": "Приняли: {names}.",
  "room.parties.waiting": "Ждём ответа: {names}.",
  "room.parties.you_accepted": "Вы приняли предложение № {version} от {name}:",
  "room.parties.you_left": "Вы вышли из переговоров. Вы по-прежнему можете читать, что здесь происходит.",
  "room.parties.others": "другие стороны",
  "room.parties.leave": "Выйти из переговоров",
  "room.parties.leave_q": "Выйти из переговоров?",
  "room.parties.leave_text":
    "Остальные продолжат без вас и больше не будут ждать вашего ответа. Если останется меньше двух сторон, медиация завершится без соглашения. Это нельзя отменить.",
  "room.parties.leave_yes": "Да, выйти",
  "room.parties.leave_failed": "Сейчас не удалось выйти из переговоров. Обновите страницу и попробуйте ещё раз.",
  "room.ev.party_withdrew.mine": "Вы вышли из переговоров.",
  "room.ev.party_withdrew.theirs": "{name} выходит из переговоров. Остальные продолжают без этой стороны.",
  "room.ev.closed.withdrew": "Осталось меньше двух сторон: медиация завершилась без соглашения.",
  "room.refused.not_a_party": "Вы вышли из этих переговоров и больше не можете делать в них ходы.",
};
