"""Checking an uploaded table's rows into records: header mapping and row validation with a
report a person can act on (row, column, value, what is wrong, what would be right). Pure:
the lookups (partners, villages) come in as arguments. Kinds live in core.imports.import_kinds, file
reading in core.imports.import_files."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.imports.cell_readers import PARSERS
from core.imports.column_mapping import MappingProblem, cumulative, known_names, suggest, validate
from core.imports.file_totals import NUMERIC, Sums
from core.imports.import_files import MAX_BYTES, FileProblem, read_sheet, read_table
from core.imports.import_kinds import FUND_SOURCES, KINDS, TOPICS, Column, Kind, header_key
from core.imports.import_records import Problem, record_of
from core.imports.table_layout import FILE_WIDE, Layout, locate, total_label
from core.text import fmt, parse

__all__ = [
    "MAX_BYTES",
    "FileProblem",
    "Problem",
    "read_table",
    "read_sheet",
    "KINDS",
    "TOPICS",
    "FUND_SOURCES",
]


LISTED_PROBLEMS = 1_000  # problems a refused file's report lists (all are counted)


@dataclass
class Checked:
    records: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    # (row, its TOTAL word; "" for a row that sums the rows above without saying so)
    totals: list[tuple[int, str]] = field(default_factory=list)
    # (row, name) of rows about a kabupaten/kota of the area list that is no partner
    outside: list[tuple[int, str]] = field(default_factory=list)
    header_row: int = 1  # where the column names were found
    context: list[str] = field(default_factory=list)  # title rows above them
    formulas: list[str] = field(default_factory=list)  # cells read from their saved value
    cumulative_header: bool = False  # the realisasi column says "s.d. triwulan"
    # How many problems and rows with problems there were (the list keeps the first
    # LISTED_PROBLEMS once compacted); None: the list holds them all.
    problem_count: int | None = None
    problem_rows: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rows_refused(self) -> int:
        """Rows with at least one problem."""
        if self.problem_rows is not None:
            return self.problem_rows
        return len({p.row for p in self.problems})

    @property
    def problems_found(self) -> int:
        return self.problem_count if self.problem_count is not None else len(self.problems)

    def compacted(self) -> Checked:
        """What a refused file's result needs to be kept for: the counts and the first
        LISTED_PROBLEMS problems, not the records of its good rows (a file of 300,000 bad
        rows must not hold hundreds of megabytes in every browser tab that shows it)."""
        if not self.problems:
            return self
        self.problem_rows, self.problem_count = self.rows_refused, len(self.problems)
        del self.problems[LISTED_PROBLEMS:]
        self.records = []
        return self


@dataclass
class Lookups:
    """What the rows are checked against."""

    partners: parse.PartnerNames
    partner_region: dict[int, int | None]  # partner_id → region_id (None: no villages)
    villages: dict[str, tuple[int, int]]  # village code (digits only) → (village_id, region_id)
    allowed_partner: int | None = None  # a partner's own account may only send its own rows


def layout_of(kind: Kind, headers: list[str], rows: list[tuple[int, list]]) -> Layout:
    """Where `kind`'s table is in the file: its column names (below title rows, over one or
    two rows) and its data rows."""
    return locate(headers, rows, known_names(kind))


def check_mapping(kind: Kind, headers: list[str], mapping: dict) -> None:
    """Refuse a mapping that cannot work whatever is set for the whole file: a required
    field without a column (partner, year and quarter aside), one column for two fields."""
    try:
        validate(kind, mapping, headers, FILE_WIDE)
    except MappingProblem as exc:
        raise FileProblem(str(exc)) from exc


def check(
    kind: Kind,
    headers: list[str],
    rows: list[tuple[int, list]],
    lookups: Lookups,
    fixed: dict[str, object] | None = None,
    mapping: dict[str, int | None] | None = None,
) -> Checked:
    """Find the table (title rows above the column names, a two-row header), then parse and
    check every row; a row with any problem gives no record, a total row is left out (a
    warning where it disagrees with the rows it sums). `mapping`: field → position among the
    column names found (default: the suggestion from the synonym lists). `fixed`: a value
    for the whole file of a column it lacks (FILE_WIDE: partner, year, quarter), as a cell
    would hold it; a column the file has keeps its own cells."""
    layout = layout_of(kind, headers, rows)
    headers, rows = layout.headers, layout.rows
    fixed = {k: v for k, v in (fixed or {}).items() if k in FILE_WIDE}
    positions = _positions(kind, headers, mapping, fixed)
    out = Checked(
        cumulative_header=cumulative(headers, positions),
        header_row=layout.header_row,
        context=layout.context,
    )
    own = dict(positions)  # the file's own columns, before the whole-file values
    headers, rows = _with_fixed(list(headers), rows, positions, fixed)
    keys = [header_key(h) for h in headers]
    note = keys.index("catatan") if "catatan" in keys else None
    numeric = tuple(c.name for c in kind.columns if c.kind in NUMERIC and c.name in positions)
    sums = Sums(numeric)
    seen: dict[tuple, int] = {}
    read_cell = _memo(lookups)
    readers = {  # each field's column and how its cells are read, looked up once
        name: (kind.column(name), position) for name, position in positions.items()
    }
    for number, cells in rows:
        if _total_row(kind, number, cells, own, sums, out):
            continue
        if note is not None and note < len(cells) and str(cells[note] or "").startswith("CONTOH"):
            out.skipped.append(number)  # the template's example row
            continue
        area = _outside(cells, positions, lookups)
        if area:
            out.outside.append((number, area))  # a province's open data lists every area
            continue
        values, problems = _values(readers, cells, number, read_cell)
        sums.add(values)
        if problems:
            out.problems.extend(problems)
            continue

        def typed(name: str, cells=cells) -> str:
            position = positions.get(name)
            return _shown(cells[position]) if position is not None and position < len(cells) else ""

        record = record_of(kind, values, number, lookups, out, typed)
        if record is None:
            continue
        record["_row"] = number  # for later reports about this row; never stored
        _keep_once(kind, record, number, seen, out)
    return out


def _positions(kind: Kind, headers: list[str], mapping, fixed: dict) -> dict:
    """Each field's column among `headers` (the suggestion where `mapping` is None); a
    mapping that cannot work refuses the file."""
    try:
        chosen = suggest(kind, headers) if mapping is None else mapping
        return validate(kind, chosen, headers, fixed)
    except MappingProblem as exc:
        raise FileProblem(str(exc)) from exc


def _with_fixed(headers: list[str], rows, positions: dict, fixed: dict):
    """(headers, rows) with a column for each whole-file value the file lacks (`positions`
    gains its place); the file's own column wins."""
    for name, value in fixed.items():
        if name not in positions:
            positions[name] = len(headers)
            headers.append(name)
            width = len(headers) - 1
            rows = [
                (n, [*cells[:width], *[None] * (width - len(cells[:width])), value])
                for n, cells in rows
            ]
    return headers, rows


def _values(readers: dict, cells: list, number: int, read_cell) -> tuple[dict, list[Problem]]:
    """A row's cells read by their fields' kinds: the values, and a problem per bad cell."""
    values, problems = {}, []
    for name, (column, position) in readers.items():
        raw = cells[position] if position < len(cells) else None
        if not column.required and parse.blank(raw):
            continue
        result = read_cell(column.kind, raw)
        if result.ok:
            values[name] = result.value
        else:
            problems.append(Problem(number, name, _shown(raw), result.error, _right(column)))
    return values, problems


def _keep_once(kind: Kind, record: dict, number: int, seen: dict, out: Checked) -> None:
    """Keep the record unless an earlier row has its natural key (then a problem)."""
    key = tuple(record[k] for k in kind.natural_key)
    if key in seen:
        out.problems.append(
            Problem(
                number,
                "",
                "",
                f"baris ganda: sama dengan baris {seen[key]}",
                "hapus salah satu baris",
            )
        )
        return
    seen[key] = number
    out.records.append(record)


def _memo(lookups: Lookups, most: int = 50_000):
    """A cell reader that reads each (kind, value) once per file: years, quarters, partner
    codes and fund sources repeat on every row."""
    seen: dict = {}

    def read_cell(kind: str, raw):
        key = (kind, type(raw), raw)
        try:
            return seen[key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key: read it each time
            return _reader(kind, lookups)(raw)
        result = _reader(kind, lookups)(raw)
        if len(seen) < most:
            seen[key] = result
        return result

    return read_cell


def _reader(kind: str, lookups: Lookups):
    return lookups.partners.find if kind == "partner" else PARSERS[kind]


def _outside(cells: list, positions: dict, lookups: Lookups) -> str | None:
    position = positions.get("kode_mitra")
    raw = cells[position] if position is not None and position < len(cells) else None
    return lookups.partners.outside(raw)


def _total_row(kind: Kind, number: int, cells: list, own: dict, sums: Sums, out: Checked) -> bool:
    """Whether the row is the file's own total: a TOTAL/JUMLAH/SUBTOTAL word in its first
    cells, or no names in the file's own text columns and figures that sum the rows above.
    A total row is listed in `out.totals`, and a worded total that disagrees with the rows
    it closes gives a warning per figure."""
    label = total_label(cells)
    if label is None:
        texts = [p for n, p in own.items() if n not in sums.fields]
        if not all(p >= len(cells) or parse.blank(cells[p]) for p in texts):
            return False  # a row with names: data (its figures are read once, by check)
    figures = {}
    for name in sums.fields:
        position = own.get(name)
        raw = cells[position] if position is not None and position < len(cells) else None
        parsed = PARSERS[kind.column(name).kind](raw)
        if not parse.blank(raw) and parsed.ok:
            figures[name] = parsed.value
    if label is None:
        if not sums.closes(figures):
            return False
        label = ""
    for name, value, expected in sums.disagreements(figures) if label else []:
        out.warnings.append(
            Problem(
                number,
                name,
                fmt.number(value),
                f"total di berkas berbeda dari jumlah baris di atasnya ({fmt.number(expected)})",
                "periksa baris di atasnya; baris total tidak diimpor",
            )
        )
    out.totals.append((number, label))
    sums.close()
    return True


def _shown(raw) -> str:
    return "" if parse.blank(raw) else str(raw)[:60]


def _right(column: Column) -> str:
    return f"mis. {column.example}"


def lacking_file_wide(kind: Kind, mapping: dict) -> list[str]:
    """The FILE_WIDE fields (partner, year, quarter) of `kind` that no column of the file
    gives under `mapping`: the import asks for one value each for the whole file."""
    return [c.name for c in kind.columns if c.name in FILE_WIDE and mapping.get(c.name) is None]
