"""The sample area list shipped with the project (`python -m seed_data.areas` writes it):
the provinces, kabupaten/kota and villages the demo data knows, in the shape of the
Kemendagri list (kode, nama, kode_bps). Village and kecamatan names are illustrative, like
the rest of the demo data; codes and the names of provinces and kabupaten/kota are real."""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "reference" / "wilayah_contoh.csv"


def sample_rows() -> list[tuple[str, str, str]]:
    """(kode, nama, kode_bps) for every province, kabupaten/kota, kecamatan and village the
    demo's regions and villages name, parents before children."""
    with open(HERE / "csv" / "regions.csv", encoding="utf-8") as f:
        regions = list(csv.DictReader(f))
    with open(HERE / "csv" / "villages.csv", encoding="utf-8") as f:
        villages = list(csv.DictReader(f))
    rows = {}
    for r in regions:
        province = r["kemendagri_code"][:2]
        rows[province] = (province, r["province"].upper(), province)
        prefix = "KOTA" if r["kind"] == "kota" else "KAB."
        name = r["name"].replace("Kabupaten ", "").replace("Kota ", "").upper()
        rows[r["kemendagri_code"]] = (r["kemendagri_code"], f"{prefix} {name}", r["bps_code"])
    for v in villages:
        kecamatan = v["code"].rsplit(".", 1)[0]
        rows.setdefault(kecamatan, (kecamatan, f"KECAMATAN CONTOH {kecamatan[-2:]}", ""))
        rows[v["code"]] = (v["code"], v["name"].upper(), "")
    return [rows[code] for code in sorted(rows, key=lambda c: (c.count("."), c))]


def sample_bytes() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kode", "nama", "kode_bps"])
    writer.writerows(sample_rows())
    return out.getvalue().encode("utf-8")


if __name__ == "__main__":
    SAMPLE.parent.mkdir(exist_ok=True)
    SAMPLE.write_bytes(sample_bytes())
    print(f"{SAMPLE.relative_to(HERE.parent)}: {len(sample_rows())} wilayah")
