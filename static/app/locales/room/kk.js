// Бірнеше тарапы бар бөлменің жолдары (#17): ұсынысты кім қабылдады, кімді күтеміз, кім бөлмеде,
// келіссөзден шығу (../../i18n.js, "room" бөлігі).
export default {
  "room.parties.who": "Тараптар",
  "room.parties.here": "бөлмеде",
  "room.parties.away": "бөлмеде жоқ",
  "room.parties.left": "келіссөзден шықты",
  "room.parties.you": "сіз",
  "room.parties.accepted": "Қабылдағандар: {names}.",
  "room.parties.waiting": "Жауабын күтеміз: {names}.",
  "room.parties.you_accepted": "Сіз {name} жасаған № {version} ұсынысты қабылдадыңыз:",
  "room.parties.you_left": "Сіз келіссөзден шықтыңыз. Мұнда не болып жатқанын әлі де оқи аласыз.",
  "room.parties.others": "басқа тараптар",
  "room.parties.leave": "Келіссөзден шығу",
  "room.parties.leave_q": "Келіссөзден шығасыз ба?",
  "room.parties.leave_text":
    "Қалғандары сізсіз жалғастырады және сіздің жауабыңызды енді күтпейді. Екі тараптан аз қалса, медиация келісімсіз аяқталады. Мұны болдырмау мүмкін емес.",
  "room.parties.leave_yes": "Иә, шығамын",
  "room.parties.leave_failed": "Қазір келіссөзден шығу мүмкін болмады. Бетті жаңартып, қайталап көріңіз.",
  "room.ev.party_withdrew.mine": "Сіз келіссөзден шықтыңыз.",
  "room.ev.party_withdrew.theirs": "{name} келіссөзден шықты. Қалғандары онсыз жалғастырады.",
  "room.ev.closed.withdrew": "Екі тараптан аз қалды: медиация келісімсіз аяқталды.",
  "room.refused.not_a_party": "Сіз бұл келіссөзден шықтыңыз: енді онда қадам жасай алмайсыз.",
};
