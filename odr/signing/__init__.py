"""Electronic digital signatures (EDS, ЭЦП) made with NCALayer and a НУЦ РК certificate.

``cms`` reads a detached CMS SignedData and checks its signature (pure); ``certificate`` reads
the Kazakh subject fields (IIN, BIN) and key usage of a certificate and compares them with the
party (pure); ``validation`` adds what needs the outside world: the chain to the configured
trust anchors, validity at the moment of signing and revocation by OCSP or CRL. Each failure is
one ``Reason`` (``reasons``), translated kk/ru/en. See docs/signatures.md.
"""
