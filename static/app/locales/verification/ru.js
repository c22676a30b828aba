// Строки списка подписей PDF на странице проверки (см. ../../i18n.js, часть "verification").
export default {
  "verification.signatures": "Электронные подписи в файле",
  "verification.seal": "Печать платформы",
  "verification.timestamp": "Метка времени",
  "verification.eds": "ЭЦП",
  "verification.simple": "простая электронная подпись (пароль)",
  "verification.iin": "ИИН {value}",
  "verification.bin": "БИН {value}",
  "verification.issuer": "сертификат выдан: {issuer}",
  "verification.valid": "действительна",
  "verification.invalid": "недействительна",
  "verification.problem.signature_not_intact": "подписанная часть изменена",
  "verification.problem.signature_invalid": "подпись не совпадает",
  "verification.problem.signer_not_trusted": "сертификат выдан не доверенным центром",
  "verification.problem.modified_after_signing": "файл изменён после этой подписи",
  "verification.problem.signature_unreadable": "подпись не читается",
  "verify.reason.party_signature_invalid": "Одна из подписей сторон в файле недействительна.",
};
