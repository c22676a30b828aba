"""What the guide before filing says, per category, in Kazakh, Russian and English: plain data.

Each guide: the laws usually involved (codes worded by ``odr.documents.wording`` where the
settlement has the same law, else ``LAWS`` here), what mediation can and cannot do for such a
dispute, and the typical issues with fair, neutral options: each option names the party
("Пәтер талапкерге қалады"), never "I" or "you" (``neutral_wording`` holds them to that in a
test), and says a joint action as joint. The options are only a start: the claimant edits them.
"""

from __future__ import annotations

from typing import Any, Final

T = dict[str, str]
"""One text in each language: {"kk": …, "ru": …, "en": …}."""

LAWS: Final[dict[str, T]] = {
    "mediation_law": {
        "kk": "«Медиация туралы» Қазақстан Республикасының Заңы",
        "ru": "Закон Республики Казахстан «О медиации»",
        "en": "Law of the Republic of Kazakhstan on Mediation",
    },
    "entrepreneurial_code": {
        "kk": "Қазақстан Республикасының Кәсіпкерлік кодексі",
        "ru": "Предпринимательский кодекс Республики Казахстан",
        "en": "Entrepreneurial Code of the Republic of Kazakhstan",
    },
}

# What mediation is, whatever the dispute.
COMMON_CAN: Final[list[T]] = [
    {
        "kk": "Екеуіңіз де келіскен шешімді табуға көмектеседі: екеуіңіздің келісіміңізсіз "
        "ештеңе шешілмейді.",
        "ru": "Помочь найти решение, с которым согласны вы оба: без вашего согласия ничего не "
        "решается.",
        "en": "Help you find a solution you both agree to: nothing is decided without your "
        "consent.",
    },
    {
        "kk": "Келісімді сот бекіте алады, ал ол орындалмаса, атқару парағы беріледі.",
        "ru": "Соглашение может утвердить суд, а если его не исполнят, выдаётся исполнительный "
        "лист.",
        "en": "A court can approve the agreement, and if it is not performed, issue an "
        "enforcement writ.",
    },
]
COMMON_CANNOT: Final[list[T]] = [
    {
        "kk": "Тараптардың біріне шешім таңу: медиатор да, платформа да үкім шығармайды.",
        "ru": "Навязать решение одной из сторон: ни медиатор, ни платформа не выносят решений.",
        "en": "Impose a decision on either side: neither a mediator nor the platform decides.",
    },
]

GUIDES: Final[dict[str, dict[str, Any]]] = {
    "family": {
        "laws": ["marriage_family_code", "mediation_law"],
        "title": {"kk": "Отбасылық дау", "ru": "Семейный спор", "en": "A family dispute"},
        "summary": {
            "kk": "Ортақ мүлікті бөлу, алимент, балалармен қарым-қатынас тәртібі. Ерлі-зайыптылар "
            "мен туыстар көбіне сотқа қарағанда тезірек әрі арзанырақ келіседі.",
            "ru": "Раздел совместного имущества, алименты, порядок общения с детьми. Супруги и "
            "родственники часто договариваются быстрее и дешевле, чем в суде.",
            "en": "Sharing joint property, child maintenance, time with the children. Spouses "
            "and relatives often agree faster and at less cost than in court.",
        },
        "can": [
            {
                "kk": "Мүлікті бөлу, алимент және баланың әр ата-анамен кездесу тәртібі туралы "
                "келісуге көмектеседі.",
                "ru": "Помочь договориться о разделе имущества, алиментах и о том, как ребёнок "
                "общается с каждым из родителей.",
                "en": "Help you agree on sharing the property, maintenance and how the child "
                "spends time with each parent.",
            },
        ],
        "cannot": [
            {
                "kk": "Некені бұзу: мұны сот немесе тіркеуші орган жасайды.",
                "ru": "Расторгнуть брак: это делает суд или регистрирующий орган.",
                "en": "Dissolve the marriage: a court or the registry office does that.",
            },
            {
                "kk": "Баланың құқықтарын шектеу: сот мұндай шартты бекітпейді.",
                "ru": "Ограничить права ребёнка: суд не утвердит такое условие.",
                "en": "Limit the child's rights: a court will not approve such a term.",
            },
            {
                "kk": "Отбасылық зорлық-зомбылықтан қорғауды алмастыру: қауіп төнсе, полицияға "
                "(102) хабарласыңыз.",
                "ru": "Заменить защиту от домашнего насилия: если вам угрожают, звоните в "
                "полицию (102).",
                "en": "Replace protection from domestic violence: if you are in danger, call "
                "the police (102).",
            },
        ],
        "issues": [
            {
                "label": {"kk": "Пәтер", "ru": "Квартира", "en": "The flat"},
                "options": [
                    {
                        "kk": "Пәтер талапкерге қалады",
                        "ru": "Квартира остаётся у заявителя",
                        "en": "The flat stays with the claimant",
                    },
                    {
                        "kk": "Пәтер жауапкерге қалады",
                        "ru": "Квартира остаётся у ответчика",
                        "en": "The flat stays with the respondent",
                    },
                    {
                        "kk": "Пәтер сатылып, ақша тең бөлінеді",
                        "ru": "Квартира продаётся, деньги делятся поровну",
                        "en": "The flat is sold and the money shared equally",
                    },
                ],
            },
            {
                "label": {
                    "kk": "Балаға ай сайынғы алимент",
                    "ru": "Алименты на ребёнка в месяц",
                    "en": "Child maintenance a month",
                },
                "range": {"min": 0, "max": 500000, "step": 5000, "unit": "KZT"},
            },
            {
                "label": {
                    "kk": "Баланың екінші ата-анамен кездесуі",
                    "ru": "Встречи ребёнка со вторым родителем",
                    "en": "The child's time with the other parent",
                },
                "options": [
                    {
                        "kk": "Әр демалыс күндері",
                        "ru": "Каждые выходные",
                        "en": "Every weekend",
                    },
                    {
                        "kk": "Екі аптада бір рет демалыс күндері және каникулдың жартысы",
                        "ru": "Раз в две недели по выходным и половина каникул",
                        "en": "Every other weekend and half of the school holidays",
                    },
                    {
                        "kk": "Ата-аналардың алдын ала келісуі бойынша",
                        "ru": "По предварительной договорённости родителей",
                        "en": "As the parents agree in advance",
                    },
                ],
            },
        ],
    },
    "labour": {
        "laws": ["labour_code", "mediation_law"],
        "title": {"kk": "Еңбек дауы", "ru": "Трудовой спор", "en": "A dispute at work"},
        "summary": {
            "kk": "Төленбеген жалақы, жұмыстан шығару, өтемақы. Жұмыс берушіде келісу комиссиясы "
            "болса, жеке еңбек дауын әдетте алдымен сол қарайды.",
            "ru": "Невыплаченная зарплата, увольнение, компенсации. Если у работодателя есть "
            "согласительная комиссия, индивидуальный трудовой спор обычно сначала рассматривает "
            "она.",
            "en": "Unpaid wages, dismissal, compensation. If the employer has a conciliation "
            "commission, an individual labour dispute usually goes to it first.",
        },
        "can": [
            {
                "kk": "Берешек жалақыны төлеу мерзімі мен тәртібі, еңбек шартын тоқтату шарттары "
                "туралы келісуге көмектеседі.",
                "ru": "Помочь договориться о сроке и порядке выплаты долга по зарплате и об "
                "условиях прекращения трудового договора.",
                "en": "Help you agree when and how unpaid wages are paid and on what terms the "
                "employment ends.",
            },
        ],
        "cannot": [
            {
                "kk": "Қызметкердің жағдайын Еңбек кодексінде кепілдік берілгеннен нашарлату: "
                "мұндай шарттың заңды күші жоқ.",
                "ru": "Ухудшить положение работника по сравнению с гарантиями Трудового кодекса: "
                "такое условие недействительно.",
                "en": "Leave the employee worse off than the Labour Code guarantees: such a term "
                "is void.",
            },
            {
                "kk": "Еңбек инспекциясының тексеруін алмастыру (мысалы, еңбек қауіпсіздігі "
                "бойынша).",
                "ru": "Заменить проверку трудовой инспекции (например, по охране труда).",
                "en": "Replace an inspection by the labour inspectorate (for example, of safety "
                "at work).",
            },
        ],
        "issues": [
            {
                "label": {
                    "kk": "Жалақы бойынша берешек",
                    "ru": "Долг по заработной плате",
                    "en": "Unpaid wages",
                },
                "range": {"min": 0, "max": 5000000, "step": 10000, "unit": "KZT"},
            },
            {
                "label": {"kk": "Төлеу мерзімі", "ru": "Срок выплаты", "en": "When it is paid"},
                "options": [
                    {"kk": "10 күн ішінде", "ru": "В течение 10 дней", "en": "Within 10 days"},
                    {"kk": "Бір ай ішінде", "ru": "В течение месяца", "en": "Within a month"},
                    {
                        "kk": "Үш ай ішінде тең бөліктермен",
                        "ru": "Равными частями в течение трёх месяцев",
                        "en": "In equal parts over three months",
                    },
                ],
            },
            {
                "label": {
                    "kk": "Еңбек шарты",
                    "ru": "Трудовой договор",
                    "en": "The employment contract",
                },
                "options": [
                    {
                        "kk": "Еңбек шарты жалғасады",
                        "ru": "Трудовой договор продолжается",
                        "en": "The contract continues",
                    },
                    {
                        "kk": "Еңбек шарты тараптардың келісімі бойынша тоқтатылады",
                        "ru": "Трудовой договор прекращается по соглашению сторон",
                        "en": "The contract ends by agreement of the parties",
                    },
                ],
            },
        ],
    },
    "consumer": {
        "laws": ["consumer_protection_law", "civil_code", "mediation_law"],
        "title": {"kk": "Тұтынушылық дау", "ru": "Спор потребителя", "en": "A consumer dispute"},
        "summary": {
            "kk": "Сатып алынған тауар ақаулы болып шықты немесе қызмет нашар көрсетілді: ақшаны "
            "қайтару, тауарды ауыстыру, тегін жөндеу.",
            "ru": "Купленный товар оказался с недостатком или услуга оказана плохо: возврат "
            "денег, замена товара, бесплатный ремонт.",
            "en": "A purchase turned out faulty or a service was poorly done: a refund, a "
            "replacement, a free repair.",
        },
        "can": [
            {
                "kk": "Ақшаны қайтару, ауыстыру, жөндеу немесе жеңілдік және олардың мерзімі "
                "туралы келісуге көмектеседі.",
                "ru": "Помочь договориться о возврате денег, замене, ремонте или скидке и об их "
                "сроках.",
                "en": "Help you agree on a refund, replacement, repair or discount, and by when.",
            },
        ],
        "cannot": [
            {
                "kk": "Сатушыға айыппұл салу: бұл тұтынушылардың құқықтарын қорғау жөніндегі "
                "уәкілетті органның ісі.",
                "ru": "Оштрафовать продавца: это дело уполномоченного органа по защите прав "
                "потребителей.",
                "en": "Fine the seller: that is for the consumer protection authority.",
            },
            {
                "kk": "Басқа сатып алушылардың атынан шешім қабылдау.",
                "ru": "Решить за других покупателей.",
                "en": "Decide for other buyers.",
            },
        ],
        "issues": [
            {
                "label": {"kk": "Не істеледі", "ru": "Что делается", "en": "What is done"},
                "options": [
                    {"kk": "Ақша қайтарылады", "ru": "Деньги возвращаются", "en": "A refund"},
                    {
                        "kk": "Тауар жаңасына ауыстырылады",
                        "ru": "Товар заменяется новым",
                        "en": "The item is replaced with a new one",
                    },
                    {
                        "kk": "Тауар тегін жөнделеді",
                        "ru": "Товар ремонтируется бесплатно",
                        "en": "The item is repaired free of charge",
                    },
                    {
                        "kk": "Бағасы төмендетіледі",
                        "ru": "Цена снижается",
                        "en": "The price is reduced",
                    },
                ],
            },
            {
                "label": {"kk": "Қайтарылатын сома", "ru": "Сумма возврата", "en": "Refund"},
                "range": {"min": 0, "max": 1000000, "step": 5000, "unit": "KZT"},
            },
            {
                "label": {"kk": "Мерзімі", "ru": "Срок", "en": "By when"},
                "options": [
                    {"kk": "10 күн ішінде", "ru": "В течение 10 дней", "en": "Within 10 days"},
                    {"kk": "30 күн ішінде", "ru": "В течение 30 дней", "en": "Within 30 days"},
                ],
            },
        ],
    },
}
