"""One test per validation rule: a literal bad input and the exact error it gets."""

from __future__ import annotations

import pytest

from conftest import build_site, replace_in
from disclosures.problems import DataError, Problem
from disclosures.tables import load
from disclosures.validate import validate

FIGURES = "disclosed/figures.csv"
AGENCIES = "reference/agencies.csv"
POPULATION = 'US,California,3898747,{year},{source},"Los Angeles had 3,898,747 residents."'

QUOTE = "LAPD officers used the system's software 29,817 times."
CASES = {
    "quote that does not state the number": (
        FIGURES,
        "software 29,817 times",
        "software 29,871 times",
        (
            2,
            "quote",
            "LAPD officers used the system's software 29,871 times.",
            "the quote must state the figure's number (in digits or words), with its qualifier words right before it",
            "quote the sentence that states this number, or correct value, value_max or qualifier_words",
        ),
    ),
    "qualifier words the quote does not have": (
        FIGURES,
        "29817,,exact,,",
        "29817,,at_most,nearly,",
        (
            2,
            "quote",
            QUOTE,
            "the quote must state the figure's number (in digits or words), with its qualifier words right before it",
            "quote the sentence that states this number, or correct value, value_max or qualifier_words",
        ),
    ),
    "a qualified number recorded without its words": (
        FIGURES,
        "software 29,817 times",
        "software nearly 29,817 times",
        (
            2,
            "qualifier_words",
            "",
            "the quote qualifies the number, so qualifier_words must say how",
            "copy the quote's word before the number (nearly, more than, about, ...) into qualifier_words",
        ),
    ),
    "nearly read as about": (
        FIGURES,
        "29817,,exact,,,2009-11-06,2020-09-11,,latimes,paragraph 4,,,\"LAPD officers used the system's software 29",
        "29817,,about,nearly,,2009-11-06,2020-09-11,,latimes,paragraph 4,,,\"LAPD officers used the system's software"
        " nearly 29",
        (
            2,
            "qualifier",
            "about",
            "the qualifier must be what the source's words mean (nearly: at_most; more than, over: at_least; about:"
            " about)",
            "set the qualifier the words mean; new words go in qualifiers.WORDS with their meaning",
        ),
    ),
    "neither a quote nor why there is none": (
        FIGURES,
        f'"{QUOTE}",',
        ",",
        (
            2,
            "quote",
            "",
            "a figure needs its source's own sentence in quote, or the reason there is none in quote_missing",
            "copy the sentence that states the number into quote, or say in quote_missing why it cannot be quoted",
        ),
    ),
    "a source with neither an address nor why": (
        "reference/sources.csv",
        "https://www.latimes.com/a,,https",
        ",,https",
        (
            2,
            "url",
            "",
            "a source needs its public address in url, or why it has none (and where to get it) in url_missing",
            "add the address, or say in url_missing why there is none and where a reader can get the source",
        ),
    ),
    "a source with neither an archived copy nor why": (
        "reference/sources.csv",
        ",https://web.archive.org/web/20200922/https://www.latimes.com/a,false,",
        ",,false,",
        (
            2,
            "archived_url",
            "",
            "a source needs an archived copy in archived_url, or why it has none in archive_missing",
            "add https://web.archive.org/web/<date>/<url>, or say in archive_missing why there is none",
        ),
    ),
    "negative value": (
        FIGURES,
        "uses,29817,",
        "uses,-29817,",
        (2, "value", "-29817", "value must be at least 0", "write the number as disclosed, never negative"),
    ),
    "value not a number": (
        FIGURES,
        "uses,29817,",
        "uses,29.817k,",
        (2, "value", "29.817k", "value must be a whole number", "write digits only, like 29817"),
    ),
    "value missing": (
        FIGURES,
        "uses,29817,",
        "uses,,",
        (2, "value", "", "value is required", "fill it in: The number as disclosed (the lower number of a range)."),
    ),
    "unknown qualifier": (
        FIGURES,
        ",exact,,,2009",
        ",roughly,,,2009",
        (
            2,
            "qualifier",
            "roughly",
            "qualifier must be one of the allowed words",
            "use one of: exact, about, at_least, at_most, range, estimate",
        ),
    ),
    "unknown measure": (
        FIGURES,
        "lacris,searches,uses",
        "lacris,scans,uses",
        (
            2,
            "measure",
            "scans",
            "measure must be one of the allowed words",
            "use one of: searches, requests, matches, false_matches, alerts, false_alerts, arrests, faces_scanned, "
            "deployments, users, agencies, log_records",
        ),
    ),
    "period written as words": (
        FIGURES,
        ",2009-11-06,",
        ",Nov 2009,",
        (
            2,
            "period_start",
            "Nov 2009",
            "period_start must match ^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "write it like '2009-11-06'",
        ),
    ),
    "period not in the calendar": (
        FIGURES,
        ",2009-11-06,",
        ",2009-02-30,",
        (
            2,
            "period_start",
            "2009-02-30",
            "period_start must be a real calendar date",
            "check the day and month: YYYY, YYYY-MM or YYYY-MM-DD",
        ),
    ),
    "period ends before it starts": (
        FIGURES,
        ",2009-11-06,2020-09-11,",
        ",2020-09-11,2009-11-06,",
        (
            2,
            "period_end",
            "2009-11-06",
            "the period must not end before it starts",
            "swap period_start and period_end, or correct the one that is wrong",
        ),
    ),
    "range without upper number": (
        FIGURES,
        "29817,,exact",
        "29817,,range",
        (
            2,
            "value_max",
            "",
            "a range needs its upper number in value_max, above value",
            "write the upper number of the range in value_max, or change the qualifier",
        ),
    ),
    "upper number without a range": (
        FIGURES,
        "29817,,exact",
        "29817,30000,exact",
        (
            2,
            "value_max",
            "30000",
            "value_max is only for ranges",
            "leave value_max blank, or set the qualifier to range",
        ),
    ),
    "duplicate figure id": (
        FIGURES,
        "lapd-2020,",
        "lapd-all,",
        (3, "id", "lapd-all", "id must be unique", "give this row its own id; the same as in the row at position 2"),
    ),
    "unknown agency": (
        FIGURES,
        "lapd-all,lapd,",
        "lapd-all,lpad,",
        (
            2,
            "agency",
            "lpad",
            "agency must be an id in agencies.csv",
            "did you mean lapd? use an id from agencies.csv, or add a row for 'lpad' there first",
        ),
    ),
    "unknown system": (
        FIGURES,
        "lapd,lacris,searches,uses",
        "lapd,clearview,searches,uses",
        (
            2,
            "system",
            "clearview",
            "system must be an id in systems.csv",
            "use an id from systems.csv, or add a row for 'clearview' there first",
        ),
    ),
    "unknown source": (
        FIGURES,
        ",latimes,paragraph 4,",
        ",latimes-2020,paragraph 4,",
        (
            2,
            "source",
            "latimes-2020",
            "source must be an id in sources.csv",
            "did you mean latimes? use an id from sources.csv, or add a row for 'latimes-2020' there first",
        ),
    ),
    "country not a two-letter code": (
        "reference/agencies.csv",
        'CA",US',
        'CA",USA',
        (2, "country", "USA", "country must match ^[A-Z]{2}$", "write it like 'US'"),
    ),
    "country code that names no country": (
        "reference/agencies.csv",
        'CA",US',
        'CA",UK',
        (
            2,
            "country",
            "UK",
            "country must be an ISO 3166 two-letter country code",
            "write the country's code, like US or GB (GB is the United Kingdom)",
        ),
    ),
    "population without its source": (
        AGENCIES,
        "US,California,,,,",
        POPULATION.format(year="2020", source=""),
        (
            2,
            "population_source",
            "",
            "a population needs its source in population_source, and a source goes only with a population",
            "add the source to sources.csv and write its id here, or clear population_source",
        ),
    ),
    "population without its year": (
        AGENCIES,
        "US,California,,,,",
        POPULATION.format(year="", source="latimes"),
        (
            2,
            "population_year",
            "",
            "a population needs the year it counts, and a year goes only with a population",
            "write the year the source's count is for (2020 for the 2020 Census), or clear the year",
        ),
    ),
    "population source that is not a source": (
        AGENCIES,
        "US,California,,,,",
        POPULATION.format(year="2020", source="latimes-census"),
        (
            2,
            "population_source",
            "latimes-census",
            "population_source must be an id in sources.csv",
            "did you mean latimes? use an id from sources.csv, or add a row for 'latimes-census' there first",
        ),
    ),
    "population quote that does not state it": (
        AGENCIES,
        "US,California,,,,",
        POPULATION.format(year="2020", source="latimes").replace("3,898,747", "3,898,474"),
        (
            2,
            "population_quote",
            "Los Angeles had 3,898,474 residents.",
            "the quote must state the population's number (in digits or words)",
            "quote the sentence that states this number, or correct population",
        ),
    ),
    "a weak source without the reason": (
        "reference/sources.csv",
        "news_report,reported,",
        "news_report,weak,",
        (
            2,
            "strength_why",
            "",
            "a secondary or weak source needs the reason in strength_why, and only those have one",
            "say in a few words why the source is secondary or weak (a reprint of ..., a vendor's blog), or clear it",
        ),
    ),
    "a status reported to a body without the body": (
        "reference/statuses.csv",
        "note\n",
        "note\nlapd-board,lapd,,2021,2022,reported_to_body,,,,,latimes,\n",
        (
            2,
            "body",
            "",
            "a status of reported_to_body needs the body the agency reports to, and only that status has one",
            "name the board, council or legislature as the source does, or clear body",
        ),
    ),
    "a control character in a name (a NUL from a PDF)": (
        "reference/agencies.csv",
        "Los Angeles Police",
        "Los Angeles\x00 Police",
        (
            2,
            "name",
            "Los Angeles\\u0000 Police Department",
            "a cell must not hold a control or non-character (U+0000): it is invisible on the page, breaks the feeds"
            " and the chart renderer",
            "delete the character (it often comes from copying out of a PDF or a spreadsheet)",
        ),
    ),
    "a non-character in a correction (it makes the feeds ill-formed)": (
        "reference/events.csv",
        "LAPD bars third-party services",
        "LAPD bars\ufffe third-party services",
        (
            2,
            "title",
            "LAPD bars\\ufffe third-party services",
            "a cell must not hold a control or non-character (U+FFFE): it is invisible on the page, breaks the feeds"
            " and the chart renderer",
            "delete the character (it often comes from copying out of a PDF or a spreadsheet)",
        ),
    ),
    "measure words of 5,000 characters": (
        "disclosed/figures.csv",
        "searches,uses,29817",
        "searches," + "u" * 5000 + ",29817",
        (
            2,
            "measure_words",
            "u" * 5000,
            "measure_words must be at most 60 characters",
            "shorten it: pages, charts and the one-page brief show it whole; put the rest in the source",
        ),
    ),
    "an event following one that does not exist": (
        "reference/events.csv",
        "latimes,,\n",
        "latimes,,lapd-2020-report\n",
        (
            2,
            "after",
            "lapd-2020-report",
            "after must be an id in events.csv",
            "use an id from events.csv, or add a row for 'lapd-2020-report' there first",
        ),
    ),
    "a source read in 9999": (
        "reference/sources.csv",
        "2026-11-27,2020-09-22",
        "9999-12-31,2020-09-22",
        (
            2,
            "accessed",
            "9999-12-31",
            "accessed must not be after today: no source has been written, read or corrected in the future",
            "check the year; write the date as the source gives it",
        ),
    ),
    "an event in 9999": (
        "reference/events.csv",
        "lapd-ban,2020-11-13,",
        "lapd-ban,9999-11-13,",
        (
            2,
            "date",
            "9999-11-13",
            "date must not be after today: no source has been written, read or corrected in the future",
            "check the year; write the date as the source gives it",
        ),
    ),
    "a source read before it was published": (
        "reference/sources.csv",
        "2026-11-27,2020-09-22",
        "2019-01-02,2020-09-22",
        (
            2,
            "accessed",
            "2019-01-02",
            "accessed must not be before the source's date: we cannot have read it before it was published",
            "write the day you read the source",
        ),
    ),
    "a population of 10^23": (
        "reference/agencies.csv",
        "US,California,,,,",
        'US,California,100000000000000000000000,2020,latimes,"A city of 100000000000000000000000."',
        (
            2,
            "population",
            "100000000000000000000000",
            "population must be at most 2,000,000,000",
            "check the number against the source: no disclosure counts that many",
        ),
    ),
    "unknown source kind": (
        "reference/sources.csv",
        "news_report",
        "newspaper",
        (
            2,
            "kind",
            "newspaper",
            "kind must be one of the allowed words",
            "use one of: agency_release, records_response, audit, court_filing, news_report, reprint, research, "
            "official_report, company_statement, vendor_blog, blog, database, leak",
        ),
    ),
    "source url without scheme": (
        "reference/sources.csv",
        "https://www.latimes.com/a",
        "www.latimes.com/a",
        (
            2,
            "url",
            "www.latimes.com/a",
            "url must match ^https?://[^\\s<>\"']+$",
            "write it like 'https://www.example.org/report'",
        ),
    ),
    "event on a day that does not exist": (
        "reference/events.csv",
        "2020-11-13",
        "2020-11-31",
        (
            2,
            "date",
            "2020-11-31",
            "date must be a real calendar date",
            "check the day and month: YYYY, YYYY-MM or YYYY-MM-DD",
        ),
    ),
    "system of an unknown kind": (
        "reference/systems.csv",
        "government",
        "public",
        (2, "kind", "public", "kind must be one of the allowed words", "use one of: government, commercial"),
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_rule_reports_file_row_column_value_rule_and_fix(tiny_data, case):
    relative, old, new, (row, column, value, rule, fix) = case
    replace_in(tiny_data, relative, old, new)
    with pytest.raises(DataError) as raised:
        validate(tiny_data)
    assert raised.value.problems == [Problem(str(tiny_data / relative), row, column, value, rule, fix)]


def test_valid_data_passes(tiny_data):
    validate(tiny_data)


def test_a_renamed_id_is_reported_where_it_is_used(tiny_data):
    replace_in(tiny_data, "reference/agencies.csv", "lapd,Los", "LAPD,Los")
    with pytest.raises(DataError) as raised:
        validate(tiny_data)
    assert [(p.file.rsplit("/", 1)[1], p.row, p.column, p.value, p.rule) for p in raised.value.problems] == [
        ("agencies.csv", 2, "id", "LAPD", "id must match ^[a-z0-9]+(-[a-z0-9]+)*$"),
        ("events.csv", 2, "agency", "lapd", "agency must be an id in agencies.csv"),
        ("figures.csv", 2, "agency", "lapd", "agency must be an id in agencies.csv"),
        ("figures.csv", 3, "agency", "lapd", "agency must be an id in agencies.csv"),
    ]


def test_every_problem_is_reported_at_once(tiny_data):
    replace_in(tiny_data, FIGURES, "uses,29817,", "uses,-29817,")
    replace_in(tiny_data, "reference/events.csv", "2020-11-13", "2020-11-31")
    with pytest.raises(DataError) as raised:
        validate(tiny_data)
    assert [(p.column, p.value) for p in raised.value.problems] == [("date", "2020-11-31"), ("value", "-29817")]
    assert str(raised.value).startswith("2 problems in the data, nothing was built:\n\n")


def test_bad_data_stops_the_build_before_output_is_written(tiny_data, tmp_path):
    replace_in(tiny_data, FIGURES, "uses,29817,", "uses,-29817,")
    output = tmp_path / "output"
    with pytest.raises(DataError, match="value must be at least 0"):
        build_site(output, tiny_data)
    assert not output.exists()


@pytest.mark.slow
def test_bad_data_leaves_an_earlier_build_untouched(tiny_data, tmp_path):
    output = build_site(tmp_path / "output", tiny_data)
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    replace_in(tiny_data, FIGURES, "uses,29817,", "uses,-29817,")
    with pytest.raises(DataError):
        build_site(output, tiny_data)
    assert {path: path.read_bytes() for path in output.rglob("*") if path.is_file()} == before


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (  # a 2031 end from a source of 2020
            "disclosed/figures.csv",
            ",2020-02,2020-09-11,",
            ",2020-02,2031-12-31,",
            Problem(
                "disclosed/figures.csv",
                3,
                "period_end",
                "2031-12-31",
                "period_end must not be after the source that reports it was published (2020-09-22)",
                "check the date against the source; a bound the source does not state is left blank",
            ),
        ),
        (  # refused and requested for the same years: one would be dropped
            "reference/statuses.csv",
            "note\n",
            "note\nlapd-refused,lapd,,2021,2022,refused,,,2024-03-15,,latimes,\n"
            "lapd-requested,lapd,lacris,2022,2023,requested,,2024-02-01,,,latimes,\n",
            Problem(
                "reference/statuses.csv",
                3,
                "year_from",
                "2022-2023",
                "an agency's year has one status: this row's years overlap row 2's (refused)",
                "keep the one the sources support, or split the years between the two rows",
            ),
        ),
    ],
)
def test_dates_and_statuses_that_cannot_be_are_problems_across_tables(tiny_data, relative, old, new, expected):
    replace_in(tiny_data, relative, old, new)
    with pytest.raises(DataError) as raised:
        load(tiny_data)
    assert raised.value.problems == [expected]


def test_every_problem_across_tables_is_reported_at_once(tiny_data):
    replace_in(tiny_data, FIGURES, ",2020-02,2020-09-11,", ",2020-02,2031-12-31,")
    replace_in(tiny_data, "reference/corrections.csv", "why\n", "why\nfix,2026-01-02,a,b,lapd-al,a typo\n")
    with pytest.raises(DataError) as raised:
        load(tiny_data)
    assert [(p.file, p.row, p.column, p.value) for p in raised.value.problems] == [
        ("disclosed/figures.csv", 3, "period_end", "2031-12-31"),
        ("reference/corrections.csv", 2, "changed", "lapd-al"),
    ]
