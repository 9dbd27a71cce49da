"""The deck as PDF, through LibreOffice (a system program: the README says how to install it)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

INSTALL = "apt-get install --no-install-recommends libreoffice-impress-nogui"


class PdfUnavailable(RuntimeError):
    """No PDF can be made here; the message says what is missing and how to add it."""


def converter() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(pptx: Path, timeout: int = 180) -> Path:
    """Convert `pptx` to a PDF beside it and return the PDF's path."""
    program = converter()
    if program is None:
        raise PdfUnavailable(
            f"PDF memerlukan LibreOffice, yang belum terpasang di server ini ({INSTALL}). "
            f"Berkas PowerPoint tetap bisa diunduh."
        )
    with tempfile.TemporaryDirectory() as profile:
        # A profile of its own: two conversions at once must not share LibreOffice's lock.
        done = subprocess.run(
            [
                program,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(pptx.parent),
                str(pptx),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    pdf = pptx.with_suffix(".pdf")
    if done.returncode != 0 or not pdf.exists():
        raise PdfUnavailable(
            f"LibreOffice tidak dapat membuat PDF (kode {done.returncode}); coba lagi atau "
            f"unduh berkas PowerPoint."
        )
    return pdf


def pdf_bytes(deck: bytes) -> bytes:
    """The PDF of a deck given as bytes (for a download in the app)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bahan_paparan.pptx"
        path.write_bytes(deck)
        return to_pdf(path).read_bytes()
