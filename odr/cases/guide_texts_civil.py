"""The guides before filing for civil disputes (debts, neighbours, damage) and commercial ones:
plain data in the shape of ``guide_texts`` (which holds the family, labour and consumer ones)."""

from __future__ import annotations

from typing import Any, Final

GUIDES: Final[dict[str, dict[str, Any]]] = {
    "civil": {
        "laws": ["civil_code", "mediation_law"],
        "title": {
            "kk": "Азаматтық дау: қарыз, көршілер, залал",
            "ru": "Гражданский спор: долг, соседи, ущерб",
            "en": "A civil dispute: a debt, neighbours, damage",
        },
        "summary": {
            "kk": "Қайтарылмаған қарыз, көршілермен келіспеушілік, су құйылу немесе басқа залал. "
            "Мұндай дауды сотқа бармай-ақ бөліп төлеу немесе жөндеу арқылы шешуге болады.",
            "ru": "Невозвращённый долг, разногласия с соседями, затопление или другой ущерб. "
            "Такой спор можно решить без суда: рассрочкой платежа или ремонтом.",
            "en": "A loan not repaid, a quarrel with neighbours, a flood or other damage. Such a "
            "dispute can be settled without court: by instalments or by a repair.",
        },
        "can": [
            {
                "kk": "Соманы, бөліп төлеу кестесін, жөндеуді немесе залалды өтеуді келісуге "
                "көмектеседі.",
                "ru": "Помочь согласовать сумму, график рассрочки, ремонт или возмещение ущерба.",
                "en": "Help you agree on the amount, a payment plan, a repair or compensation.",
            },
        ],
        "cannot": [
            {
                "kk": "Дауға қатыспайтын үшінші тұлғалардың (басқа көршілердің, банктің) "
                "құқықтары туралы шешу.",
                "ru": "Решить что-либо о правах третьих лиц, не участвующих в споре (других "
                "соседей, банка).",
                "en": "Decide on the rights of anyone outside the dispute (other neighbours, a "
                "bank).",
            },
            {
                "kk": "Қылмыстық істі тоқтату: оны тек заңда көрсетілген жағдайларда сот немесе "
                "тергеу органы шешеді.",
                "ru": "Прекратить уголовное дело: это решает суд или орган следствия, и только "
                "в случаях, указанных в законе.",
                "en": "End a criminal case: only a court or investigators decide that, and only "
                "where the law allows.",
            },
        ],
        "issues": [
            {
                "label": {"kk": "Қарыз сомасы", "ru": "Сумма долга", "en": "Amount owed"},
                "range": {"min": 0, "max": 5000000, "step": 10000, "unit": "KZT"},
            },
            {
                "label": {
                    "kk": "Қалай төленеді",
                    "ru": "Как выплачивается",
                    "en": "How it is paid",
                },
                "options": [
                    {"kk": "Бір төлеммен", "ru": "Одним платежом", "en": "In one payment"},
                    {
                        "kk": "6 ай ішінде тең бөліктермен",
                        "ru": "Равными частями в течение 6 месяцев",
                        "en": "In equal parts over 6 months",
                    },
                    {
                        "kk": "12 ай ішінде тең бөліктермен",
                        "ru": "Равными частями в течение 12 месяцев",
                        "en": "In equal parts over 12 months",
                    },
                ],
            },
            {
                "label": {
                    "kk": "Залалды өтеу",
                    "ru": "Возмещение ущерба",
                    "en": "Making good the damage",
                },
                "options": [
                    {
                        "kk": "Жауапкер жөндеу ақысын төлейді",
                        "ru": "Ответчик оплачивает ремонт",
                        "en": "The respondent pays for the repair",
                    },
                    {
                        "kk": "Жөндеу шығыны тараптар арасында тең бөлінеді",
                        "ru": "Расходы на ремонт делятся между сторонами поровну",
                        "en": "The cost of the repair is shared equally",
                    },
                    {
                        "kk": "Жауапкер өз күшімен жөндейді",
                        "ru": "Ответчик делает ремонт своими силами",
                        "en": "The respondent does the repair",
                    },
                ],
            },
        ],
    },
    "commercial": {
        "laws": ["civil_code", "entrepreneurial_code", "mediation_law"],
        "title": {"kk": "Коммерциялық дау", "ru": "Коммерческий спор", "en": "A business dispute"},
        "summary": {
            "kk": "Жеткізілім, қызмет көрсету немесе жалдау шарты бойынша берешек, тұрақсыздық "
            "айыбы, шартты жалғастыру. Серіктестер ынтымақтастықты сақтап қалу үшін жиі келіседі.",
            "ru": "Задолженность по договору поставки, услуг или аренды, неустойка, продолжение "
            "договора. Партнёры часто договариваются, чтобы сохранить сотрудничество.",
            "en": "Money owed under a supply, service or lease contract, a contractual penalty, "
            "whether the contract goes on. Partners often settle to keep working together.",
        },
        "can": [
            {
                "kk": "Берешекті төлеу кестесін, тұрақсыздық айыбын азайтуды және шарттың "
                "тағдырын келісуге көмектеседі.",
                "ru": "Помочь согласовать график погашения долга, снижение неустойки и судьбу "
                "договора.",
                "en": "Help you agree on a repayment schedule, a lower penalty and the future of "
                "the contract.",
            },
        ],
        "cannot": [
            {
                "kk": "Салық немесе басқа да жария-құқықтық міндеттер туралы келісу.",
                "ru": "Договориться о налогах или иных публично-правовых обязанностях.",
                "en": "Settle taxes or other duties owed to the state.",
            },
            {
                "kk": "Банкроттық рәсімін немесе басқа кредиторлардың талаптарын шешу.",
                "ru": "Решить вопросы банкротства или требования других кредиторов.",
                "en": "Deal with a bankruptcy or the claims of other creditors.",
            },
        ],
        "issues": [
            {
                "label": {"kk": "Берешек сомасы", "ru": "Сумма задолженности", "en": "Amount owed"},
                "range": {"min": 0, "max": 50000000, "step": 50000, "unit": "KZT"},
            },
            {
                "label": {"kk": "Тұрақсыздық айыбы", "ru": "Неустойка", "en": "Penalty"},
                "options": [
                    {
                        "kk": "Тұрақсыздық айыбы толық төленеді",
                        "ru": "Неустойка выплачивается полностью",
                        "en": "The penalty is paid in full",
                    },
                    {
                        "kk": "Тұрақсыздық айыбы екі есе азайтылады",
                        "ru": "Неустойка снижается вдвое",
                        "en": "The penalty is halved",
                    },
                    {
                        "kk": "Тұрақсыздық айыбы төленбейді",
                        "ru": "Неустойка не выплачивается",
                        "en": "No penalty is paid",
                    },
                ],
            },
            {
                "label": {"kk": "Шарт", "ru": "Договор", "en": "The contract"},
                "options": [
                    {
                        "kk": "Шарт жалғасады",
                        "ru": "Договор продолжается",
                        "en": "The contract continues",
                    },
                    {
                        "kk": "Шарт тараптардың келісімі бойынша бұзылады",
                        "ru": "Договор расторгается по соглашению сторон",
                        "en": "The contract ends by agreement of the parties",
                    },
                ],
            },
        ],
    },
}
