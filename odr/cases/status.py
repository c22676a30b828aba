"""A case's life, in one place: every module that branches on ``Case.status`` reads it here.

    awaiting_respondent → open ⇄ paused → agreed → signed → filed
                            ↘ expired / failed → referred

``agreed`` is the room's agreement; ``signed`` once every party signed the settlement and the
platform sealed it (``odr.settlement``); ``filed`` once a court acknowledged importing it
(``odr.court``). The mediation is over from ``agreed`` on: a settled case stays settled whether
or not the document has been signed or filed yet.
"""

from __future__ import annotations

from typing import Final

NEGOTIATING: Final = ("awaiting_respondent", "open")
SETTLED: Final = ("agreed", "signed", "filed")
UNSETTLED_END: Final = ("failed", "expired", "referred")
#: The negotiation ended (with or without agreement): feedback opens, analytics count it.
CONCLUDED: Final = SETTLED + UNSETTLED_END
