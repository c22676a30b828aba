"""Backups of a deployment and restoring them: the database with the data directory's keys.

``commands.py`` is what ``odr backup`` and ``odr restore`` run; ``archive.py`` is the file's
format; ``sqlite_db.py`` and ``postgres_db.py`` copy each backend; ``data_files.py`` the keys.
See docs/operations.md, "Backup and restore".
"""
