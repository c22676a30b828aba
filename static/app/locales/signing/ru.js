// Строки панели подписи соглашения: ЭЦП через NCALayer и пароль как простая электронная
// подпись (см. ../../i18n.js, часть "signing"; docs/signatures.md).
export default {
  "signing.method.eds": "(ЭЦП)",
  "signing.method.simple": "(простая электронная подпись)",
  "signing.now.sign": "Шаг 3: прочитайте весь текст ниже и подпишите его своей ЭЦП через NCALayer.",
  "signing.eds_title": "Подписать ЭЦП (NCALayer)",
  "signing.eds_intro":
    "Электронная цифровая подпись (ЭЦП) Национального удостоверяющего центра делает это соглашение равным подписанному на бумаге. NCALayer попросит выбрать ключ для подписи (RSA_…) и ввести его пароль.",
  "signing.eds_button": "Подписать ЭЦП (NCALayer)",
  "signing.eds_waiting": "Ждём NCALayer…",
  "signing.eds_checking": "Проверяем подпись…",
  "signing.simple_title": "Простая электронная подпись (пароль)",
  "signing.simple_intro":
    "Вы подтверждаете согласие, вводя свой пароль от Kelisim. Это простая электронная подпись, а не ЭЦП.",
  "signing.none": "Подписание для этого дела пока недоступно. Обратитесь в центр медиации.",
  "signing.ncalayer.unavailable":
    "NCALayer не запущен. Запустите NCALayer на этом компьютере и нажмите кнопку ещё раз.",
  "signing.ncalayer.cancelled": "Вы закрыли NCALayer, не подписав. Нажмите кнопку ещё раз, когда будете готовы.",
  "signing.ncalayer.failed": "NCALayer не смог подписать. Проверьте ключ и его пароль и попробуйте снова.",
  "signing.ncalayer.timeout": "NCALayer не ответил вовремя. Нажмите кнопку ещё раз.",
  "signing.refusal.eds_cms_malformed": "Подпись не удалось прочитать. Подпишите ещё раз через NCALayer.",
  "signing.refusal.eds_signature_invalid": "Подпись не соответствует сертификату. Подпишите ещё раз.",
  "signing.refusal.eds_older_version":
    "Текст изменился, пока вы подписывали. Прочитайте новый текст и подпишите снова.",
  "signing.refusal.eds_unsupported_algorithm":
    "Ключи этого типа (ГОСТ) пока не принимаются. Выберите ключ RSA для подписи.",
  "signing.refusal.eds_authentication_key":
    "Вы выбрали ключ аутентификации (AUTH_…). Выберите ключ для подписи (RSA_…).",
  "signing.refusal.eds_not_for_signing": "Этот сертификат не предназначен для подписи. Выберите ключ для подписи.",
  "signing.refusal.eds_unknown_issuer":
    "Этот сертификат выдан не Национальным удостоверяющим центром Республики Казахстан.",
  "signing.refusal.eds_expired": "Срок действия вашего сертификата истёк. Обновите его и подпишите снова.",
  "signing.refusal.eds_not_yet_valid": "Ваш сертификат ещё не вступил в силу.",
  "signing.refusal.eds_revoked": "Ваш сертификат отозван. Получите новый и подпишите снова.",
  "signing.refusal.eds_revocation_unknown": "Не удалось проверить, не отозван ли ваш сертификат. Попробуйте позже.",
  "signing.refusal.eds_certificate_invalid": "Ваш сертификат недействителен.",
  "signing.refusal.eds_wrong_iin": "ИИН в этом сертификате не совпадает с ИИН в соглашении. Подпишите своим ключом.",
  "signing.refusal.eds_wrong_bin": "БИН в этом сертификате не совпадает с БИН организации в соглашении.",
  "signing.refusal.eds_person_for_organisation": "За организацию подписывайте сертификатом организации (с БИН).",
  "signing.refusal.eds_token_invalid": "Запрос на подпись недействителен. Нажмите кнопку ещё раз.",
  "signing.refusal.eds_token_expired": "Время запроса на подпись истекло. Нажмите кнопку ещё раз.",
  "signing.refusal.eds_unavailable": "Подписание ЭЦП на этом сервисе недоступно.",
  "signing.refusal.simple_signature_not_allowed":
    "Этот центр принимает соглашения только с ЭЦП. Подпишите через NCALayer.",
  "signing.attest_title": "Удостоверить ЭЦП (NCALayer)",
  "signing.attest_button": "Удостоверить ЭЦП (NCALayer)",
  "signing.attest_intro":
    "Ваша ЭЦП подписывает заявление об удостоверении (дело, вы, ваш центр и дата договора). NCALayer попросит выбрать ключ для подписи (RSA_…) и ввести его пароль. Без ЭЦП воспользуйтесь формой «Удостоверить медиацию».",
  "signing.attested_eds": "Медиация удостоверена вашей ЭЦП.",
  // The organisation's signatory and their IIN (#14: an organisation's EDS names both its BIN and
  // the IIN of the employee it was issued to).
  "signing.f.signatory_iin": "ИИН подписанта",
  "signing.f.signatory_iin_hint":
    "Собственный ИИН подписанта, 12 цифр. При подписании ЭЦП организации сертификат должен быть выдан этому человеку.",
  "signing.signatory_iin": "ИИН подписанта",
  "signing.signatory_iin_missing": "ещё не указан: измените данные и добавьте его",
  "signing.refusal.eds_wrong_signatory_iin":
    "БИН в этом сертификате верный, но сертификат выдан другому сотруднику: его ИИН не совпадает с ИИН подписанта в соглашении. Подпишите сертификатом лица, указанного как подписант, или измените подписанта в своих данных.",
  "signing.refusal.eds_signatory_iin_missing":
    "ИИН лица, подписывающего от имени организации, ещё не указан. Измените свои данные на шаге 1, добавьте его и затем подпишите.",
  // Соглашение трёх–десяти сторон (#17): каждая сторона по номеру, в чью пользу обязательство,
  // все стороны вместе и сколько подписей собрано.
  "signing.party.title": "Сторона {n} ({side})",
  "signing.party.word": "сторона {n}",
  "signing.party.side.claimant": "на стороне заявителя",
  "signing.party.side.respondent": "на ответной стороне",
  "signing.party.side.own": "самостоятельно",
  "signing.party.all": "Все стороны вместе",
  "signing.party.all_line": "Стороны делают это вместе; каждая вправе требовать от других их части.",
  "signing.party.all_doers": "Все стороны вместе: {names}",
  "signing.party.payee": "Кто получает платёж",
  "signing.party.for_whom": "В чью пользу",
  "signing.party.costs": "Расходы несёт: {name}.",
  "signing.party.unknown": "Выберите одну из сторон этого соглашения.",
  "signing.party.signed_count": "Подписали {signed} из {total}. Ждём подписи: {names}.",
  "signing.party.all_signed": "Все стороны подписали. Ваш документ готов.",
  "signing.party.now_signed": "Готово: все стороны подписали. Скачайте документ ниже.",
  "signing.party.not_yours":
    "Вы вышли из этого дела до соглашения, поэтому соглашение заключают другие стороны: вы его не подписываете.",
};
