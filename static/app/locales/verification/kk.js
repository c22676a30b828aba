// Тексеру бетіндегі PDF қолтаңбаларының тізімі (../../i18n.js, "verification" бөлігі).
export default {
  "verification.signatures": "Файлдағы электрондық қолтаңбалар",
  "verification.seal": "Платформаның мөрі",
  "verification.timestamp": "Уақыт белгісі",
  "verification.eds": "ЭЦҚ",
  "verification.simple": "қарапайым электрондық қолтаңба (құпиясөз)",
  "verification.iin": "ЖСН {value}",
  "verification.bin": "БСН {value}",
  "verification.issuer": "сертификатты берген: {issuer}",
  "verification.valid": "жарамды",
  "verification.invalid": "жарамсыз",
  "verification.problem.signature_not_intact": "қол қойылған бөлігі өзгертілген",
  "verification.problem.signature_invalid": "қолтаңба сәйкес келмейді",
  "verification.problem.signer_not_trusted": "сертификатты сенімді орталық бермеген",
  "verification.problem.modified_after_signing": "бұл қолтаңбадан кейін файл өзгертілген",
  "verification.problem.signature_unreadable": "қолтаңбаны оқу мүмкін емес",
  "verify.reason.party_signature_invalid": "Файлдағы тараптардың бір қолтаңбасы жарамсыз.",
};
