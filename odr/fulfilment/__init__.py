"""The settlement carried out: its schedule, what each party says it did, and the sums due.

The source of truth is the signed record (``Settlement.envelope["record"]``): its obligations,
their instalments and its default terms. ``schedule`` turns it into dues, ``ledger`` folds the
parties' append-only steps into each due's state, ``step_rules`` says who may take which step
in which order, ``default_sums`` computes what is owed now under the default clause. These four
are pure (no I/O, no clock: the day is passed in). ``steps`` records a step (a
``performance_steps`` row and a ``performance_<kind>`` event in one transaction), ``view`` and
``routes`` serve the tracker; ``reminders`` and ``settled_record`` tell the debtor and everyone
when a date comes or is missed.
"""
