"""Readers: a raw file in, rows of text cells out, each with its place in the file.

Built on the libraries made for each format: charset-normalizer for CSV encodings, openpyxl
for spreadsheets, pdfplumber for PDF tables.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pdfplumber
from charset_normalizer import from_bytes

from .describe import Reader

ENCODINGS = ["utf_8", "utf_8_sig", "cp1252"]


@dataclass
class RawTable:
    """What a reader found: column titles and rows of cells, with the rows it set aside."""

    columns: list[str]
    rows: list[tuple[str, list[object]]] = field(default_factory=list)  # (where, cells)
    header_at: str = ""
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows

    def skip(self, reason: str) -> None:
        """Count one row set aside (blank, above the header, outside the grid)."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def read(path: Path, reader: Reader) -> RawTable:
    """Return the rows of ``path`` read as ``reader`` says."""
    return {"csv": read_csv, "xlsx": read_xlsx, "pdf": read_pdf}[reader.format](path, reader)


def _blank(cells: list[object]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in cells)


def _tabulate(rows: list[tuple[str, list[object]]], header_row: int) -> RawTable:
    """Split spreadsheet-like rows at the header row; set aside what is above it and blank rows."""
    table = RawTable(columns=[])
    for number, (where, cells) in enumerate(rows, start=1):
        if number < header_row:
            table.skip("above the header row")
        elif number == header_row:
            table.columns = [" ".join(str(cell or "").split()) for cell in cells]
            table.header_at = where
        elif _blank(cells):
            table.skip("blank row")
        else:
            table.rows.append((where, list(cells)))
    return table


def detect_encoding(data: bytes) -> str:
    """Return the encoding of CSV bytes: UTF-8 (with or without BOM) or cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf_8_sig"
    best = from_bytes(data, cp_isolation=ENCODINGS).best()
    return best.encoding if best is not None else "utf_8"


def read_csv(path: Path, reader: Reader) -> RawTable:
    """Read a CSV file in UTF-8, UTF-8 with BOM or cp1252."""
    data = path.read_bytes()
    text = data.decode(reader.encoding or detect_encoding(data))
    rows = [(f"row {number}", cells) for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1)]
    return _tabulate(rows, reader.header_row)


def read_xlsx(path: Path, reader: Reader) -> RawTable:
    """Read the listed sheets (or all) of a workbook; each sheet has its header on the same row."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    tables = []
    for name in reader.sheets or workbook.sheetnames:
        rows = [
            (f"sheet {name!r}, row {number}", [_cell(value) for value in values])
            for number, values in enumerate(workbook[name].iter_rows(values_only=True), start=1)
        ]
        tables.append(_tabulate(rows, reader.header_row))
    workbook.close()
    merged = tables[0]
    for table in tables[1:]:
        if table.columns != merged.columns:
            raise ValueError(f"sheet columns differ: {table.columns} and {merged.columns}")
        merged.rows += table.rows
        for reason, count in table.skipped.items():
            merged.skipped[reason] = merged.skipped.get(reason, 0) + count
    return merged


def _cell(value: object) -> object:
    """Keep spreadsheet dates as dates; everything else as text."""
    if value is None or isinstance(value, (date, datetime)):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_pdf(path: Path, reader: Reader) -> RawTable:
    """Read the grid on the listed pages: cells wrapped over lines are joined; rows of another
    table on the page (a different number of cells) and blank rows are set aside."""
    table = RawTable(columns=list(reader.column_names), header_at="the description's column_names")
    with pdfplumber.open(path) as pdf:
        for number in reader.pages or range(1, len(pdf.pages) + 1):
            for grid, rows in enumerate(pdf.pages[number - 1].extract_tables(), start=1):
                for index, cells in enumerate(rows, start=1):
                    if _blank(cells):
                        table.skip("blank row")
                    elif len(cells) != len(table.columns):
                        table.skip("row of another table on the page")
                    else:
                        text = [" ".join(cell.split()) if cell else "" for cell in cells]
                        table.rows.append((f"page {number}, table {grid}, row {index}", text))
    return table
