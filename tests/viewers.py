"""Accounts on whose behalf tests call the read functions directly."""

from data_access.access import Viewer

STAFF = Viewer("pimpinan", username="pimpinan")
ADMIN = Viewer("admin", username="admin")
VERIFIER = Viewer("verifikator", username="verifikator")
