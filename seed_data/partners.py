"""The 21 real MoU partners and the demo profile that makes each one behave differently.

Names, codes, village counts and centres are public facts; every profile number is invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RegionFact:
    code: str  # Kemendagri, e.g. "32.12"
    name: str
    province: str
    kind: str
    desa: int
    kelurahan: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Profile:
    """How a partner behaves in the demo data (all illustrative)."""

    performance: float  # 0..1: drives absorption, coverage, follow-through
    pagu_miliar: float  # annual training budget ceiling, Rp miliar
    placements_2022: int  # placements abroad from the region (or by the institution)
    mou_signed: str  # ISO date
    mou_years: int = 5
    has_pks: bool = True
    budget_cut_2025: float = 1.0  # share of the pagu kept after the mid-2025 revision
    renewed: bool = False


REGIONS = (
    RegionFact("32.12", "Kabupaten Indramayu", "Jawa Barat", "kabupaten", 309, 8, -6.33, 108.32),
    RegionFact("32.09", "Kabupaten Cirebon", "Jawa Barat", "kabupaten", 412, 12, -6.76, 108.48),
    RegionFact("32.13", "Kabupaten Subang", "Jawa Barat", "kabupaten", 245, 8, -6.57, 107.76),
    RegionFact("32.15", "Kabupaten Karawang", "Jawa Barat", "kabupaten", 297, 12, -6.30, 107.30),
    RegionFact("33.01", "Kabupaten Cilacap", "Jawa Tengah", "kabupaten", 269, 15, -7.72, 109.01),
    RegionFact("33.24", "Kabupaten Kendal", "Jawa Tengah", "kabupaten", 266, 20, -6.92, 110.20),
    RegionFact("35.02", "Kabupaten Ponorogo", "Jawa Timur", "kabupaten", 281, 26, -7.87, 111.46),
    RegionFact("35.04", "Kabupaten Tulungagung", "Jawa Timur", "kabupaten", 257, 14, -8.07, 111.90),
    RegionFact("35.05", "Kabupaten Blitar", "Jawa Timur", "kabupaten", 220, 28, -8.10, 112.25),
    RegionFact("35.07", "Kabupaten Malang", "Jawa Timur", "kabupaten", 378, 12, -8.16, 112.57),
    RegionFact("35.10", "Kabupaten Banyuwangi", "Jawa Timur", "kabupaten", 189, 28, -8.22, 114.37),
    RegionFact("18.07", "Kabupaten Lampung Timur", "Lampung", "kabupaten", 264, 0, -5.11, 105.68),
    RegionFact(
        "52.03",
        "Kabupaten Lombok Timur",
        "Nusa Tenggara Barat",
        "kabupaten",
        239,
        15,
        -8.65,
        116.53,
    ),
    RegionFact(
        "52.02",
        "Kabupaten Lombok Tengah",
        "Nusa Tenggara Barat",
        "kabupaten",
        142,
        12,
        -8.71,
        116.27,
    ),
    RegionFact("12.11", "Kabupaten Dairi", "Sumatera Utara", "kabupaten", 161, 8, 2.74, 98.31),
    RegionFact(
        "71.04", "Kabupaten Kepulauan Talaud", "Sulawesi Utara", "kabupaten", 142, 11, 4.09, 126.80
    ),
)

# Cities that host the education institutions (kelurahan only; villages not generated).
HOST_CITIES = (
    RegionFact("32.71", "Kota Bogor", "Jawa Barat", "kota", 0, 68, -6.60, 106.80),
    RegionFact("51.71", "Kota Denpasar", "Bali", "kota", 27, 16, -8.65, 115.22),
    RegionFact("74.71", "Kota Kendari", "Sulawesi Tenggara", "kota", 0, 65, -3.99, 122.51),
    RegionFact("12.71", "Kota Medan", "Sumatera Utara", "kota", 0, 151, 3.59, 98.67),
)

REGION_PROFILES = {
    "32.12": Profile(0.95, 2.1, 12794, "2022-02-08"),  # the leader
    "32.09": Profile(0.72, 1.6, 7639, "2022-01-20", mou_years=5),  # expires within 180 days
    "32.13": Profile(0.66, 1.1, 3420, "2022-06-14"),
    "32.15": Profile(0.61, 1.3, 2980, "2022-07-21"),
    "33.01": Profile(0.70, 1.4, 6120, "2022-05-11"),
    "33.24": Profile(0.58, 0.9, 4210, "2022-09-02"),
    "35.02": Profile(0.80, 1.2, 5230, "2022-03-24"),
    "35.04": Profile(0.74, 1.0, 4870, "2022-04-19"),
    "35.05": Profile(0.68, 1.0, 5460, "2022-08-30"),
    "35.07": Profile(0.63, 1.5, 5980, "2022-10-12"),
    "35.10": Profile(0.57, 0.8, 3650, "2022-11-23"),
    "18.07": Profile(0.52, 0.9, 4470, "2023-01-17"),
    "52.03": Profile(0.64, 1.8, 11230, "2022-02-25", budget_cut_2025=0.5),  # cut budget
    "52.02": Profile(0.69, 1.2, 12049, "2021-03-16", renewed=True),  # renewed in 2026
    "12.11": Profile(0.47, 0.5, 610, "2023-02-07"),
    "71.04": Profile(0.22, 0.35, 180, "2023-05-30", has_pks=False),  # the laggard, no PKS
}

INSTITUTIONS = (
    # code, name, short name, host region code, lat, lon, profile
    (
        "UBI",
        "Universitas Binaniaga Indonesia",
        "Univ. Binaniaga",
        "32.71",
        -6.60,
        106.80,
        Profile(0.76, 0.45, 120, "2022-12-05", mou_years=4),
    ),
    (
        "UBP",
        "Universitas Buana Perjuangan Karawang",
        "UBP Karawang",
        "32.15",
        -6.32,
        107.30,
        Profile(0.62, 0.40, 95, "2023-03-08"),
    ),
    (
        "PKD",
        "Poltekkes Kemenkes Denpasar",
        "Poltekkes Denpasar",
        "51.71",
        -8.65,
        115.22,
        Profile(0.88, 0.70, 160, "2022-11-10"),
    ),
    (
        "PKK",
        "Poltekkes Kemenkes Kendari",
        "Poltekkes Kendari",
        "74.71",
        -3.99,
        122.51,
        Profile(0.55, 0.50, 70, "2023-04-12"),
    ),
    (
        "SMH",
        "STIKes Mitra Husada Medan",
        "STIKes Mitra Husada",
        "12.71",
        3.59,
        98.67,
        Profile(0.41, 0.30, 40, "2023-06-20", mou_years=3, has_pks=False),
    ),
)
