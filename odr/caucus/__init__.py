"""Private caucus: the case's mediator talks with one party, and the other party never learns of
it (#15).

Why a package of its own and not events in the room: the room's log (``case_events``), its seq
numbers, its channel and the dashboard's activity feed are all seen by both parties or by staff
who must not read a caucus. Here a caucus has its own tables (``caucus_models.py``), its own
broker channel per (case, party role) and its own socket (``/ws/caucus``), and its writes never
lock or touch the case's row, so nothing about it (not even its timing) shows in the room.
"""
