"""Options that speak for one side, and the neutral form suggested instead (#13): pure rules."""

from __future__ import annotations

import pytest

from odr.cases.neutral_wording import hints, neutral_hint, one_sided_words


@pytest.mark.parametrize(
    ("option", "label", "words", "suggestion"),
    [
        # Who keeps what: the issue becomes the subject, the party is named.
        ("Маған қалады", "Пәтер", ("Маған",), "Пәтер талапкерге қалады"),
        ("Сізге қалады", "Көлік", ("Сізге",), "Көлік жауапкерге қалады"),
        ("Менікі", "Саяжай", ("Менікі",), "Саяжай талапкерге қалады"),
        # "I" as the subject, the verb in the third person after it.
        ("Мен ақшаны қайтарамын", "", ("Мен", "қайтарамын"), "Талапкер ақшаны қайтарады"),
        ("Ақшаны бір айда төлеймін", "", ("төлеймін",), "Талапкер ақшаны бір айда төлейді"),
        ("Сіз төлейсіз", "", ("Сіз",), "Жауапкер төлейді"),
        ("Маған 500 000 теңге төленеді", "", ("Маған",), "Талапкерге 500 000 теңге төленеді"),
        ("Менің шығындарымды өтейді", "", ("Менің",), "Талапкердің шығындарымды өтейді"),
    ],
)
def test_kazakh_options_naming_a_side_get_a_neutral_form(
    option: str, label: str, words: tuple[str, ...], suggestion: str
) -> None:
    hint = neutral_hint(option, label)
    assert hint is not None
    assert (hint.language, hint.words, hint.suggestion) == ("kk", words, suggestion)


@pytest.mark.parametrize(
    ("option", "label", "words", "suggestion"),
    [
        ("Мне остаётся", "Квартира", ("Мне",), "Квартира остаётся у заявителя"),
        ("остается у меня", "Машина", ("меня",), "Машина остаётся у заявителя"),
        ("Вам остаётся", "Дача", ("Вам",), "Дача остаётся у ответчика"),
        ("Мне достаётся", "Гараж", ("Мне",), "Гараж достаётся заявителю"),
        ("Я плачу 100 000 тенге", "", ("Я",), "Заявитель платит 100 000 тенге"),
        ("Вы возвращаете деньги", "", ("Вы",), "Ответчик возвращает деньги"),
        ("Вы оплатите ремонт", "", ("Вы",), "Ответчик оплатит ремонт"),
        ("Моя квартира продаётся", "", ("Моя",), "Квартира заявителя продаётся"),
        ("Вы возмещаете мои расходы", "", ("Вы", "мои"), "Ответчик возмещает расходы заявителя"),
    ],
)
def test_russian_options_naming_a_side_get_a_neutral_form(
    option: str, label: str, words: tuple[str, ...], suggestion: str
) -> None:
    hint = neutral_hint(option, label)
    assert hint is not None
    assert (hint.language, hint.words, hint.suggestion) == ("ru", words, suggestion)


@pytest.mark.parametrize(
    ("option", "label", "words", "suggestion"),
    [
        ("I keep", "Flat", ("I",), "Flat stays with the claimant"),
        ("I keep it", "Car", ("I",), "Car stays with the claimant"),
        ("mine", "Dacha", ("mine",), "Dacha stays with the claimant"),
        ("You keep", "Car", ("You",), "Car stays with the respondent"),
        ("I will pay in May", "", ("I",), "The claimant will pay in May"),
        ("You pay my costs", "", ("You", "my"), "The respondent pays the claimant's costs"),
        ("You fix the roof", "", ("You",), "The respondent fixes the roof"),
    ],
)
def test_english_options_naming_a_side_get_a_neutral_form(
    option: str, label: str, words: tuple[str, ...], suggestion: str
) -> None:
    hint = neutral_hint(option, label)
    assert hint is not None
    assert (hint.language, hint.words, hint.suggestion) == ("en", words, suggestion)


@pytest.mark.parametrize(
    "option",
    [
        # Joint actions ("we sell and split") are the neutral form itself.
        "Сатып, ақшаны тең бөлеміз",
        "Продаём и делим деньги поровну",
        "We sell the flat and split the money",
        # Kazakh "мен" after a noun is "and"; "-сыз/-сіз" after a noun is "without".
        "Ақша мен пәтер",
        "Кепілдемесіз",
        "Пайызсыз бөліп төлеу",
        # Already naming the party.
        "Пәтер талапкерге қалады",
        "Квартира остаётся у заявителя",
        "The flat stays with the respondent",
        "Сразу",
        "300 000 ₸",
    ],
)
def test_neutral_options_get_no_hint(option: str) -> None:
    assert neutral_hint(option, "Пәтер") is None
    assert one_sided_words(option) is None


def test_the_respondent_writing_is_the_one_named_by_i() -> None:
    hint = neutral_hint("Мне остаётся", "Квартира", writer="respondent")
    assert hint is not None and hint.suggestion == "Квартира остаётся у ответчика"
    hint = neutral_hint("Маған қалады", "Пәтер", writer="respondent")
    assert hint is not None and hint.suggestion == "Пәтер жауапкерге қалады"


def test_an_issue_s_hints_keep_the_options_order_and_skip_the_neutral_ones() -> None:
    found = hints(["Маған қалады", "Сатып, ақшаны бөлеміз", "Сізге қалады"], "Пәтер")
    assert [(h.option, h.suggestion) for h in found] == [
        ("Маған қалады", "Пәтер талапкерге қалады"),
        ("Сізге қалады", "Пәтер жауапкерге қалады"),
    ]


def test_without_a_label_an_idiom_needs_no_subject() -> None:
    found = [neutral_hint(option) for option in ("Мне остаётся", "Маған қалады", "I keep")]
    assert [hint.suggestion if hint else None for hint in found] == [
        "Остаётся у заявителя",
        "Талапкерге қалады",
        "It stays with the claimant",
    ]
