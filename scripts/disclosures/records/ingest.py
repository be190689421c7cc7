"""Ingest: turn a raw table into records, accounting for every row, in one pass of DuckDB SQL.

Each row read ends up in exactly one place: clean, a duplicate of an earlier row (identical
in every raw column, or in the description's ``duplicate_key``), or rejected with a reason.
Only allow-listed fields leave this module, and only for rows that are not rejected; users
become pseudonyms; subjects and free text are never copied; no reason quotes a cell.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..problems import DataError, Problem, suggest
from .describe import Description, groups_of
from .fields import FIELDS, parser
from .readers import RawTable
from .sql import any_of, literal

#: What a record may publish, in order. Raw crime types, statuses and case numbers stay behind.
PUBLISHED = [
    "date",
    "period_start",
    "period_end",
    "location",
    "duration_minutes",
    "purpose",
    "purpose_category",
    "watchlist_size",
    "threshold",
    "alerts",
    "true_alerts",
    "true_alerts_confirmed",
    "true_alerts_unconfirmed",
    "false_alerts",
    "false_alerts_confirmed",
    "false_alerts_unconfirmed",
    "true_alert_engagements",
    "false_alert_engagements",
    "false_alert_rate_stated",
    "arrests",
    "other_disposals",
    "no_action",
    "faces_scanned",
    "searches",
    "requests",
    "matches",
    "crime_category",
    "outcome",
    "user",
    "has_case_number",
]
ACCOUNT = ["source_row", "status", "reason", "duplicate_of"]
#: How many rows a summary of one reason lists by name.
LISTED = 5


def shown_as_is(description: Description, column: str) -> bool:
    """Whether a raw column is published as it was written (a text field read as it is), so that a correction
    of it may show the value it replaced. A count, a date or a mapped, split or withheld column never does:
    its raw cell could hold anything, a person's name typed into a count."""
    field = description.columns.get(column, "")
    changed = {*description.drop, *description.pseudonymise, *description.extract, *description.vocabulary}
    return field in PUBLISHED and FIELDS.get(field) == "text" and column not in changed


def published_fields(description: Description) -> list[str]:
    """Return the fields the description's records publish, in order."""
    return [name for name in PUBLISHED if name in description.fields()]


def ingest(table: RawTable, description: Description, description_path: Path, raw_path: Path) -> dict[str, int]:
    """Build the table ``records`` in the reader's connection, every row accounted for, in one
    query; return the rows set aside (blank rows) by reason.

    Raise DataError for the description's faults, and when more rows are rejected for
    unforeseen reasons than the description allows.
    """
    _check_columns(table, description, description_path)
    _check_keys(table, description, description_path)
    _check_patterns(table, description, description_path)
    _check_open_quotes(table, raw_path)
    _check_formats(table, description, description_path)
    cells = _corrected(table, description, description_path)
    con = table.con
    con.execute(f"""
        CREATE TEMP TABLE records AS
        WITH texts AS ({_texts(table, description, cells)}),
             parsed AS ({_parsed(table, description)}),
             {_judged(table, description)}
    """)
    row = con.execute("SELECT count(*) FROM records WHERE status = 'blank'").fetchone()
    assert row is not None  # an aggregate query returns one row
    blank = row[0]
    if blank:
        con.execute("DELETE FROM records WHERE status = 'blank'")
    _check_rejections(table, description, raw_path)
    return {"blank row": blank} if blank else {}


def _check_columns(table: RawTable, description: Description, path: Path) -> None:
    described = [*description.columns, *description.pseudonymise, *description.drop, *description.extract]
    titles = [title for title in table.columns if title]
    problems = [
        Problem(
            str(path),
            table.header_at,
            column,
            column,
            "the description names a column the raw file does not have",
            suggest(column, titles, f"use one of the raw file's columns: {', '.join(titles)}"),
        )
        for column in described
        if column not in table.columns
    ]
    problems += [
        Problem(
            str(path),
            table.header_at,
            column,
            column,
            "every column of the raw file must be described",
            "map it under columns, or list it under pseudonymise or drop",
        )
        for column in titles
        if column not in described
    ]
    problems += [
        Problem(
            str(path),
            table.header_at,
            column,
            column,
            "each column title must appear once in the header",
            "the raw file repeats this title; describe the file with reader.column_names or ask for a clean export",
        )
        for column in sorted({title for title in titles if titles.count(title) > 1})
    ]
    if problems:
        raise DataError(problems)


def _check_keys(table: RawTable, description: Description, path: Path) -> None:
    """not_records and duplicate_key may name fields or raw columns; each name must be one of them."""
    names = [*_sources(table, description), *(title for title in table.columns if title)]
    named = [(f"not_records[{i}].where", key) for i, rule in enumerate(description.not_records) for key in rule.where]
    named += [("duplicate_key", key) for key in description.duplicate_key]
    problems = [
        Problem(
            str(path),
            None,
            where,
            key,
            "must name a field read from a column (or a named group) or a column of the raw file",
            suggest(key, names, f"use one of: {', '.join(names)}"),
        )
        for where, key in named
        if key not in names
    ]
    if problems:
        raise DataError(problems)


def _corrected(table: RawTable, description: Description, path: Path) -> dict[str, str]:
    """Return SQL for each cell position, with the reviewed corrections applied; each must still
    find the value it corrects."""
    cells = {cell: cell for cell in table.cells}
    problems = []
    for correction in description.corrections:
        if correction.column not in table.columns:
            problems.append(
                Problem(
                    str(path),
                    correction.at,
                    correction.column,
                    "",
                    "a correction must name a column of the raw file",
                    suggest(correction.column, table.columns, "use a column title from the raw file"),
                )
            )
            continue
        cell = table.cell(correction.column)
        found = table.con.execute(f"SELECT {cell} FROM raw WHERE _where = ?", [correction.at]).fetchall()
        if found != [(correction.was,)]:
            current = (
                "(no such row)"
                if not found
                else found[0][0]
                if shown_as_is(description, correction.column)
                else "(withheld: the column is not published as it is written)"
            )
            problems.append(
                Problem(
                    str(path),
                    correction.at,
                    correction.column,
                    str(current),
                    f"the correction expects {correction.was!r} here",
                    "check the correction against the raw file, or remove it",
                )
            )
            continue
        cells[cell] = (
            f"CASE WHEN _where = {literal(correction.at)} THEN {literal(correction.value)} ELSE {cells[cell]} END"
        )
    if problems:
        raise DataError(problems)
    return cells


def _check_open_quotes(table: RawTable, path: Path) -> None:
    """A quote opened and never closed would read the rows after it into one cell: stop instead."""
    if not table.quoted:
        return
    row_like = literal("\n[^\n]*" + ",[^\n]*" * max(table.width - 1, 1))
    swallowing = " OR ".join(
        f"(contains({cell}, chr(10)) AND regexp_matches({cell}, {row_like}))" for cell in table.cells
    )
    found = table.con.execute(
        f"SELECT _where, [{', '.join(table.cells)}] FROM raw WHERE _row > {table.header_row} AND ({swallowing})"
        " ORDER BY _order LIMIT 1"
    ).fetchone()
    if found:
        where, cells = found
        position = next(i for i, cell in enumerate(cells) if cell and "\n" in cell)
        column = table.columns[position] if position < table.width else ""
        lines = cells[position].count("\n")
        raise DataError(
            [
                Problem(
                    str(path),
                    where,
                    column,
                    "",
                    f"a quote opened in this cell is never closed: the {lines:,} lines after it, which look like rows,"
                    " were read into this one cell",
                    "the raw file is never edited: ask the source for a corrected export, or, if the file uses no"
                    ' quoting at all, set reader.quote to ""',
                )
            ]
        )


def _check_patterns(table: RawTable, description: Description, path: Path) -> None:
    """Every regular expression must be one DuckDB's RE2 engine runs."""
    patterns = [(f"extract.{title}.pattern", extract.pattern) for title, extract in description.extract.items()]
    patterns += [(f"redacted[{i}]", pattern) for i, pattern in enumerate(description.redacted)]
    patterns += [
        (f"not_records[{i}].where.{key}", pattern)
        for i, rule in enumerate(description.not_records)
        for key, pattern in rule.where.items()
    ]
    problems = []
    for where, pattern in patterns:
        try:
            table.con.execute("SELECT regexp_matches('', ?)", [pattern])
        except duckdb.Error as error:
            reason = str(error).split("\n")[0]
            problems.append(
                Problem(
                    str(path),
                    None,
                    where,
                    pattern,
                    f"the pattern must be a regular expression in RE2 syntax ({reason})",
                    "write it without look-arounds or back-references; named groups are (?P<name>...)",
                )
            )
    if problems:
        raise DataError(problems)


def _check_formats(table: RawTable, description: Description, path: Path) -> None:
    for fmt in description.dates:
        try:
            table.con.execute("SELECT try_strptime('2000-01-01', ?)", [fmt])
        except Exception as error:  # DuckDB says why the format is unreadable
            raise DataError(
                [
                    Problem(
                        str(path),
                        None,
                        "dates",
                        fmt,
                        f"every date format must be one DuckDB reads ({error})",
                        "use strptime codes such as %d/%m/%Y",
                    )
                ]
            ) from None


def _text(table: RawTable, description: Description, title: str) -> str:
    """SQL for a raw cell's text: trimmed, and NULL when blank."""
    cell = table.cell(title)
    blanks = ", ".join(literal(value) for value in description.blank) or "''"
    return f"CASE WHEN trim({cell}) IN ({blanks}) THEN NULL ELSE trim({cell}) END"


def _sources(table: RawTable, description: Description) -> dict[str, tuple[str, str]]:
    """Return, for every field read from a column or a named group, the column's title and SQL for its text."""
    sources = {field: (title, _text(table, description, title)) for title, field in description.columns.items()}
    for title, extract in description.extract.items():
        groups = groups_of(extract.pattern)
        sources |= {group: (title, f"nullif(trim(\"x_{table.cell(title)}\"['{group}']), '')") for group in groups}
    return sources


def _extracted(table: RawTable, description: Description) -> list[str]:
    """SQL for each extracted column's groups, matched once per row."""
    return [
        f"regexp_extract(coalesce({table.cell(title)}, ''), {literal(extract.pattern)},"
        f' [{", ".join(map(literal, groups_of(extract.pattern)))}]) AS "x_{table.cell(title)}"'
        for title, extract in description.extract.items()
    ]


def _texts(table: RawTable, description: Description, cells: dict[str, str]) -> str:
    """SQL for the table's rows: corrected cells, each field's text, pseudonym keys, the not-record reason."""
    sources = _sources(table, description)
    texts = [f'{text} AS "t_{field}"' for field, (_, text) in sources.items()]
    rules = " ".join(
        f"WHEN {' AND '.join(_matches(table, sources, key, pattern) for key, pattern in rule.where.items())}"
        f" THEN {literal(rule.reason)}"
        for rule in description.not_records
    )
    texts.append(f"CASE {rules} END AS _not_record" if rules else "NULL::VARCHAR AS _not_record")
    corrected = ", ".join(f"{sql} AS {cell}" for cell, sql in cells.items())
    return f"""
        SELECT _order, _where, _cells, {", ".join(texts)},
               {" AND ".join(f"trim(coalesce({cell}, '')) = ''" for cell in table.cells)} AS _blank,
               {", ".join(f"c{i}" for i in range(1, table.width + 1))}
        FROM (SELECT *{"".join(", " + sql for sql in _extracted(table, description))}
              FROM (SELECT _order, _where, _cells, {corrected} FROM raw WHERE _row > {table.header_row}))
    """


def _matches(table: RawTable, sources: dict[str, tuple[str, str]], key: str, pattern: str) -> str:
    """SQL true when the field or raw column ``key`` matches ``pattern`` in full, as written (blank as '')."""
    text = sources[key][1] if key in sources else f"trim({table.cell(key)})"
    return f"regexp_full_match(coalesce({text}, ''), {literal(pattern)}, 's')"


def _parsed(table: RawTable, description: Description) -> str:
    """SQL for every row's fields and problems: values first, then the problems that read them."""
    sources = _sources(table, description)
    received = description.raw.received
    parsers = {
        field: parser(
            FIELDS[field],
            f'"t_{field}"',
            f'"f_{field}"',
            title,
            description.dates,
            description.excel_serial_dates,
            received,
        )
        for field, (title, _) in sources.items()
    }
    values = [f'{p.value} AS "f_{field}"' for field, p in parsers.items()]
    derived = []
    for total, parts in description.sums.items():
        given = " AND ".join(f'"f_{part}" IS NOT NULL' for part in parts)
        added = " + ".join(f'"f_{part}"' for part in parts)
        derived.append(f'CASE WHEN {given} THEN {added} END AS "f_{total}"')
    if "case_number" in parsers:
        derived.append('"f_case_number" IS NOT NULL AS f_has_case_number')
    problems = [
        f"CASE WHEN {condition} THEN {literal(reason)} END"
        for p in parsers.values()
        for condition, reason in p.problems
    ]
    return f"""
        SELECT *, {"".join(f"{column}, " for column in derived)}
               concat_ws('; ', {", ".join(problems) or "NULL"}) AS _problems
        FROM (SELECT *{"".join(f", {value}" for value in values)} FROM texts)
    """


def _judged(table: RawTable, description: Description) -> str:
    """SQL for the records: each row's status and reason, the published fields of rows that are not rejected."""
    width = table.width
    ragged = f"_cells <> {width}"
    key = [f"c{table.columns.index(k) + 1}" if k in table.columns else f'"f_{k}"' for k in description.duplicate_key]
    key = key or [f"c{i}" for i in range(1, width + 1)]
    published, joins = [], []
    for name in published_fields(description):
        value, join = _published(name, table, description)
        published.append(f", CASE WHEN status IN ('clean', 'duplicate') THEN {value} END AS \"{name}\"")
        joins += [join] if join else []
    repeat = "_status = 'clean' AND row_number() OVER repeats > 1"
    return f"""
        judged AS (
            SELECT *,
                CASE WHEN _blank THEN 'blank'
                     WHEN _not_record IS NOT NULL OR {ragged} OR _problems <> '' THEN 'rejected' ELSE 'clean' END
                    AS _status,
                coalesce(_not_record, CASE WHEN {ragged} THEN _cells || ' cells, the header has {width}' END,
                         nullif(_problems, '')) AS _reason
            FROM parsed
        ),
        marked AS MATERIALIZED (
            SELECT *,
                CASE WHEN {repeat} THEN 'duplicate' ELSE _status END AS status,
                CASE WHEN {repeat} THEN first_value(_where) OVER repeats END AS duplicate_of
            FROM judged
            WINDOW repeats AS (PARTITION BY _status, {", ".join(key)} ORDER BY _order)
        )
        SELECT _order, _where AS source_row, status,
               CASE WHEN status = 'duplicate' THEN 'repeats an earlier row' WHEN status = 'rejected' THEN _reason END
                   AS reason,
               duplicate_of, _not_record IS NOT NULL AS _foreseen {"".join(published)}
        FROM marked {" ".join(joins)}
    """


def _published(name: str, table: RawTable, description: Description) -> tuple[str, str]:
    """SQL for a published field's value, and the join it needs (the pseudonyms)."""
    vocabulary = next((source for source, v in description.vocabulary.items() if v.to == name), None)
    if vocabulary:
        return _vocabulary(f'"f_{vocabulary}"', description.vocabulary[vocabulary]), ""
    if name in description.pseudonymise.values():
        cell = table.cell(next(title for title, field in description.pseudonymise.items() if field == name))
        join = f"LEFT JOIN ({_pseudonyms(cell, description)}) u_{name} ON u_{name}.written = {cell}"
        return f"u_{name}.pseudonym", join
    return f'"f_{name}"', ""


def _pseudonyms(cell: str, description: Description) -> str:
    """SQL for each distinct value of a pseudonymised column and its pseudonym.

    People are told apart by their name with case and spacing ignored, and numbered by first
    appearance among the published rows: stable for the same data, and no hash of a name.
    The work is done once per distinct value, not per row.
    """
    redacted = any_of([f"regexp_full_match(trim(written), {literal(pattern)})" for pattern in description.redacted])
    return f"""
        WITH firsts AS (
            SELECT {cell} AS written, min(_order) AS first FROM marked
            WHERE status IN ('clean', 'duplicate') AND {cell} IS NOT NULL GROUP BY {cell}
        ),
        people AS (
            SELECT written, first, nullif(lower(regexp_replace(trim(written), '\\s+', ' ', 'g')), '') AS person,
                   coalesce({redacted}, false) AS redacted
            FROM firsts
        ),
        numbered AS (
            SELECT person, printf('user-%03d', row_number() OVER (ORDER BY min(first))) AS pseudonym FROM people
            WHERE NOT redacted AND person IS NOT NULL GROUP BY person
        )
        SELECT written, CASE WHEN redacted THEN 'redacted' ELSE numbered.pseudonym END AS pseudonym
        FROM people LEFT JOIN numbered USING (person)
    """


def _vocabulary(value: str, vocabulary) -> str:
    """SQL for a value's words in the shared vocabulary: each part of a list, in order, once."""
    words = "MAP {" + ", ".join(f"{literal(raw)}: {literal(word)}" for raw, word in vocabulary.map.items()) + "}"
    if not vocabulary.map:
        words = "MAP {}::MAP(VARCHAR, VARCHAR)"

    def word(part: str) -> str:
        return f"coalesce({words}[trim({part})], {literal(vocabulary.otherwise)})"

    if not vocabulary.split:
        return f"CASE WHEN {value} IS NOT NULL THEN {word(value)} END"
    parts = f"list_transform(string_split({value}, {literal(vocabulary.split)}), lambda part: {word('part')})"
    once = f"list_filter({parts}, lambda word, i: list_position({parts}, word) = i)"
    return f"CASE WHEN {value} IS NOT NULL THEN array_to_string({once}, '; ') END"


def _check_rejections(table: RawTable, description: Description, raw_path: Path) -> None:
    """Stop when rows are rejected for unforeseen reasons beyond the share the description allows."""
    con = table.con
    row = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE status = 'rejected' AND NOT _foreseen) FROM records"
    ).fetchone()
    assert row is not None  # an aggregate query returns one row
    read, unforeseen = row
    if unforeseen <= description.max_rejected * read:
        return
    reasons = con.execute(
        f"""SELECT reason, count(*), list(source_row ORDER BY _order)[1:{LISTED}] FROM records
            WHERE status = 'rejected' AND NOT _foreseen GROUP BY reason ORDER BY count(*) DESC, reason"""
    ).fetchall()
    allowed = f"{description.max_rejected:.0%}"
    raise DataError(
        [
            Problem(
                str(raw_path),
                _rows_named(rows, count),
                reason.split(":")[0] if ":" in reason else "",
                "",
                f"{reason} ({count:,} row{'s' if count != 1 else ''}; in all {unforeseen:,} of {read:,} rows read are"
                f" rejected for reasons the description does not foresee, more than the {allowed} it allows)",
                "correct the description (dates, columns, blank values), add a not_records rule for rows that are"
                " not records, or, once the rejections are reviewed, raise max_rejected",
            )
            for reason, count, rows in reasons
        ]
    )


def _rows_named(rows: list[str], count: int) -> str:
    named = ", ".join(rows)
    return f"{named} and {count - len(rows):,} more" if count > len(rows) else named
