"""Accounts on whose behalf tests call the read functions directly."""

from data_access.store.access import Viewer

STAFF = Viewer("pimpinan", username="pimpinan")
ADMIN = Viewer("admin", username="admin")
VERIFIER = Viewer("verifikator", username="verifikator")

OWN, OTHER = 1, 16  # Kab. Indramayu (the demo mitra account's partner), Kab. Kepulauan Talaud
VIEWERS = {
    "pimpinan": STAFF,
    "admin": ADMIN,
    "verifikator": VERIFIER,
    "mitra": Viewer("mitra", OWN, "mitra-3212"),
    "anonim": Viewer.anonymous(),
}
