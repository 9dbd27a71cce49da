"""The roles an account can have, and what each may open and do: the one place that names
them. Adding a role is: a member here, its rows in PAGES and ACTIONS, a migration for the
check constraint on app_user.role, and its texts (locales: role.<value>).

A Role is a str: it compares equal to the value stored in the database and travels in
session state and URLs as that value.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    PIMPINAN = "pimpinan"  # leadership: reads every figure
    ADMIN = "admin"  # keeps the registry, the accounts and the data
    VERIFIKATOR = "verifikator"  # decides what partners send
    MITRA = "mitra"  # a partner's operator: its own data, peers anonymously

    @classmethod
    def of(cls, value) -> Role | None:
        """The role stored as `value`, None for anything else (no account yet, a stray
        string)."""
        try:
            return cls(value)
        except ValueError:
            return None


STAFF = (Role.VERIFIKATOR, Role.PIMPINAN, Role.ADMIN)  # the agency's own people, as listed
ALL = tuple(Role)

_EVERY_PAGE = frozenset(
    {
        "pages/ringkasan.py",
        "pages/beranda.py",
        "pages/anggaran_pelatihan.py",
        "pages/cakupan_sosialisasi.py",
        "pages/perbandingan_mitra.py",
        "pages/profil_mitra.py",
        "pages/penilaian_mandiri.py",
        "pages/hasil_penilaian.py",
        "pages/pelaporan.py",
        "pages/nota_kesepahaman.py",
        "pages/kelengkapan_data.py",
        "pages/bahan_paparan.py",
        "pages/impor_data.py",
        "pages/registri_mitra.py",
        "pages/audit.py",
    }
)
ADMIN_ONLY = frozenset({"pages/impor_data.py", "pages/registri_mitra.py", "pages/audit.py"})
# Reports are filled in by partners and decided by verifiers; leadership reads the figures.
NOT_FOR_LEADERSHIP = frozenset({"pages/pelaporan.py", "pages/beranda.py"})

# The pages each role may open. A partner's operator sees its own profile, its reports, its
# self-assessment and its results against anonymous peers (the reads below the pages
# enforce the same); the audit trail, the registry and the imports are for admins.
PAGES: dict[Role, frozenset[str]] = {
    Role.ADMIN: _EVERY_PAGE,
    Role.VERIFIKATOR: _EVERY_PAGE - ADMIN_ONLY,
    Role.PIMPINAN: _EVERY_PAGE - ADMIN_ONLY - NOT_FOR_LEADERSHIP,
    Role.MITRA: frozenset({
        "pages/beranda.py", "pages/profil_mitra.py", "pages/penilaian_mandiri.py",
        "pages/hasil_penilaian.py", "pages/pelaporan.py",
    }),
}  # fmt: skip

# What each role may do besides reading (checked where the write happens, data_access).
ACTIONS: dict[str, frozenset[Role]] = {
    "decide": frozenset({Role.VERIFIKATOR, Role.ADMIN}),  # verify, approve, return
    "administer": frozenset({Role.ADMIN}),  # registry, accounts, imports, audit, backups
    "report": frozenset({Role.MITRA, Role.ADMIN}),  # a partner's own data (admin for it)
    "comment": frozenset(ALL),
}


def may_open(role, page: str) -> bool:
    """Whether an account of `role` may open the page script `page` (pages/….py)."""
    known = Role.of(role)
    return known is not None and page in PAGES[known]


def may(role, action: str) -> bool:
    """Whether an account of `role` may do `action` (a key of ACTIONS)."""
    return Role.of(role) in ACTIONS[action]


def home_page(role) -> str:
    """The page an account opens on: a partner's operator its tasks (Beranda), the
    agency's staff the summary (a verifier finds its own list under Beranda)."""
    return "pages/beranda.py" if role == Role.MITRA else "pages/ringkasan.py"
