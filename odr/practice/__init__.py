"""Practice against a robot: a rehearsal that stores nothing (state sealed in the browser)."""
