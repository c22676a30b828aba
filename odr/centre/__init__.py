"""Conciliation centres: mediators, automatic assignment, supervision, deadlines, analytics.

``mediator_attestation(db, case_id)`` is what the settlement document needs about the mediator.
"""

from odr.centre.attestation import mediator_attestation

__all__ = ["mediator_attestation"]
