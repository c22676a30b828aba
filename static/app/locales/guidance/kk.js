// Арыз беру алдындағы нұсқаулықтың жолдары (../../i18n.js, "guidance" бөлігі): санат бойынша
// нұсқаулық, бір жақты тұжырымдарға кеңестер, екінші тараптың тіліндегі тармақтар және шақыруды
// алдын ала қарау (pages/newcase.js, pages/intake/), сондай-ақ шақырудағы тармақтар (join.js).
export default {
  "guidance.title": "Арыз беру алдында не білу керек",
  "guidance.can": "Медиация не істей алады",
  "guidance.cannot": "Ол не істей алмайды",
  "guidance.laws": "Әдетте қолданылатын заңдар",
  "guidance.typical": "Әдеттегі тармақтар және әділ нұсқалар",
  "guidance.accept": "Осы тармақтарды ісіме алу",
  "guidance.accepted": "Тармақтар 3-қадамға қосылды: оларды қажетінше өзгертіңіз.",
  "guidance.one_sided": "«{option}»: екінші тарап мұны дәл жазылғандай оқиды.",
  "guidance.neutral": "Тарапты атайтын бейтарап тұжырым: «{suggestion}».",
  "guidance.use_neutral": "Бейтарап тұжырымды алу",
  "guidance.in.kk": "қазақ тілінде",
  "guidance.in.ru": "орыс тілінде",
  "guidance.in.en": "ағылшын тілінде",
  "guidance.other_label": "Тармақтың атауы {language}, екінші тарап үшін",
  "guidance.other_options": "Нұсқалар {language}, сол ретпен",
  "guidance.other_options_hint": "Әр жолға біреуден, жоғарыдағыдай санмен (міндетті емес).",
  "guidance.options_mismatch":
    "Екінші тараптың тілінде жоғарыдағыдай санды нұсқаны сол ретпен жазыңыз немесе өрісті бос қалдырыңыз.",
  "guidance.range": "{min} – {max} аралығында",
  "guidance.issues_title": "Не туралы келісу керек",
  "guidance.preview_step": "6. Екінші тарап не көреді",
  "guidance.preview": "Екінші тарап не көретінін көрсету",
  "guidance.preview_hide": "Алдын ала қарауды жасыру",
  "guidance.preview_lead": "{name} шақыруды ашқанда мынаны көреді:",
  "guidance.no_reference": "(нөмірі іс ашылғанда беріледі)",
};
