"""Files people attach to a case: a photo of an item to share out now, documents and evidence
later (#15).

One small store for all of them, so each feature adds only its own rules:

- ``content.py`` decides what a file IS from its bytes (never from its name or the
  ``Content-Type`` the browser sent) and, for photos, makes the copy we keep: re-encoded, every
  metadata block dropped (EXIF with its GPS position, XMP, PNG text), the orientation applied,
  bounded in size, with a thumbnail;
- ``store.py`` keeps the bytes in the database (``stored_files``), each under a random id that
  names nothing guessable: one transaction with the event that logs its SHA-256, every instance
  of the service sees it, and ``odr backup``/``odr restore`` carry it with the rest;
- ``access.py`` says who may read a file: the parties of its case and the case's mediator;
  anyone else gets the same 404 as for a file that does not exist;
- ``routes.py`` serves a file (or its thumbnail) to those people.
"""
