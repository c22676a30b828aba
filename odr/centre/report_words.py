"""The words of the report files (CSV and XLSX) in Kazakh, Russian and English: sheet names,
column headers, and the names of categories, mechanisms and groups. Data only
(``odr.centre.report_files`` writes with them); the browser has its own in
``static/app/locales/reports/``."""

from __future__ import annotations

# key → (kk, ru, en)
WORDS: dict[str, tuple[str, str, str]] = {
    # sheets (Excel caps a sheet's name at 31 characters)
    "sheet.period": ("Кезең", "Период", "Period"),
    "sheet.caseload": ("Жүктеме", "Нагрузка", "Caseload"),
    "sheet.outcomes": ("Нәтижелер", "Итоги", "Outcomes"),
    "sheet.feedback": ("Пікірлер", "Отзывы", "Feedback"),
    "sheet.comments": ("Түсініктемелер", "Комментарии", "Comments"),
    # the period sheet
    "period.item": ("Көрсеткіш", "Показатель", "Item"),
    "period.value": ("Мәні", "Значение", "Value"),
    "period.start": ("Кезеңнің басы", "Начало периода", "From"),
    "period.end": ("Кезеңнің соңы", "Конец периода", "To"),
    "period.generated": (
        "Жасалған уақыты (Астана)",
        "Сформировано (время Астаны)",
        "Generated (Astana time)",
    ),
    # caseload
    "caseload.mediator": ("Медиатор", "Медиатор", "Mediator"),
    "caseload.open": ("Ашық істер", "Открытые дела", "Open cases"),
    "caseload.under_7": ("7 күннен аз", "Менее 7 дней", "Under 7 days"),
    "caseload.from_7_to_30": ("7–30 күн", "7–30 дней", "7–30 days"),
    "caseload.from_30_to_60": ("30–60 күн", "30–60 дней", "30–60 days"),
    "caseload.over_60": ("60 күннен артық", "Более 60 дней", "Over 60 days"),
    "caseload.past_deadline": ("Мерзімі өтіп кеткен", "Просрочено", "Past deadline"),
    "caseload.closed_in_period": (
        "Кезеңде аяқталған",
        "Завершено за период",
        "Closed in the period",
    ),
    "caseload.unassigned": ("Медиаторсыз", "Без медиатора", "Unassigned"),
    # outcomes
    "outcomes.dimension": ("Топтастыру", "Группировка", "Grouped by"),
    "outcomes.key": ("Топ", "Группа", "Group"),
    "dimension.all": ("Барлығы", "Всего", "Total"),
    "dimension.category": ("Санат", "Категория", "Category"),
    "dimension.mechanism": ("Тәсіл", "Способ", "Mechanism"),
    "outcomes.concluded": ("Аяқталған", "Завершено", "Concluded"),
    "outcomes.settled": ("Реттелген", "Урегулировано", "Settled"),
    "outcomes.not_settled": ("Реттелмеген", "Не урегулировано", "Not settled"),
    "outcomes.referred": ("Сотқа жіберілген", "Передано в суд", "Referred to court"),
    "outcomes.expired": ("Мерзімі аяқталған", "Срок истёк", "Expired"),
    "outcomes.settled_rate": ("Реттелген үлесі", "Доля урегулированных", "Settled, share"),
    "outcomes.not_settled_rate": (
        "Реттелмеген үлесі",
        "Доля неурегулированных",
        "Not settled, share",
    ),
    "outcomes.referred_rate": (
        "Сотқа жіберілген үлесі",
        "Доля переданных в суд",
        "Referred, share",
    ),
    "outcomes.expired_rate": ("Мерзімі аяқталған үлесі", "Доля истёкших", "Expired, share"),
    "outcomes.median_days_to_outcome": (
        "Нәтижеге дейінгі күндер (медиана)",
        "Дней до итога (медиана)",
        "Median days to outcome",
    ),
    # feedback
    "feedback.question": ("Сұрақ", "Вопрос", "Question"),
    "feedback.average": ("Орташа баға (1–5)", "Средняя оценка (1–5)", "Average (1–5)"),
    "feedback.responses": ("Жауаптар саны", "Число ответов", "Responses"),
    "feedback.suppressed": (
        "Жауаптар тым аз: орташа бағалар мен түсініктемелер көрсетілмейді",
        "Слишком мало ответов: средние оценки и комментарии не показываются",
        "Too few responses: averages and comments are withheld",
    ),
    "score.service": ("Қызмет көрсету", "Сервис", "Service"),
    "score.procedure": ("Рәсім", "Процедура", "Procedure"),
    "score.fairness": ("Әділдік", "Справедливость", "Fairness"),
    "score.ease": ("Ыңғайлылық", "Удобство", "Ease"),
    "comments.number": ("№", "№", "No."),
    "comments.comment": ("Түсініктеме", "Комментарий", "Comment"),
    # categories and mechanisms
    "category.civil": ("Азаматтық", "Гражданский", "Civil"),
    "category.family": ("Отбасылық", "Семейный", "Family"),
    "category.labour": ("Еңбек", "Трудовой", "Labour"),
    "category.commercial": ("Коммерциялық", "Коммерческий", "Commercial"),
    "category.consumer": ("Тұтынушылық", "Потребительский", "Consumer"),
    "mechanism.packages": ("Пакеттік келіссөз", "Переговоры пакетами", "Package negotiation"),
    "mechanism.bidding": ("Жабық сауда", "Слепые торги", "Blind bidding"),
    "mechanism.division": ("Әділ бөлу", "Справедливый раздел", "Fair division"),
}
LANGUAGES = ("kk", "ru", "en")


def word(language: str, key: str) -> str:
    """``key`` in ``language``; a key without words (a category added later) reads as itself."""
    words = WORDS.get(key)
    return words[LANGUAGES.index(language)] if words else key.split(".", 1)[-1]
