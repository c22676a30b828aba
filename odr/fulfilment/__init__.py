"""The settlement carried out: its schedule, what each party says it did, and the sums due.

The source of truth is the signed record (``Settlement.envelope["record"]``): its obligations,
their instalments and its default terms. ``schedule`` turns it into dues, ``ledger`` folds the
parties' append-only steps into each due's state, ``default_sums`` computes what is owed now
under the default clause. These three are pure (no I/O, no clock: the day is passed in).
"""
