"""Readers: a raw file in, a table of text cells out, each row with its place in the file.

Every reader gives the same shape, a DuckDB relation ``raw`` with ``_order`` (file order),
``_row`` (the row's number in its file or sheet, counting title and blank rows as a
spreadsheet does), ``_where`` (that place in words), ``_cells`` (how many cells the row
has) and one text column per cell position (``c1``, ``c2``, ...). Built on the libraries made
for each format: DuckDB's CSV reader, fastexcel for spreadsheets, pdfplumber for PDF tables.
Only the PDF reader loops over rows in Python; its files hold a few hundred.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import fastexcel
import numpy as np
import pdfplumber
import pyarrow as pa

from ..problems import DataError, Problem, suggest
from .describe import Reader
from .sql import literal

#: Cell positions read beyond the header's width, so that a long row is seen, never cut short.
EXTRA_CELLS = 8
#: Bytes transcoded to UTF-8 at a time.
CHUNK = 1 << 24
BOMS = {codecs.BOM_UTF8: "utf_8_sig", codecs.BOM_UTF16_LE: "utf_16", codecs.BOM_UTF16_BE: "utf_16"}


@dataclass
class RawTable:
    """What a reader found: column titles, the relation ``raw`` in ``con`` (its rows after
    ``header_row`` are the table's), and the rows it set aside, by reason."""

    con: duckdb.DuckDBPyConnection
    columns: list[str]
    header_at: str
    header_row: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    quoted: bool = False  # whether a cell may hold line breaks (a quoted CSV cell)

    def cell(self, title: str) -> str:
        """Return the name of the text column holding the cells titled ``title``."""
        return f"c{self.columns.index(title) + 1}"

    @property
    def width(self) -> int:
        """How many cells the header row has."""
        return len(self.columns)

    @property
    def cells(self) -> list[str]:
        """The names of every cell position read: the header's, and those beyond it."""
        return _cells(self.width)


def read(path: Path, reader: Reader, con: duckdb.DuckDBPyConnection) -> RawTable:
    """Read ``path`` as ``reader`` says into the relation ``raw`` of ``con``; a file the format's
    library cannot read is a Problem that says where, never what the file holds there."""
    try:
        return {"csv": read_csv, "xlsx": read_xlsx, "pdf": read_pdf}[reader.format](path, reader, con)
    except DataError:
        raise
    except Exception as error:  # each library has its own errors; none may end the build with a traceback
        line = re.search(r"[Ll]ine:? (\d+)", str(error))
        raise DataError(
            [
                Problem(
                    str(path),
                    f"near line {line.group(1)}" if line else None,
                    "reader.format",
                    reader.format,
                    f"the file must be readable as {reader.format.upper()} ({type(error).__name__})",
                    "check that the file is the one received and that reader.format names its format; in a CSV,"
                    " look for a quote that is opened and never closed",
                )
            ]
        ) from None


def _cells(width: int) -> list[str]:
    return [f"c{i}" for i in range(1, width + EXTRA_CELLS + 1)]


def _count_cells(cells: list[str]) -> str:
    return " + ".join(f"({cell} IS NOT NULL)::INT" for cell in cells)


# CSV


def read_csv(path: Path, reader: Reader, con: duckdb.DuckDBPyConnection) -> RawTable:
    """Read a CSV file in UTF-8 (with or without BOM), UTF-16 or cp1252, or the declared encoding.

    DuckDB reads the file in one pass into the table ``raw``.
    """
    data = path.read_bytes()
    text_path, data = _as_utf8(path, data, reader.encoding or detect_encoding(data))
    titles = _header(data, reader.header_row, path)
    cells = _cells(len(titles))
    rows, blank_lines = _record_rows(data)
    del data
    columns = ", ".join(f"{literal(cell)}: 'VARCHAR'" for cell in cells)
    quote = literal(reader.quote)
    scan = (
        f"SELECT row_number() OVER () AS _order, * FROM read_csv({literal(str(text_path))}, auto_detect = false,"
        f" header = false, delim = ',', quote = {quote}, escape = {quote}, null_padding = true, strict_mode = false,"
        f" parallel = false, nullstr = '\x01\x02', columns = {{{columns}}})"
    )
    if rows is None:
        numbered = f"SELECT *, _order AS _row FROM ({scan})"
    else:
        con.register("record_rows", pa.table({"_order": np.arange(1, len(rows) + 1), "_row": rows}))
        numbered = f"SELECT * FROM ({scan}) JOIN record_rows USING (_order)"
    try:
        con.execute(
            f"""
            CREATE TEMP TABLE raw AS
            SELECT _order, _row, 'row ' || _row AS _where, {_count_cells(cells)} AS _cells, {", ".join(cells)}
            FROM ({numbered})
            """
        )
    finally:
        if text_path != path:
            text_path.unlink()
    skipped = {"above the header row": reader.header_row - 1, "blank row": int((blank_lines > reader.header_row).sum())}
    return RawTable(con, titles, f"row {reader.header_row}", reader.header_row, skipped, quoted=bool(reader.quote))


def detect_encoding(data: bytes) -> str:
    """Return the encoding of CSV bytes: by their byte-order mark, else UTF-8 if they are valid UTF-8, else cp1252."""
    for bom, name in BOMS.items():
        if data.startswith(bom):
            return name
    try:
        codecs.decode(data, "utf_8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf_8"


def _as_utf8(path: Path, data: bytes, encoding: str) -> tuple[Path, bytes]:
    """Return a UTF-8 copy of the file (the file itself when it is UTF-8 already) and its bytes.

    A byte the encoding cannot decode is a Problem naming the file, encoding, line and byte.
    """
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    "reader.encoding",
                    encoding,
                    "the encoding must be one Python knows",
                    "write utf-8, utf-8-sig, utf-16 or cp1252, or leave it blank to detect it",
                )
            ]
        ) from None
    if name == "utf-8":
        try:
            codecs.decode(data, "utf_8")
        except UnicodeDecodeError as error:
            _undecodable(path, data, name, error.start)
        return path, data
    decoder = codecs.getincrementaldecoder(name)()
    with tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as copy:
        try:
            for start in range(0, len(data), CHUNK):
                try:
                    text = decoder.decode(data[start : start + CHUNK], final=start + CHUNK >= len(data))
                except UnicodeDecodeError as error:
                    _undecodable(path, data, name, start + error.start)
                copy.write(text.lstrip("\ufeff").encode("utf_8") if start == 0 else text.encode("utf_8"))
        except DataError:
            copy.close()
            Path(copy.name).unlink()
            raise
    utf8 = Path(copy.name)
    return utf8, utf8.read_bytes()


def _undecodable(path: Path, data: bytes, encoding: str, offset: int) -> None:
    line = data.count(b"\n", 0, offset) + 1
    raise DataError(
        [
            Problem(
                str(path),
                f"line {line}",
                "",
                f"byte 0x{data[offset]:02x} at offset {offset}",
                f"the file must be valid {encoding}, the encoding declared",
                "set reader.encoding in the description to the file's encoding (utf-8, cp1252, utf-16, ...),"
                " or leave it blank to detect it",
            )
        ]
    )


def _header(data: bytes, header_row: int, path: Path) -> list[str]:
    """Return the column titles on ``header_row``, read from the start of the file."""
    head = data[: 1 << 20].decode("utf_8_sig", errors="replace")
    for number, cells in enumerate(csv.reader(io.StringIO(head)), start=1):
        if number == header_row:
            return [" ".join(cell.split()) for cell in cells]
    raise DataError(
        [
            Problem(
                str(path),
                f"row {header_row}",
                "reader.header_row",
                str(header_row),
                "the header row must be in the file",
                "set reader.header_row to the row that holds the column titles",
            )
        ]
    )


def _record_rows(data: bytes) -> tuple[np.ndarray | None, np.ndarray]:
    """Return the file row of each record DuckDB reads (None when they are simply 1, 2, 3, ...),
    and the rows that are blank lines.

    DuckDB skips blank lines; a spreadsheet counts them. Where the file has blank lines, find
    the record boundaries (newlines outside quotes) and number the records as a spreadsheet does.
    """
    if not (data.startswith((b"\n", b"\r\n")) or b"\n\n" in data or b"\n\r\n" in data):
        return None, np.array([], dtype=np.int64)
    raw = np.frombuffer(data, dtype=np.uint8)
    inside = np.bitwise_xor.accumulate(raw == ord('"'))
    ends = np.flatnonzero((raw == ord("\n")) & ~inside)
    starts = np.concatenate(([0], ends + 1))
    stops = np.concatenate((ends, [len(raw)]))
    stops -= (stops > starts) & (raw[np.maximum(stops - 1, 0)] == ord("\r"))
    blank = stops == starts
    if len(blank) and blank[-1]:
        blank = blank[:-1]  # the file's final newline ends the last row; it starts none
    return np.flatnonzero(~blank) + 1, np.flatnonzero(blank) + 1


# Spreadsheets


def read_xlsx(path: Path, reader: Reader, con: duckdb.DuckDBPyConnection) -> RawTable:
    """Read the listed sheets (or all) of a workbook; each sheet has its header on the same row.

    Cells are read as text; dates become ISO dates (``2023-03-14 00:00:00``).
    """
    workbook = fastexcel.read_excel(path)
    names = reader.sheets or workbook.sheet_names
    _check_sheets(path, names, workbook.sheet_names)
    label = {
        name: f"sheet {name!r}" if reader.sheet_names_published else f"sheet {workbook.sheet_names.index(name) + 1}"
        for name in names
    }
    _check_size(path, [workbook.sheet_names.index(name) for name in names], list(label.values()), reader)
    sheets = [
        (name, workbook.load_sheet(name, header_row=None, skip_rows=0, dtypes="string").to_arrow()) for name in names
    ]
    titles = [_titles(path, label[name], sheet, reader.header_row) for name, sheet in sheets]
    for (name, _), found in zip(sheets, titles, strict=True):
        if found != titles[0]:
            raise DataError(
                [
                    Problem(
                        str(path),
                        f"{label[name]}, row {reader.header_row}",
                        "",
                        ", ".join(found),
                        f"every sheet read must have the columns of {label[names[0]]} ({', '.join(titles[0])})",
                        "list the sheets that hold the records under reader.sheets",
                    )
                ]
            )
    cells = _cells(len(titles[0]))
    selects, offset = [], 0
    for index, (name, sheet) in enumerate(sheets):
        columns = [sheet.column(i) for i in range(min(sheet.num_columns, len(cells)))]
        columns += [pa.nulls(sheet.num_rows, pa.string())] * (len(cells) - len(columns))
        con.register(f"sheet_{index}", pa.table(dict(zip(cells, columns, strict=True))))
        selects.append(
            f"SELECT {offset} + row_number() OVER () AS _order, row_number() OVER () AS _row, "
            f"{literal(f'{label[name]}, row ')} || row_number() OVER () AS _where, * FROM sheet_{index}"
        )
        offset += sheet.num_rows
    # A spreadsheet row has as many cells as the header, or reaches as far as its last filled cell beyond
    last = " ".join(f"WHEN {c} IS NOT NULL THEN {i}" for i, c in reversed(list(enumerate(cells, start=1))))
    con.execute(
        f"""
        CREATE TEMP TABLE raw AS
        SELECT _order, _row, _where, greatest({len(titles[0])}, CASE {last} ELSE 0 END) AS _cells, {", ".join(cells)}
        FROM ({" UNION ALL ".join(selects)})
        """
    )
    for index in range(len(sheets)):
        con.unregister(f"sheet_{index}")
    skipped = {"above the header row": (reader.header_row - 1) * len(sheets)}
    return RawTable(con, titles[0], f"{label[names[0]]}, row {reader.header_row}", reader.header_row, skipped)


def _titles(path: Path, label: str, sheet: pa.RecordBatch, header_row: int) -> list[str]:
    if sheet.num_rows < header_row:
        raise DataError(
            [
                Problem(
                    str(path),
                    label,
                    "reader.header_row",
                    str(header_row),
                    f"the sheet has {sheet.num_rows} rows, so no header on row {header_row}",
                    "set reader.header_row, or list only the sheets that hold records under reader.sheets",
                )
            ]
        )
    titles = [" ".join((sheet.column(i)[header_row - 1].as_py() or "").split()) for i in range(sheet.num_columns)]
    while titles and not titles[-1]:
        titles.pop()
    return titles


RELATIONS = "xl/_rels/workbook.xml.rels"
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})\$?(\d+))?"')
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,3})\d+"')
_ROWS = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELLS = re.compile(rb"<(?:\w+:)?c[\s>/]")


def _check_size(path: Path, positions: list[int], labels: list[str], reader: Reader) -> None:
    """Measure each sheet to be read before the spreadsheet library lays it out in memory (it makes room
    for every cell a sheet claims): the rows and cells it claims and those it holds must stay within
    ``reader.max_rows`` and ``reader.max_cells``. The sheet is streamed, never held whole."""
    with zipfile.ZipFile(path) as book:
        members = _sheet_members(book)
        for position, label in zip(positions, labels, strict=True):
            rows, columns, cells = _extent(book, members[position])
            if rows > reader.max_rows or max(rows * columns, cells) > reader.max_cells:
                rule = (
                    f"a sheet may span at most {reader.max_rows:,} rows and {reader.max_cells:,} cells;"
                    f" this one spans {rows:,} rows and {columns:,} columns ({cells:,} cells filled)"
                )
                fix = "check the file (a workbook can claim cells it does not hold); raise reader.max_rows or max_cells"
                raise DataError([Problem(str(path), label, "", "", rule, fix)])


def _sheet_members(book: zipfile.ZipFile) -> list[str]:
    """The worksheet file of each sheet, in the workbook's order of sheets."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    link = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    targets = {rel.get("Id"): rel.get("Target", "") for rel in ElementTree.fromstring(book.read(RELATIONS))}
    sheets = ElementTree.fromstring(book.read("xl/workbook.xml")).iter(f"{main}sheet")
    paths = [targets.get(sheet.get(link), "") for sheet in sheets]
    return [path[1:] if path.startswith("/") else f"xl/{path}" for path in paths]


def _extent(book: zipfile.ZipFile, member: str) -> tuple[int, int, int]:
    """The rows and columns a worksheet claims (its dimension) or reaches, whichever is more, and its cells."""
    rows = columns = cells = row_tags = 0
    tail = b""
    with book.open(member) as sheet:
        while chunk := sheet.read(CHUNK):
            text = tail + chunk
            cut = text.rfind(b">") + 1  # a tag cut by the chunk's end is read with the next chunk
            text, tail = text[:cut], text[cut:][-4096:]
            for first, top, last, bottom in _DIMENSION.findall(text):
                rows = max(rows, int(bottom or top or 0))
                columns = max(columns, _column(last or first or b"A"))
            rows = max([rows, *(int(number) for number in _ROW.findall(text))])
            row_tags += len(_ROWS.findall(text))
            columns = max([columns, *(_column(letters) for letters in set(_CELL.findall(text)))])
            cells += len(_CELLS.findall(text))
    return max(rows, row_tags), columns, cells


def _column(letters: bytes) -> int:
    """The number of a spreadsheet column (A is 1, XFD is 16,384)."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_sheets(path: Path, wanted: list[str], present: list[str]) -> None:
    missing = [name for name in wanted if name not in present]
    if missing:
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    "reader.sheets",
                    name,
                    "every sheet listed must be in the workbook",
                    suggest(name, present, "use one of the workbook's sheets"),
                )
                for name in missing
            ]
        )


# PDF


def read_pdf(path: Path, reader: Reader, con: duckdb.DuckDBPyConnection) -> RawTable:
    """Read the grid on the listed pages: cells wrapped over lines are joined; rows of another
    table on the page (a different number of cells) and blank rows are set aside."""
    width = len(reader.column_names)
    rows: list[tuple[str, list[str]]] = []
    skipped: dict[str, int] = {}
    with pdfplumber.open(path) as pdf:
        for number in reader.pages or range(1, len(pdf.pages) + 1):
            for grid, table in enumerate(pdf.pages[number - 1].extract_tables(), start=1):
                for index, cells in enumerate(table, start=1):
                    if all(cell is None or not str(cell).strip() for cell in cells):
                        reason = "blank row"
                    elif len(cells) != width:
                        reason = "row of another table on the page"
                    else:
                        text = [" ".join(cell.split()) if cell else "" for cell in cells]
                        rows.append((f"page {number}, table {grid}, row {index}", text))
                        continue
                    skipped[reason] = skipped.get(reason, 0) + 1
    order = pa.array(range(1, len(rows) + 1), pa.int64())
    arrays = {
        "_order": order,
        "_row": order,
        "_where": pa.array([where for where, _ in rows], pa.string()),
        "_cells": pa.array([width] * len(rows), pa.int64()),
        **{f"c{i}": pa.array([cells[i - 1] for _, cells in rows], pa.string()) for i in range(1, width + 1)},
        **{cell: pa.nulls(len(rows), pa.string()) for cell in _cells(width)[width:]},
    }
    con.register("grid", pa.table(arrays))
    con.execute("CREATE TEMP TABLE raw AS SELECT * FROM grid")
    con.unregister("grid")
    return RawTable(con, list(reader.column_names), "the description's column_names", 0, dict(sorted(skipped.items())))
