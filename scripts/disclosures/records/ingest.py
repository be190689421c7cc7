"""Ingest: turn a raw table into records, accounting for every row, in one pass of DuckDB SQL.

Each row read ends up in exactly one place: clean, a duplicate of an earlier row (identical
in every raw column, or in the description's ``duplicate_key``), or rejected with a reason.
Only allow-listed fields leave this module, and only for rows that are not rejected; users
become pseudonyms; subjects and free text are never copied; no reason quotes a cell.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ..validate import DataError, Problem, suggest
from .describe import Description, groups_of
from .fields import FIELDS, Parser, parser
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


def published_fields(description: Description) -> list[str]:
    """Return the fields the description's records publish, in order."""
    return [name for name in PUBLISHED if name in description.fields()]


def ingest(table: RawTable, description: Description, description_path: Path, raw_path: Path) -> None:
    """Build the table ``records`` in the reader's connection, every row accounted for.

    Raise DataError for the description's faults, and when more rows are rejected for
    unforeseen reasons than the description allows.
    """
    _check_columns(table, description, description_path)
    _check_keys(table, description, description_path)
    _correct(table, description, description_path)
    _check_formats(table, description, description_path)
    con = table.con
    con.execute(f"CREATE TEMP TABLE parsed AS {_parsed(table, description)}")
    for name, vocabulary in description.vocabulary.items():
        values = [
            row[0]
            for row in con.execute(f'SELECT DISTINCT "f_{name}" FROM parsed WHERE "f_{name}" IS NOT NULL').fetchall()
        ]
        words = [_translate(value, vocabulary) for value in values]
        con.register(
            f"vocabulary_{name}",
            pa.table({"value": pa.array(values, pa.string()), "words": pa.array(words, pa.string())}),
        )
    con.execute(f"CREATE TEMP TABLE records AS {_judged(table, description)}")
    for name in description.vocabulary:
        con.unregister(f"vocabulary_{name}")
    con.execute("DROP TABLE parsed")
    _check_rejections(table, description, raw_path)


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


def _withheld(description: Description, column: str) -> bool:
    """True when the raw column is never published as written (dropped, pseudonymised or split)."""
    return column in description.drop or column in description.pseudonymise or column in description.extract


def _correct(table: RawTable, description: Description, path: Path) -> None:
    """Apply the reviewed corrections; each must still find the value it corrects."""
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
                "(withheld: the column is not published)"
                if _withheld(description, correction.column)
                else (str(found[0][0]) if found else "(no such row)")
            )
            problems.append(
                Problem(
                    str(path),
                    correction.at,
                    correction.column,
                    current,
                    f"the correction expects {correction.was!r} here",
                    "check the correction against the raw file, or remove it",
                )
            )
            continue
        table.con.execute(f"UPDATE raw SET {cell} = ? WHERE _where = ?", [correction.value, correction.at])
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
        names = ", ".join(map(literal, groups))
        parts = f"regexp_extract(coalesce({table.cell(title)}, ''), {literal(extract.pattern)}, [{names}])"
        sources |= {group: (title, f"nullif(trim({parts}['{group}']), '')") for group in groups}
    return sources


def _parsers(table: RawTable, description: Description) -> dict[str, Parser]:
    """Return the parser of every field read from a column or a named group."""
    received = description.raw.received
    return {
        field: parser(FIELDS[field], text, title, description.dates, description.excel_serial_dates, received)
        for field, (title, text) in _sources(table, description).items()
    }


def _parsed(table: RawTable, description: Description) -> str:
    """SQL for every row's fields, problems and not-record reason, beside its raw cells."""
    parsers = _parsers(table, description)
    values = [f'{p.value} AS "f_{field}"' for field, p in parsers.items()]
    for total, parts in description.sums.items():
        values.append(
            f"CASE WHEN {' AND '.join(f'({parsers[p].value}) IS NOT NULL' for p in parts)} "
            f'THEN {" + ".join(f"({parsers[p].value})" for p in parts)} END AS "f_{total}"'
        )
    if "case_number" in parsers:
        values.append(f"({parsers['case_number'].value}) IS NOT NULL AS f_has_case_number")
    problems = [
        f"CASE WHEN {condition} THEN {literal(reason)} END"
        for p in parsers.values()
        for condition, reason in p.problems
    ]
    not_record = " ".join(
        f"WHEN {' AND '.join(_matches(table, description, key, pattern) for key, pattern in rule.where.items())} "
        f"THEN {literal(rule.reason)}"
        for rule in description.not_records
    )
    users = []
    for title, field in description.pseudonymise.items():
        cell = table.cell(title)
        redacted = any_of([f"regexp_full_match(trim({cell}), {literal(pattern)})" for pattern in description.redacted])
        users.append(f"nullif(lower(regexp_replace(trim({cell}), '\\s+', ' ', 'g')), '') AS \"k_{field}\"")
        users.append(f'coalesce({redacted}, false) AS "r_{field}"')
    return f"""
        SELECT _order, _where, _cells, {", ".join(f"c{i}" for i in range(1, table.width + 1))},
               {", ".join([*values, *users]) + "," if values or users else ""}
               concat_ws('; ', {", ".join(problems) or "NULL"}) AS _problems,
               {f"CASE {not_record} END" if not_record else "NULL::VARCHAR"} AS _not_record
        FROM raw
    """


def _matches(table: RawTable, description: Description, key: str, pattern: str) -> str:
    """SQL true when the field or raw column ``key`` matches ``pattern`` in full, as written (blank as '')."""
    sources = _sources(table, description)
    text = sources[key][1] if key in sources else f"trim({table.cell(key)})"
    return f"regexp_full_match(coalesce({text}, ''), {literal(pattern)}, 's')"


def _judged(table: RawTable, description: Description) -> str:
    """SQL for the records: each row's status and reason, the published fields of rows that are not rejected."""
    width = table.width
    ragged = f"_cells <> {width}"
    key = [f"c{table.columns.index(k) + 1}" if k in table.columns else f'"f_{k}"' for k in description.duplicate_key]
    key = key or [f"c{i}" for i in range(1, width + 1)]
    published, joins = [], []
    for name in published_fields(description):
        value, join = _published(name, description)
        published.append(f", CASE WHEN status <> 'rejected' THEN {value} END AS \"{name}\"")
        joins += [join] if join else []
    repeat = "_status = 'clean' AND row_number() OVER repeats > 1"
    return f"""
        WITH judged AS (
            SELECT *,
                CASE WHEN _not_record IS NOT NULL OR {ragged} OR _problems <> '' THEN 'rejected' ELSE 'clean' END
                    AS _status,
                coalesce(_not_record, CASE WHEN {ragged} THEN _cells || ' cells, the header has {width}' END,
                         nullif(_problems, '')) AS _reason
            FROM parsed
        ),
        marked AS (
            SELECT *,
                CASE WHEN {repeat} THEN 'duplicate' ELSE _status END AS status,
                CASE WHEN {repeat} THEN first_value(_where) OVER repeats END AS duplicate_of
            FROM judged
            WINDOW repeats AS (PARTITION BY _status, {", ".join(key)} ORDER BY _order)
        )
        SELECT _order, _where AS source_row, status,
               CASE WHEN status = 'duplicate' THEN 'repeats an earlier row' ELSE _reason END AS reason,
               duplicate_of, _not_record IS NOT NULL AS _foreseen {"".join(published)}
        FROM marked {" ".join(joins)}
    """


def _published(name: str, description: Description) -> tuple[str, str]:
    """SQL for a published field's value, and the join it needs (a vocabulary, or the pseudonyms)."""
    vocabulary = next((source for source, v in description.vocabulary.items() if v.to == name), None)
    if vocabulary:
        table = f"vocabulary_{vocabulary}"
        return f"{table}.words", f'LEFT JOIN {table} ON {table}.value = "f_{vocabulary}"'
    if name in description.pseudonymise.values():
        key, redacted = f'"k_{name}"', f'"r_{name}"'
        # Number each person by first appearance among the published rows: stable, and no hash of a name
        numbered = (
            f"SELECT {key}, printf('user-%03d', row_number() OVER (ORDER BY min(_order))) AS pseudonym FROM marked"
            f" WHERE status <> 'rejected' AND NOT {redacted} AND {key} IS NOT NULL GROUP BY {key}"
        )
        return (
            f"CASE WHEN {redacted} THEN 'redacted' ELSE u_{name}.pseudonym END",
            f"LEFT JOIN ({numbered}) u_{name} USING ({key})",
        )
    return f'"f_{name}"', ""


def _translate(value: str, vocabulary) -> str:
    """Return the vocabulary's words for a raw value (each part, when the value is a list)."""
    parts = [part.strip() for part in value.split(vocabulary.split)] if vocabulary.split else [value.strip()]
    return "; ".join(dict.fromkeys(vocabulary.map.get(part, vocabulary.otherwise) for part in parts))


def _check_rejections(table: RawTable, description: Description, raw_path: Path) -> None:
    """Stop when rows are rejected for unforeseen reasons beyond the share the description allows."""
    con = table.con
    read, unforeseen = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE status = 'rejected' AND NOT _foreseen) FROM records"
    ).fetchone()
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
