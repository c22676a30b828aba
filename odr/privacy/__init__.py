"""Personal data over time: how long each kind of record is kept, the purge, the subject's export.

``rules.py`` is pure (periods, cut-offs, what an anonymised row keeps); ``purge.py`` applies the
rules to the database in batches; ``export.py`` gathers what Kelisim holds about one person and
``routes.py`` serves it to that person. docs/operations.md ("Personal data: retention, purge,
export") says what is kept how long and why.
"""
