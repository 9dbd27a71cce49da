"""What an uploaded file may cost before it is read, and the sentence that refuses it."""

from __future__ import annotations

MAX_BYTES = 20 * 2**20  # 20 MB: about 300,000 rows of CSV
MAX_ROWS = 300_000
MAX_COLUMNS = 100


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


def too_many_rows() -> FileProblem:
    rows = f"{MAX_ROWS:,}".replace(",", ".")
    return FileProblem(f"Berkas berisi lebih dari {rows} baris; bagi menjadi beberapa berkas.")


def too_many_columns(count: int) -> FileProblem:
    return FileProblem(
        f"Berkas berisi {count} kolom, lebih dari batas {MAX_COLUMNS}; hapus kolom yang tidak "
        f"diperlukan atau pakai templat."
    )
