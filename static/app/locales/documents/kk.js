// Іс беттеріндегі «Құжаттар мен дәлелдер» бөлімінің жолдары (../../i18n.js, "documents" бөлігі).
export default {
  "documents.title": "Құжаттар мен дәлелдер",
  "documents.intro":
    "Дауға қатысты шарттарды, түбіртектерді, хаттарды немесе фотосуреттерді қосыңыз. Әр файлды кім көретінін өзіңіз таңдайсыз: істің барлық қатысушылары ма, әлде тек медиатор ма.",
  "documents.intro_mediator":
    "Тараптар мен сіз іске қосқан файлдар. Тарап «тек медиатор» деп белгілеген файлды тек сіз бен сол тарап көреді.",
  "documents.empty": "Әзірге құжат жоқ.",
  "documents.choose": "Файл немесе фотосурет",
  "documents.types": "PDF, JPEG, PNG немесе WebP, көлемі {size} дейін. Телефоннан бірден суретке түсіруге болады.",
  "documents.who_sees": "Кім көре алады",
  "documents.share_everyone": "Істің барлық қатысушылары",
  "documents.share_mediator": "Тек медиатор",
  "documents.share_me": "Тек мен (медиатор)",
  "documents.kept_as_sent":
    "Файл сіз жіберген күйінде, барлық мәліметтерімен бірге сақталады (фотосуретте — қашан және қай жерде түсірілгені). Оның таңбасы (SHA-256) іске жазылады.",
  "documents.upload": "Жүктеу",
  "documents.none_chosen": "Алдымен файлды таңдаңыз.",
  "documents.uploaded": "«{name}» іске қосылды.",
  "documents.by_me": "Сіз қостыңыз",
  "documents.by.claimant": "Талапкер қосты",
  "documents.by.respondent": "Жауапкер қосты",
  "documents.by.mediator": "Медиатор қосты",
  "documents.size_kb": "{n} КБ",
  "documents.size_mb": "{n} МБ",
  "documents.shared.everyone": "істің барлық қатысушылары көреді",
  "documents.shared.mediator": "тек медиатор көреді",
  "documents.hash": "SHA-256: {hash}",
  "documents.withdrawn": "Қайтарып алынды",
  "documents.share": "Барлығына көрсету",
  "documents.withdraw": "Қайтарып алу",
  "documents.withdraw_confirm":
    "«{name}» қайтарып алынсын ба? Файл жойылады. Істе оның қосылғаны және қайтарып алынғаны туралы жазба қалады.",
  "documents.share_confirm":
    "«{name}» істің барлық қатысушыларына көрсетілсін бе? Мұны болдырмау мүмкін емес: басқалар көргеннен кейін ол ашық күйінде қалады.",
  "documents.shared_done": "Енді құжатты істің барлық қатысушылары көреді.",
  "documents.changed": "Құжаттар тізімі өзгерді.",
  "documents.withdrawn_done": "Құжат қайтарып алынды.",
  "documents.refused.document_type_not_allowed": "Бұл PDF, JPEG, PNG немесе WebP файлы емес. Басқа файл таңдаңыз.",
  "documents.refused.document_type_mismatch":
    "Файлдың мазмұны оның түріне сәйкес келмейді. Оны PDF немесе фотосурет ретінде қайта сақтап, тағы көріңіз.",
  "documents.refused.document_damaged": "Файл ашылмайды: ол толық емес немесе бүлінген. Файлды толығымен жіберіңіз.",
  "documents.refused.document_encrypted": "Бұл PDF құпиясөзбен қорғалған. Құпиясөзсіз көшірмесін жіберіңіз.",
  "documents.refused.document_too_large": "Файл тым үлкен. Кішірек файл немесе кішірек скан жіберіңіз.",
  "documents.refused.case_documents_full":
    "Осы істегі құжаттарыңыз рұқсат етілген орынның бәрін алды. Енді қажет емес біреуін қайтарып алыңыз.",
  "documents.refused.document_not_found": "Бұл құжат қолжетімсіз.",
  "documents.refused.document_withdrawn": "Бұл құжат қайтарып алынған.",
  "documents.refused.document_already_shared": "Бұл құжатты барлығы көріп отыр.",
  "documents.refused.not_document_owner":
    "Құжатты басқаларға көрсетуді немесе қайтарып алуды тек оны қосқан адам ғана жасай алады.",
  "documents.refused.empty_body": "Файл бос. Басқа файл таңдаңыз.",
};
