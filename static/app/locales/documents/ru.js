// Строки раздела «Документы и доказательства» на страницах дела (см. ../../i18n.js, часть "documents").
export default {
  "documents.title": "Документы и доказательства",
  "documents.intro":
    "Добавьте договоры, квитанции, письма или фотографии, важные для спора. Вы сами решаете, кто увидит каждый файл: все участники дела или только медиатор.",
  "documents.intro_mediator":
    "Файлы, которые добавили стороны и вы. Файл стороны с пометкой «только медиатор» видите только вы и эта сторона.",
  "documents.empty": "Документов пока нет.",
  "documents.choose": "Файл или фотография",
  "documents.types": "PDF, JPEG, PNG или WebP, не больше {size}. С телефона можно сразу сделать снимок.",
  "documents.who_sees": "Кто может видеть",
  "documents.share_everyone": "Все участники дела",
  "documents.share_mediator": "Только медиатор",
  "documents.share_me": "Только я (медиатор)",
  "documents.kept_as_sent":
    "Файл хранится точно в том виде, в каком вы его отправили, со всеми сведениями (у фотографии — когда и где она снята). Его отпечаток (SHA-256) записывается в дело.",
  "documents.upload": "Загрузить",
  "documents.none_chosen": "Сначала выберите файл.",
  "documents.uploaded": "«{name}» добавлен в дело.",
  "documents.by_me": "Добавили вы",
  "documents.by.claimant": "Добавил заявитель",
  "documents.by.respondent": "Добавил ответчик",
  "documents.by.mediator": "Добавил медиатор",
  "documents.size_kb": "{n} КБ",
  "documents.size_mb": "{n} МБ",
  "documents.shared.everyone": "видят все участники дела",
  "documents.shared.mediator": "видит только медиатор",
  "documents.hash": "SHA-256: {hash}",
  "documents.withdrawn": "Отозван",
  "documents.share": "Показать всем",
  "documents.withdraw": "Отозвать",
  "documents.withdraw_confirm":
    "Отозвать «{name}»? Файл будет удалён. В деле останется запись о том, что он был добавлен и отозван.",
  "documents.share_confirm":
    "Показать «{name}» всем участникам дела? Отменить это нельзя: после того как другие его увидели, он останется открытым.",
  "documents.shared_done": "Теперь документ видят все участники дела.",
  "documents.changed": "Список документов изменился.",
  "documents.withdrawn_done": "Документ отозван.",
  "documents.refused.document_type_not_allowed": "Это не файл PDF, JPEG, PNG или WebP. Выберите другой файл.",
  "documents.refused.document_type_mismatch":
    "Содержимое файла не совпадает с его типом. Сохраните его заново как PDF или как фотографию и попробуйте ещё раз.",
  "documents.refused.document_damaged": "Файл не открывается: он неполный или повреждён. Отправьте файл целиком.",
  "documents.refused.document_encrypted": "Этот PDF защищён паролем. Отправьте копию без пароля.",
  "documents.refused.document_too_large": "Файл слишком большой. Отправьте файл поменьше или скан меньшего размера.",
  "documents.refused.case_documents_full":
    "Ваши документы в этом деле заняли всё доступное место. Отзовите тот, который больше не нужен.",
  "documents.refused.document_not_found": "Этот документ недоступен.",
  "documents.refused.document_withdrawn": "Этот документ отозван.",
  "documents.refused.document_already_shared": "Этот документ уже видят все.",
  "documents.refused.not_document_owner":
    "Открыть доступ к документу или отозвать его может только тот, кто его добавил.",
  "documents.refused.empty_body": "Файл пустой. Выберите другой файл.",
};
