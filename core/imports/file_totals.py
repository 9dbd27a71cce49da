"""A file's own total rows: a TOTAL/JUMLAH row, or a row without names whose figures are the
sums of the rows above it, is left out of the import; where the file's total disagrees with
the sum of the rows it closes, the import warns. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field

NUMERIC = ("money", "count")  # the parsers whose fields are summed


@dataclass
class Sums:
    """Running sums of the numeric fields over the data rows: since the last total row (a
    subtotal closes its section) and over the whole file (a grand total after subtotals)."""

    fields: tuple[str, ...]
    section: dict[str, int] = field(default_factory=dict)
    whole: dict[str, int] = field(default_factory=dict)
    rows: int = 0  # data rows in the section

    def add(self, values: dict) -> None:
        for name in self.fields:
            if isinstance(values.get(name), int):
                self.section[name] = self.section.get(name, 0) + values[name]
                self.whole[name] = self.whole.get(name, 0) + values[name]
        self.rows += 1

    def _matches(self, name: str, value: int) -> bool:
        return value in (self.section.get(name, 0), self.whole.get(name, 0))

    def closes(self, values: dict) -> bool:
        """Whether a row without names is the sum of the rows above: at least two rows, a
        figure above zero, and every figure it has equal to its column's sum."""
        figures = {n: v for n, v in values.items() if n in self.fields}
        return (
            self.rows >= 2
            and any(v > 0 for v in figures.values())
            and all(self._matches(n, v) for n, v in figures.items())
        )

    def disagreements(self, values: dict) -> list[tuple[str, int, int]]:
        """(field, the file's total, the sum of the rows it closes) where they differ."""
        return [
            (name, value, self.section.get(name, 0))
            for name, value in values.items()
            if name in self.fields and not self._matches(name, value)
        ]

    def close(self) -> None:
        self.section, self.rows = {}, 0
