"""The settlement page's DOM-free helpers, run in Chromium on concrete cases.

``static/app/pages/settlement/`` keeps its arithmetic and its decisions apart from the DOM
(docs/ui.md, "The settlement page, by step"): ``amounts.js`` reads amounts as people type them and
adds them in tiyn, ``instalments.js`` splits a payment into parts, ``refused_fields.js`` says at
which input a refusal of the server belongs and in which words, ``state.js``'s ``pollNews``
decides what a newer answer changes for an open page. A mistake there shows a wrong sum, puts a
refusal at the wrong box or redraws over what someone is typing, so each is imported as the page
imports it (the served module, in the browser that runs the page) and checked on cases whose
answers are worked out here by hand.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Browser

NBSP = "\u00a0"
BASE = "/app/pages/settlement"


async def in_browser(browser: Browser, address: str, script: str, arg: Any = None) -> Any:
    """What ``script`` (an async function of ``arg``) returns in a page of the app."""
    page = await browser.new_page()
    try:
        await page.goto(f"http://{address}/")
        return await page.evaluate(script, arg)
    finally:
        await page.close()


PARSE = f"""
async (cases) => {{
  const {{ parseAmount }} = await import("{BASE}/amounts.js");
  return cases.map(([typed, lang]) => parseAmount(typed, lang));
}}
"""

# (typed, the page's language) → what parseAmount makes of it.
TYPED_AMOUNTS: list[tuple[tuple[str, str], dict[str, str]]] = [
    (("210000", "kk"), {"value": "210000"}),
    (("210 000", "ru"), {"value": "210000"}),  # spaces group thousands
    (("210\u00a0000,50", "kk"), {"value": "210000.50"}),  # kk/ru: no-break space, decimal comma
    (("210\u202f000,5 ₸", "kk"), {"value": "210000.5"}),  # narrow no-break space, the sign
    (("250 000 тг", "ru"), {"value": "250000"}),
    (("250000 теңге", "kk"), {"value": "250000"}),
    (("100 KZT", "en"), {"value": "100"}),
    (("210,000", "en"), {"value": "210000"}),  # in English a comma groups thousands
    (("210,000", "ru"), {"error": "settlement.error.amount"}),  # in Russian it is ambiguous
    (("210,000.50", "ru"), {"value": "210000.50"}),  # with a point the comma can only group
    (("1,5", "en"), {"value": "1.5"}),
    (("007", "kk"), {"value": "7"}),
    (("0,00", "kk"), {"error": "settlement.error.amount_zero"}),
    (("", "kk"), {"error": "settlement.error.amount"}),
    (("12.345", "en"), {"error": "settlement.error.amount"}),  # tiyn have two digits
    (("1e5", "en"), {"error": "settlement.error.amount"}),
    (("-5", "ru"), {"error": "settlement.error.amount"}),
    (("1000000000000000", "en"), {"value": "1000000000000000"}),  # the server's limit, 10^15
    (("1000000000000000.01", "en"), {"error": "settlement.error.amount_big"}),
]

TIYN = f"""
async () => {{
  const {{ tiyn, fromTiyn, MAX_TIYN }} = await import("{BASE}/amounts.js");
  return {{
    tiyn: ["210000.5", "210000.50", "12", ".5", "0.05", "999999999999999.99"]
      .map((a) => String(tiyn(a))),
    from: [21000050n, 21000000n, 5n, 0n, 99999999999999999n].map(fromTiyn),
    max: String(MAX_TIYN),
  }};
}}
"""


async def test_amounts_are_read_as_people_type_them_and_counted_in_tiyn(
    browser: Browser, address: str
) -> None:
    parsed = await in_browser(browser, address, PARSE, [typed for typed, _ in TYPED_AMOUNTS])
    assert list(zip([typed for typed, _ in TYPED_AMOUNTS], parsed, strict=True)) == [
        (typed, expected) for typed, expected in TYPED_AMOUNTS
    ]
    counted = await in_browser(browser, address, TIYN)
    assert counted == {
        "tiyn": ["21000050", "21000050", "1200", "50", "5", "99999999999999999"],
        "from": ["210000.50", "210000", "0.05", "0", "999999999999999.99"],
        "max": "100000000000000000",
    }


SPLIT = f"""
async (cases) => {{
  const {{ equalParts, sumOfParts }} = await import("{BASE}/instalments.js");
  return cases.map(([total, count]) => {{
    const {{ parts, share }} = equalParts(total, count);
    return {{ parts, share, sum: sumOfParts(parts.map((amount) => ({{ amount }}))) }};
  }});
}}
"""

SUMS_AND_DATES = f"""
async () => {{
  const {{ sumOfParts, dueDateOf }} = await import("{BASE}/instalments.js");
  return {{
    cents: sumOfParts([{{ amount: "0.10" }}, {{ amount: "0.20" }}]),
    big: sumOfParts([{{ amount: "999999999999999.99" }}, {{ amount: "0.01" }}]),
    due: dueDateOf([
      {{ amount: "100", due_date: "2027-01-31" }},
      {{ amount: "100", due_date: "2027-02-28" }},
      {{ amount: "100", due_date: "2027-03-31" }},
    ]),
    one: dueDateOf([{{ amount: "5", due_date: "2027-06-01" }}]),
  }};
}}
"""


async def test_instalments_split_into_whole_parts_that_add_up_exactly(
    browser: Browser, address: str
) -> None:
    splits = await in_browser(
        browser,
        address,
        SPLIT,
        [["100000", 3], ["1000.50", 4], ["10", 3], ["300", 1], ["999999999999999.99", 7]],
    )
    assert splits == [
        # whole tenge each, the last part takes the rest
        {"parts": ["33333", "33333", "33334"], "share": "33333", "sum": "100000"},
        {"parts": ["250", "250", "250", "250.50"], "share": "250", "sum": "1000.50"},
        {"parts": ["3", "3", "4"], "share": "3", "sum": "10"},
        {"parts": ["300"], "share": "300", "sum": "300"},
        {
            # beyond 2^53: exact only because the sums are BigInt
            "parts": [*["142857142857142"] * 6, "142857142857147.99"],
            "share": "142857142857142",
            "sum": "999999999999999.99",
        },
    ]
    assert await in_browser(browser, address, SUMS_AND_DATES) == {
        "cents": "0.30",  # 0.1 + 0.2 in floating point would not be
        "big": "1000000000000000",
        "due": "2027-03-31",  # the obligation is due with its last part
        "one": "2027-06-01",
    }


REFUSED = f"""
async () => {{
  const {{ useLanguage }} = await import("/app/i18n.js");
  const {{ identityInputOf, termsInputOf, serverText }} = await import("{BASE}/refused_fields.js");
  await useLanguage("en");
  const keys = ["k7", "k9"];
  const payment = {{ kind: "payment" }};
  const action = {{ kind: "action" }};
  return {{
    identity: [
      ["signatory.full_name", ""],
      ["signatory.iin", ""],
      ["representative.power_of_attorney.date", ""],
      ["representative.power_of_attorney.settlement_authority", ""],
      ["representative", "needs a power of attorney"],
      ["iin", ""],
      ["bin", ""],
      ["", "Value error, IIN checksum does not match"],
      ["", "BIN must have 12 digits"],
      ["phone", "unknown"],
    ].map(([path, message]) => identityInputOf(path, message)),
    terms: [
      ["place", "", null],
      ["document_language", "", null],
      ["obligations[1].instalments[0].amount", "", payment],
      ["obligations[1].instalments[2].due_date", "", payment],
      ["obligations[0].instalments", "instalments must add up to the amount", payment],
      ["obligations[0].instalments", "instalments must add up to the amount", action],
      ["obligations[0].instalments", "instalment dates must be increasing", payment],
      ["obligations[0].due_date", "", payment],
      ["obligations[0].account.iban", "", payment],
      ["obligations[1].description", "", action],
      ["obligations[0].amount", "", payment],
      ["obligations[0].currency", "", payment],
      ["obligations[1].creditor", "", payment],
      ["obligations[0]", "Value error, debtor and creditor must differ", payment],
      ["obligations[0]", "a payment needs an amount", payment],
      ["obligations[0]", "something else", payment],
      ["obligations[2].amount", "", payment],
      ["signatory.iin", "", null],
    ].map(([path, message, sent]) => termsInputOf(path, message, keys, sent)),
    text: [serverText("Value error, too short"), serverText("plain"), serverText(null)],
    // On a Kazakh page the server's English is never shown, and a known rule said in Kazakh
    // still finds its input (terms.js places what serverText() says).
    ...(await useLanguage("kk").then(() => ({{
      kk: [
        serverText("Value error, IIN 880720300453 has check digit 3, expected 2 (mistyped?)"),
        serverText("Value error, too short"),
      ],
      kkTerms: [
        ["obligations[0]", "Value error, debtor and creditor must differ", payment],
        ["obligations[0]", "a payment needs an amount", payment],
        ["obligations[0].instalments", "instalments must add up to the amount", payment],
        ["obligations[0].instalments", "instalment dates must be increasing", payment],
      ].map(([path, message, sent]) => termsInputOf(path, serverText(message), keys, sent)),
    }}))),
  }};
}}
"""

WORDS = f"""
async () => {{
  const {{ useLanguage }} = await import("/app/i18n.js");
  const {{ obligationProblem }} = await import("{BASE}/refused_fields.js");
  const sent = {{
    kind: "payment",
    currency: "KZT",
    amount: "210000",
    instalments: [{{ amount: "100000" }}, {{ amount: "100000.50" }}],
  }};
  const say = (message) => obligationProblem(message, sent);
  await useLanguage("en");
  const en = [
    say("Value error, 'soon' is vague"),
    say("instalment dates must be increasing"),
    say("an instalment cannot be due after the due date"),
    say("debtor and creditor must differ"),
    say("Input should be greater than 0"),
    say("Input should be less than or equal to 1000000000000000"),
    say("Value error, the court will not accept this"),
  ];
  await useLanguage("kk");
  const kk = [say("Value error, instalments must add up to the amount")];
  return {{ en, kk }};
}}
"""


async def test_a_refused_path_is_said_at_its_input_in_the_readers_words(
    browser: Browser, address: str
) -> None:
    placed = await in_browser(browser, address, REFUSED)
    assert placed["identity"] == [
        "signatory_full_name",
        "signatory_iin",
        "rep_poa_date",
        "rep_authority",
        None,  # no one input is the whole representative
        "iin",
        "bin",
        "iin",  # the reason names the number it is about
        "bin",
        None,
    ]
    assert placed["terms"] == [
        "place",
        "document_language",
        "part-k9-0",  # obligations[1] came from the box k9
        "due-k9-2",
        "ob-k7-amount",  # parts that do not add up: at the amount of a payment
        None,  # an action has no amount: said in its box
        None,  # the schedule's dates: in the box, every date marked
        "due-k7",
        "account-k7",
        "ob-k9-description",
        "ob-k7-amount",
        "ob-k7-amount",
        "ob-k9-debtor",
        "ob-k7-debtor",
        "ob-k7-amount",
        None,
        None,  # no box sent obligations[2]
        None,  # not a field of the terms
    ]
    assert placed["text"] == ["too short", "plain", ""]
    assert placed["kk"] == [
        "Бұл ЖСН сәйкес келмейді: әр цифрын жеке куәлікпен салыстырыңыз.",
        "Бұл мән қабылданбады. Тексеріп, қайталап көріңіз.",
    ]
    assert placed["kkTerms"] == ["ob-k7-debtor", "ob-k7-amount", "ob-k7-amount", None]
    words = await in_browser(browser, address, WORDS)
    assert words["en"] == [
        "“soon” is too vague for a court. "
        "Say exactly what must be done, how much, or by which date.",
        "Each part must be due after the one before it: check the dates.",
        "No part can be due after the obligation's last date.",
        "A side cannot owe this to itself: choose who must do it.",
        "The amount must be more than zero.",
        "This amount is too large. Check the number of digits.",
        "the court will not accept this",  # no rule known: the server's words
    ]
    assert words["kk"] == [
        f"Бөліктердің қосындысы — 200{NBSP}000,50{NBSP}₸, ал сома — 210{NBSP}000{NBSP}₸. "
        "Соманы немесе бөліктерді өзгертіңіз («Соманы бөліктерге тең бөлу» батырмасы көмектеседі)."
    ]


POLL = f"""
async (cases) => {{
  const {{ pollNews }} = await import("{BASE}/state.js");
  return cases.map(([before, next, typing, others]) =>
    pollNews(before, next, others ?? "respondent", typing));
}}
"""


def answer(
    version: int = 3,
    status: str = "draft",
    record: str | None = "aa",
    signed: tuple[str, ...] = (),
    filed: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A settlement answer with only what pollNews reads."""
    return {
        "version": version,
        "status": status,
        "record_sha256": record,
        "signatures": [{"role": role} for role in signed],
        "filed": filed,
    }


def news(adopt: bool, redraw: bool, said: str | None) -> dict[str, Any]:
    return {"adopt": adopt, "redraw": redraw, "news": said}


async def test_poll_news_never_redraws_over_typing_unless_the_document_was_sealed(
    browser: Browser, address: str
) -> None:
    """The claimant's page polls; the other side is the respondent."""
    now = answer()
    they_signed = answer(signed=("respondent",))
    sealed = answer(status="signed", signed=("claimant", "respondent"))
    filed = answer(status="filed", signed=("claimant", "respondent"), filed={"court": "1"})
    cases: list[tuple[dict[str, Any], dict[str, Any], bool, dict[str, Any]]] = [
        (now, answer(), False, news(False, False, None)),  # the same answer is no news
        (now, answer(), True, news(False, False, None)),
        (now, they_signed, False, news(True, True, "they_signed")),
        (now, they_signed, True, news(True, False, "they_signed")),  # taken in silently
        (now, answer(version=4, record="bb"), False, news(True, True, "changed")),
        (now, answer(version=4, record="bb"), True, news(False, False, "changed_while_typing")),
        (now, answer(version=4, record=None), False, news(True, True, None)),  # no text yet
        (answer(signed=("claimant",)), sealed, True, news(True, True, "sealed")),
        (answer(signed=("claimant",)), sealed, False, news(True, True, "sealed")),
        (sealed, filed, False, news(True, True, "sealed")),  # filing is said like sealing
        # Once sealed nothing is typed into the settlement; were it so, the filing waits.
        (sealed, filed, True, news(True, False, None)),
        (now, answer(signed=("claimant",)), False, news(True, True, None)),  # my other device
        (now, answer(signed=("claimant",)), True, news(True, False, None)),
    ]
    decided = await in_browser(
        browser, address, POLL, [[before, next_, typing] for before, next_, typing, _ in cases]
    )
    assert decided == [expected for *_, expected in cases]


async def test_poll_news_says_when_any_of_several_other_parties_signed(
    browser: Browser, address: str
) -> None:
    """Party 3's page among five (#17): any other party's new signature is news, its own not."""
    others = ["claimant", "respondent", "party4", "party5"]
    now = answer(signed=("claimant",))
    cases = [
        [now, answer(signed=("claimant", "party5")), False, others],
        [now, answer(signed=("claimant", "party3")), False, others],  # my other device
        [now, answer(signed=("claimant", "party3")), False, ["claimant", "party3"]],
    ]
    decided = await in_browser(browser, address, POLL, cases)
    assert decided == [
        news(True, True, "they_signed"),
        news(True, True, None),
        news(True, True, "they_signed"),
    ]
