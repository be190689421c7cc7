"""The independent reference: one DuckDB query that does the extraction's work on the synthetic log.

It shares no code with the pipeline: it transcodes the file from cp1252 with iconv (DuckDB
reads no cp1252 without an extension it would download), parses the four date formats and the
counts, rejects what cannot be read, the totals row and future dates, marks exact repeats,
numbers the users, writes every row with its status to Parquet, then sums searches by month.

Run as ``python -m bench.reference LOG OUT``; prints the monthly sums and the repeats as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile

import duckdb

QUERY = """
COPY (
    WITH raw AS (
        SELECT row_number() OVER () AS n, *
        FROM read_csv($log, skip = 2, header = true, all_varchar = true, parallel = false, null_padding = true)
    ),
    parsed AS (
        SELECT *,
            coalesce(
                try_strptime(Created, ['%m/%d/%Y', '%d-%b-%Y', '%Y-%m-%d'])::DATE,
                CASE WHEN regexp_full_match(Created, '[0-9]{5}') THEN DATE '1899-12-30' + Created::INTEGER END
            ) AS day,
            TRY_CAST("Search Count" AS BIGINT) AS searches
        FROM raw
    ),
    judged AS (
        SELECT *,
            CASE WHEN "Investigation ID" = 'Total' OR day IS NULL OR searches IS NULL OR searches < 0
                      OR day > DATE '2025-09-01' THEN 'rejected' ELSE 'clean' END AS verdict
        FROM parsed
    ),
    marked AS (
        SELECT *,
            CASE WHEN verdict = 'clean' AND row_number() OVER (
                PARTITION BY verdict, "Investigation ID", Title, Creator, Created, "Last Updated", "Search Count",
                             Status, Comments ORDER BY n) > 1
                 THEN 'duplicate' ELSE verdict END AS row_status
        FROM judged
    ),
    users AS (
        SELECT lower(trim(Creator)) AS who, printf('user-%03d', row_number() OVER (ORDER BY min(n))) AS pseudonym
        FROM marked WHERE row_status <> 'rejected' AND Creator NOT LIKE 'EXEMPT%' GROUP BY 1
    )
    SELECT n, row_status, day, searches,
           CASE WHEN Creator LIKE 'EXEMPT%' THEN 'redacted' ELSE users.pseudonym END AS user
    FROM marked LEFT JOIN users ON users.who = lower(trim(Creator))
    ORDER BY n
) TO $out (FORMAT parquet, COMPRESSION zstd)
"""


def run(log: str, out: str) -> dict:
    """Extract the log into ``out``; return the clean rows' searches per month and the count of repeats."""
    with tempfile.NamedTemporaryFile(suffix=".csv") as utf8, duckdb.connect() as con:
        subprocess.run(["iconv", "-f", "CP1252", "-t", "UTF-8", log], stdout=utf8, check=True)
        con.execute(QUERY, {"log": utf8.name, "out": out})
        months = con.execute(
            "SELECT strftime(day, '%Y-%m'), sum(searches)::BIGINT FROM read_parquet(?) WHERE row_status = 'clean'"
            " GROUP BY 1 ORDER BY 1",
            [out],
        ).fetchall()
        row = con.execute("SELECT count(*) FROM read_parquet(?) WHERE row_status = 'duplicate'", [out]).fetchone()
        assert row is not None  # an aggregate query returns one row
        repeats = row[0]
    return {"searches_per_month": dict(months), "repeats": repeats}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], sys.argv[2])))
