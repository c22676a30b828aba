// Келісімге қол қою тақтасының жолдары: NCALayer арқылы ЭЦҚ және қарапайым электрондық
// қолтаңба ретінде құпиясөз (../../i18n.js, "signing" бөлігі; docs/signatures.md).
export default {
  "signing.method.eds": "(ЭЦҚ)",
  "signing.method.simple": "(қарапайым электрондық қолтаңба)",
  "signing.now.sign": "3-қадам: төмендегі мәтінді толық оқып, оған NCALayer арқылы ЭЦҚ-ңызбен қол қойыңыз.",
  "signing.eds_title": "ЭЦҚ-мен қол қою (NCALayer)",
  "signing.eds_intro":
    "Ұлттық куәландырушы орталықтың электрондық цифрлық қолтаңбасы (ЭЦҚ) бұл келісімді қағазға қол қойылғанмен тең етеді. NCALayer қол қою кілтін (RSA_…) таңдап, оның құпиясөзін енгізуді сұрайды.",
  "signing.eds_button": "ЭЦҚ-мен қол қою (NCALayer)",
  "signing.eds_waiting": "NCALayer күтілуде…",
  "signing.eds_checking": "Қолтаңба тексерілуде…",
  "signing.simple_title": "Қарапайым электрондық қолтаңба (құпиясөз)",
  "signing.simple_intro":
    "Келісіміңізді Келісім құпиясөзін енгізу арқылы растайсыз. Бұл ЭЦҚ емес, қарапайым электрондық қолтаңба.",
  "signing.none": "Бұл іс бойынша қол қою әзірге мүмкін емес. Медиация орталығына хабарласыңыз.",
  "signing.ncalayer.unavailable":
    "NCALayer іске қосылмаған. Осы компьютерде NCALayer-ді іске қосып, батырманы қайта басыңыз.",
  "signing.ncalayer.cancelled": "Сіз NCALayer-ді қол қоймай жаптыңыз. Дайын болғанда батырманы қайта басыңыз.",
  "signing.ncalayer.failed": "NCALayer қол қоя алмады. Кілтті және оның құпиясөзін тексеріп, қайталаңыз.",
  "signing.ncalayer.timeout": "NCALayer уақытында жауап бермеді. Батырманы қайта басыңыз.",
  "signing.refusal.eds_cms_malformed": "Қолтаңба оқылмады. NCALayer арқылы қайта қол қойыңыз.",
  "signing.refusal.eds_signature_invalid": "Қолтаңба сертификатқа сәйкес келмейді. Қайта қол қойыңыз.",
  "signing.refusal.eds_older_version": "Сіз қол қойып жатқанда мәтін өзгерді. Жаңа мәтінді оқып, қайта қол қойыңыз.",
  "signing.refusal.eds_unsupported_algorithm":
    "Бұл түрдегі кілттер (ГОСТ) әзірге қабылданбайды. RSA қол қою кілтін таңдаңыз.",
  "signing.refusal.eds_authentication_key":
    "Сіз аутентификация кілтін (AUTH_…) таңдадыңыз. Қол қою кілтін (RSA_…) таңдаңыз.",
  "signing.refusal.eds_not_for_signing": "Бұл сертификат қол қоюға арналмаған. Қол қою кілтін таңдаңыз.",
  "signing.refusal.eds_unknown_issuer":
    "Бұл сертификатты Қазақстан Республикасының Ұлттық куәландырушы орталығы бермеген.",
  "signing.refusal.eds_expired": "Сертификатыңыздың мерзімі өтті. Оны жаңартып, қайта қол қойыңыз.",
  "signing.refusal.eds_not_yet_valid": "Сертификатыңыз әлі күшіне енбеген.",
  "signing.refusal.eds_revoked": "Сертификатыңыз кері қайтарылған. Жаңасын алып, қайта қол қойыңыз.",
  "signing.refusal.eds_revocation_unknown":
    "Сертификатыңыздың кері қайтарылмағанын тексеру мүмкін болмады. Кейінірек қайталаңыз.",
  "signing.refusal.eds_certificate_invalid": "Сертификатыңыз жарамсыз.",
  "signing.refusal.eds_wrong_iin":
    "Бұл сертификаттағы ЖСН келісімдегі ЖСН-ге сәйкес келмейді. Өз кілтіңізбен қол қойыңыз.",
  "signing.refusal.eds_wrong_bin": "Бұл сертификаттағы БСН келісімдегі ұйымның БСН-іне сәйкес келмейді.",
  "signing.refusal.eds_person_for_organisation": "Ұйым атынан ұйымның сертификатымен (БСН көрсетілген) қол қойыңыз.",
  "signing.refusal.eds_token_invalid": "Қол қою сұрауы жарамсыз. Батырманы қайта басыңыз.",
  "signing.refusal.eds_token_expired": "Қол қою сұрауының уақыты өтті. Батырманы қайта басыңыз.",
  "signing.refusal.eds_unavailable": "Бұл қызметте ЭЦҚ-мен қол қою қолжетімсіз.",
  "signing.refusal.simple_signature_not_allowed":
    "Бұл орталық келісімдерді тек ЭЦҚ-мен қабылдайды. NCALayer арқылы қол қойыңыз.",
  "signing.attest_title": "ЭЦҚ-мен куәландыру (NCALayer)",
  "signing.attest_button": "ЭЦҚ-мен куәландыру (NCALayer)",
  "signing.attest_intro":
    "Сіздің ЭЦҚ-ңыз куәландыру туралы мәлімдемеге қол қояды (іс, сіз, орталығыңыз және шарт күні). NCALayer қол қою кілтін (RSA_…) таңдап, оның құпиясөзін енгізуді сұрайды. ЭЦҚ болмаса, «Медиацияны куәландыру» нысанын пайдаланыңыз.",
  "signing.attested_eds": "Медиация сіздің ЭЦҚ-ңызбен куәландырылды.",
  // The organisation's signatory and their IIN (#14: an organisation's EDS names both its BIN and
  // the IIN of the employee it was issued to).
  "signing.f.signatory_iin": "Қол қоюшының ЖСН-і",
  "signing.f.signatory_iin_hint":
    "Қол қоюшының өз ЖСН-і, 12 цифр. Ұйымның ЭЦҚ-сымен қол қойғанда сертификат осы адамға берілген болуы тиіс.",
  "signing.signatory_iin": "Қол қоюшының ЖСН-і",
  "signing.signatory_iin_missing": "әлі көрсетілмеген: деректерді өзгертіп, оны қосыңыз",
  "signing.refusal.eds_wrong_signatory_iin":
    "Бұл сертификаттағы БСН дұрыс, бірақ сертификат басқа қызметкерге берілген: оның ЖСН-і келісімдегі қол қоюшының ЖСН-іне сәйкес келмейді. Қол қоюшы ретінде көрсетілген адамның сертификатымен қол қойыңыз немесе деректеріңізде қол қоюшыны өзгертіңіз.",
  "signing.refusal.eds_signatory_iin_missing":
    "Ұйымның атынан қол қоятын адамның ЖСН-і әлі көрсетілмеген. 1-қадамда деректеріңізді өзгертіп, оны қосыңыз, содан кейін қол қойыңыз.",
  // Үштен онға дейінгі тараптың келісімі (#17): әр тарап нөмірімен, міндеттеме кімнің пайдасына,
  // барлық тараптар бірге және неше қолтаңба жиналды.
  "signing.party.title": "{n}-тарап ({side})",
  "signing.party.word": "{n}-тарап",
  "signing.party.side.claimant": "өтініш беруші жақта",
  "signing.party.side.respondent": "жауап беруші жақта",
  "signing.party.side.own": "өз атынан",
  "signing.party.all": "Барлық тараптар бірге",
  "signing.party.all_line": "Тараптар мұны бірге орындайды; әрқайсысы басқалардан өз үлесін орындауды талап ете алады.",
  "signing.party.all_doers": "Барлық тараптар бірге: {names}",
  "signing.party.payee": "Төлемді кім алады",
  "signing.party.for_whom": "Кімнің пайдасына",
  "signing.party.costs": "Шығындарды {name} көтереді.",
  "signing.party.unknown": "Осы келісімнің тараптарының бірін таңдаңыз.",
  "signing.party.signed_count": "Қол қойғандар: {signed} / {total}. Күтілуде: {names}.",
  "signing.party.all_signed": "Барлық тараптар қол қойды. Құжатыңыз дайын.",
  "signing.party.now_signed": "Дайын: барлық тараптар қол қойды. Құжатты төменнен жүктеп алыңыз.",
  "signing.party.not_yours":
    "Сіз бұл істен келісімге дейін шықтыңыз, сондықтан келісімді басқа тараптар жасайды: сіз оған қол қоймайсыз.",
};
