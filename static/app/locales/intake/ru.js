// Strings of the intake pages (see ../../i18n.js, part "intake"): how a case is settled, chosen
// at intake (pages/newcase.js, pages/intake/), seen in the invitation (pages/join.js) and on the
// case page with the mediator's proposal to switch (pages/case.js).
export default {
  "intake.step_settle": "5. Как вы хотите договориться?",
  "intake.settle_lead":
    "Выберите, как вы с другой стороной будете искать соглашение. Другая сторона увидит ваш выбор до того, как присоединится.",
  "intake.mechanism_legend": "Способ урегулирования",
  "intake.mech.packages": "Предложения целых пакетов условий",
  "intake.mech.packages.text":
    "Каждый из вас конфиденциально говорит, что для него важнее; Kelisim предлагает справедливые пакеты по всем пунктам, а вы обмениваетесь предложениями, пока не договоритесь.",
  "intake.mech.bidding": "Закрытые торги",
  "intake.mech.bidding.text":
    "Для одной денежной суммы: за несколько раундов каждый тайно называет сумму, на которую готов согласиться. Показывается только «договорились на …» или «пока нет», но никогда ваша сумма.",
  "intake.mech.division": "Справедливый раздел имущества",
  "intake.mech.division.text":
    "Для вещей, которые нужно поделить (квартира, машина, мебель): каждый конфиденциально распределяет баллы между вещами, а Kelisim предлагает раздел, при котором никто не предпочёл бы долю другого.",
  "intake.recommended": "Рекомендуем",
  "intake.reason.one_money_amount": "Мы рекомендуем «{mechanism}», потому что спор касается одной денежной суммы.",
  "intake.reason.items_to_divide": "Мы рекомендуем «{mechanism}», потому что есть вещи, которые нужно поделить.",
  "intake.reason.several_issues":
    "Мы рекомендуем «{mechanism}», потому что договориться нужно сразу о нескольких пунктах.",
  "intake.reason.no_money_amount": "Мы рекомендуем «{mechanism}», потому что договориться нужно не о денежной сумме.",
  "intake.choose_other": "Вы можете выбрать другой способ.",
  "intake.issues_hint":
    "Делите имущество (квартиру, машину…)? Этот шаг можно не заполнять, а вещи перечислить в шаге 5.",
  "intake.division_no_issues":
    "При справедливом разделе договариваются о вещах ниже: пункты из шага 3 не используются.",
  "intake.items_title": "Что нужно поделить",
  "intake.items_hint": "От 2 до 50 вещей, у каждой своё название.",
  "intake.item_n": "Вещь {n}",
  "intake.item_name": "Что это? (например, квартира на Абая, машина Toyota)",
  "intake.item_value": "Рыночная стоимость, о которой вы оба согласны, тенге (необязательно)",
  "intake.item_value_hint": "Если у каждой вещи есть стоимость, Kelisim может выровнять доли денежной выплатой.",
  "intake.item_note": "Примечание (необязательно)",
  "intake.item_held": "У кого она сейчас?",
  "intake.held.unknown": "Не указано",
  "intake.held.me": "У меня",
  "intake.held.other": "У другой стороны",
  "intake.add_item": "Добавить вещь",
  "intake.remove_item": "Убрать эту вещь",
  "intake.too_few_items": "Перечислите хотя бы две вещи, которые нужно поделить.",
  "intake.item.value": "согласованная стоимость {amount}",
  "intake.held_by.you": "сейчас у вас",
  "intake.held_by.other": "сейчас у: {name}",

  "intake.refusal.check_fields": "Дело не открыто: исправьте отмеченные поля.",
  "intake.refusal.division_needs_items": "Для справедливого раздела нужны вещи, которые делят: перечислите их ниже.",
  "intake.refusal.bidding_needs_one_amount":
    "Для закрытых торгов нужна ровно одна денежная сумма: один пункт с суммой в тенге или сумма требования из шага 4.",
  "intake.refusal.items_need_division": "Список вещей используется только при справедливом разделе.",
  "intake.refusal.items_not_distinct": "У двух вещей одинаковое название: назовите каждую по-своему.",
  "intake.refusal.items_count": "Перечислите от 2 до 50 вещей.",
  "intake.refusal.item_name": "Напишите, что это за вещь, одной строкой до 200 знаков.",
  "intake.refusal.item_value": "Напишите стоимость в тенге, например 9500000 или 9500000,50.",
  "intake.refusal.item_note": "Примечание — до 1000 знаков, без служебных символов.",
  "intake.refusal.held_by_invalid": "Выберите, у кого вещь сейчас.",
  "intake.refusal.subject": "Опишите спор одной строкой, от 3 до 500 знаков.",
  "intake.refusal.respondent_name": "Напишите полное имя одной строкой.",
  "intake.refusal.respondent_email": "Напишите адрес электронной почты, например name@example.kz.",
  "intake.refusal.amount": "Напишите сумму в тенге, например 150000 или 150000,50.",
  "intake.refusal.issues":
    "Добавьте хотя бы один пункт для договорённости или выберите справедливый раздел и перечислите вещи.",
  "intake.refusal.issue":
    "Проверьте пункты: у каждого должно быть название и либо два разных варианта, либо диапазон от меньшего числа к большему.",

  "intake.join.mechanism": "Как {name} предлагает договориться:",
  "intake.case.mechanism": "Как вы договариваетесь:",
  "intake.case.items": "Что нужно поделить",
  "intake.case.bidding": "Перейти к закрытым торгам",
  "intake.case.bidding_why": "Сначала согласуйте правила, потом делайте ставки.",
  "intake.case.division": "Поделить вещи",
  "intake.case.division_why": "Распределите свои баллы и посмотрите предложенный раздел.",

  "intake.switch.title": "Медиатор предлагает другой способ урегулирования",
  "intake.switch.text":
    "Ваш медиатор предлагает продолжить дело так: «{mechanism}». Способ изменится, только если согласитесь вы оба.",
  "intake.switch.you_agreed": "Вы согласились.",
  "intake.switch.other_agreed": "{name} согласен(на).",
  "intake.switch.nobody": "Пока никто не ответил.",
  "intake.switch.waiting": "Ждём ответа: {name}.",
  "intake.switch.consent": "Я согласен(на)",
  "intake.switch.decline": "Отказаться",
  "intake.switch.consent_title": "Согласиться на смену способа?",
  "intake.switch.consent_text":
    "Если {name} тоже согласится, дело продолжится так: «{mechanism}», а правила, согласованные для нынешнего способа, перестанут действовать.",
  "intake.switch.consent_yes": "Да, согласен(на)",
  "intake.switch.decline_title": "Отказаться от смены способа?",
  "intake.switch.decline_text": "Дело продолжится как прежде: «{mechanism}», а предложение медиатора будет закрыто.",
  "intake.switch.decline_yes": "Да, отказаться",
  "intake.switch.agreed_now": "Вы согласились на смену способа.",
  "intake.switch.switched": "Вы оба согласились: теперь дело идёт так: «{mechanism}».",
  "intake.switch.declined": "Вы отказались от смены способа; дело продолжается как прежде.",
  "intake.switch.arrived": "Медиатор предложил другой способ урегулирования: «{mechanism}».",
  "intake.switch.other_declined": "{name} отказался(ась) от смены способа; дело продолжается как прежде.",

  "intake.photo.optional": "Фото (необязательно)",
  "intake.photo.hint":
    "Снимок в формате JPEG, PNG или WebP с телефона или компьютера. Перед сохранением мы удаляем из него место съёмки и данные о камере.",
  "intake.photo.chosen": "Выбранное фото: {name}",
  "intake.photo.add": "Добавить фото",
  "intake.photo.replace": "Заменить фото",
  "intake.photo.alt": "Фото: {name}",
  "intake.photo.unavailable": "Фото не удаётся показать.",
  "intake.photo.title": "Фото вещей",
  "intake.photo.why":
    "Фото показывает вам обоим, о какой вещи идёт речь. Каждый из вас может добавить или заменить его, пока вещи обсуждаются.",
  "intake.photo.not_attached": "Фото не прикреплено: {reason} Выберите его здесь ещё раз.",
  "intake.photo.refused.photo_type_not_allowed": "Этот файл не подходит: выберите снимок в формате JPEG, PNG или WebP.",
  "intake.photo.refused.photo_too_large":
    "Фото слишком большое. Выберите поменьше или сохраните его с телефона в меньшем размере.",
  "intake.photo.refused.empty_body": "Файл пустой. Выберите фото ещё раз.",
  "intake.photo.refused.item_not_found": "Этой вещи больше нет в деле. Обновите страницу.",
  "intake.photo.refused.case_not_open": "Вещи по этому делу больше не меняются, поэтому добавить фото сейчас нельзя.",
};
