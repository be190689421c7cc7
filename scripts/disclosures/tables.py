"""Load the validated tables into pandas frames, with the derived columns pages need."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from . import crosscheck, qualifiers
from .i18n import SOURCE, _, active, said
from .periods import Bound, Period
from .problems import DataError, Problem
from .records.extraction import Disclosure, load_disclosures
from .records.figures import disclosed_figures
from .records.series import scope_conditions
from .validate import validate
from .vocabulary import MEASURE_WORDS, QUALIFIERS

#: Days in an average month, used to turn periods and rates into a monthly average.
DAYS_PER_MONTH = 30.4375
RATE_TO_MONTH = {"day": DAYS_PER_MONTH, "month": 1.0, "year": 1 / 12}


@dataclass(frozen=True)
class Disclosures:
    """The reference tables and the disclosed figures, validated and typed."""

    agencies: pd.DataFrame
    systems: pd.DataFrame
    sources: pd.DataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    headlines: list[str]
    corrections: pd.DataFrame
    unknowns: pd.DataFrame
    statuses: pd.DataFrame
    obligations: pd.DataFrame
    records: list[Disclosure]


def load(data_dir: Path, raw_dirs: list[Path] | None = None, cache: Path | None = None) -> Disclosures:
    """Validate ``data_dir`` and return its tables and record-level disclosures; raise DataError
    before reading bad data. Raw files are looked for in ``raw_dirs``; ``cache`` keeps what
    the build has verified between runs."""
    validate(data_dir)
    read = {
        name: pd.read_csv(data_dir / folder / f"{name}.csv", dtype=str, keep_default_na=False)
        for name, folder in [
            ("agencies", "reference"),
            ("systems", "reference"),
            ("sources", "reference"),
            ("events", "reference"),
            ("headlines", "reference"),
            ("corrections", "reference"),
            ("unknowns", "reference"),
            ("statuses", "reference"),
            ("obligations", "reference"),
            ("figures", "disclosed"),
        ]
    }
    records = load_disclosures(data_dir, raw_dirs or [], cache)
    disclosed = disclosed_figures(records)
    crosscheck.check(read, records, disclosed)
    read["figures"] = _with_disclosed_figures(read["figures"], disclosed)
    return Disclosures(
        records=records,
        agencies=read["agencies"].sort_values("id", ignore_index=True),
        systems=read["systems"].sort_values("id", ignore_index=True),
        sources=read["sources"].sort_values("id", ignore_index=True),
        events=describe_events(read["events"]),
        figures=describe_figures(read["figures"], read["sources"]),
        headlines=read["headlines"]["figure"].tolist(),
        corrections=read["corrections"].sort_values(["date", "id"], ascending=[False, True], ignore_index=True),
        unknowns=read["unknowns"],
        statuses=read["statuses"].sort_values(["agency", "year_from", "id"], ignore_index=True),
        obligations=read["obligations"].sort_values("id", ignore_index=True),
    )


def _with_disclosed_figures(figures: pd.DataFrame, disclosed: pd.DataFrame) -> pd.DataFrame:
    """Add the figures stated by figures-kind disclosures (``crosscheck`` has seen their ids are new)."""
    return figures if disclosed.empty else pd.concat([figures, disclosed], ignore_index=True)


def describe_figures(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Return the figures with typed values, periods in words and a monthly average.

    ``per_month_low`` and ``per_month_high`` bound the rate for rates, and for totals the value
    divided by the length of the figure's own period (a range when the period's bounds or the
    value are); ``per_month_words`` says it; all are blank when the period has an open end.
    ``per_month``, their middle, only places a figure on a chart.
    """
    figures = figures.copy()
    figures["value"] = figures["value"].astype(int)
    figures["value_max"] = pd.to_numeric(figures["value_max"]).astype("Int64")
    periods = [Period.parse(s, e) for s, e in zip(figures["period_start"], figures["period_end"], strict=True)]
    figures["first_day"] = [p.first_day for p in periods]
    figures["last_day"] = [p.last_day for p in periods]
    # A bound given as a month or a year is a span of days: the latest start and earliest end
    figures["start_last"] = [p.start.last if p.start else None for p in periods]
    figures["end_first"] = [p.end.first if p.end else None for p in periods]
    figures["months"] = [p.months() for p in periods]

    figures["is_rate"] = figures["rate_per"] != ""

    # Average per month over each figure's own period (rates convert their unit): a range wherever
    # the figure is a range or a bound is a month or a year, since the period may be shorter
    rate_factor = figures["rate_per"].map(RATE_TO_MONTH).astype(float)
    spans = [p.months_range() or (None, None) for p in periods]
    shortest = pd.Series([span[0] for span in spans], index=figures.index, dtype=float)
    longest = pd.Series([span[1] for span in spans], index=figures.index, dtype=float)
    top = figures["value_max"].astype(float).fillna(figures["value"].astype(float))
    figures["per_month_low"] = (figures["value"] * rate_factor).where(figures["is_rate"], figures["value"] / longest)
    figures["per_month_high"] = (top * rate_factor).where(figures["is_rate"], top / shortest)
    figures["per_month"] = (figures["per_month_low"] + figures["per_month_high"]) / 2
    figures = figure_words(figures)

    # Carry each figure's source with it
    source_columns = sources.set_index("id")[
        ["url", "archived_url", "archive_checked", "publisher", "title", "date", "kind", "strength", "strength_why"]
    ]
    figures = figures.join(source_columns.add_prefix("source_"), on="source")
    return figures.sort_values(["agency", "first_day", "id"], na_position="first", ignore_index=True)


def figure_words(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with what the site says of each in the active language: its period, its number as the source
    stated it, what it counts, its average per month and its scope."""
    figures = figures.copy()
    periods = [Period.parse(s, e) for s, e in zip(figures["period_start"], figures["period_end"], strict=True)]
    figures["period_words"] = [p.words() for p in periods]
    figures["period_short"] = [p.short() for p in periods]
    figures["value_words"] = [
        qualifiers.value_words(v, None if pd.isna(m) else int(m), q, w)
        for v, m, q, w in zip(
            figures["value"], figures["value_max"], figures["qualifier"], figures["qualifier_words"], strict=True
        )
    ]
    figures["qualifier_label"] = figures["qualifier"].map({name: said(each.label) for name, each in QUALIFIERS.items()})
    figures["measure_label"] = figures["measure"].map({name: said(words) for name, words in MEASURE_WORDS.items()})
    # what a figure counts as its source said it, or in our words where the source gave none (or in another
    # language: the source's words are in its quote)
    words = figures["measure_words"] if active().code == SOURCE else figures["measure_words"].map(measure_said)
    figures["measure_said"] = words.where(words != "", figures["measure_label"])
    figures["per_month_words"] = [
        "" if pd.isna(low) else qualifiers.per_month_words(low, high, qualifier)
        for low, high, qualifier in zip(
            figures["per_month_low"], figures["per_month_high"], figures["qualifier"], strict=True
        )
    ]
    basis = {"day": _("stated per day"), "month": _("stated per month"), "year": _("stated per year")}
    figures["per_month_basis"] = (
        figures["rate_per"]
        .map(basis)
        .fillna(_("average over the stated period"))
        .where(figures["per_month"].notna(), _("not comparable: open period"))
    )
    figures["scope_words"] = figures["scope"].map(scope_words)
    return figures


def measure_said(words: str) -> str:
    """The source's words for what it counts, in the active language where its catalogue has them, else none
    (the site's words for the measure stand in)."""
    translated = said(words) if words else ""
    return translated if translated != words else ""


def scope_words(scope: str) -> str:
    """Return a figure's scope in words: ``location: Oxford Circus only``, ``all but location Dalston``."""
    return "; ".join(
        (_("{name}: {value} only") if keep else _("all but {name} {value}")).format(name=said(name), value=value)
        for name, keep, value in scope_conditions(scope)
    )


def event_words(events: pd.DataFrame) -> pd.DataFrame:
    """The events with their dates in words in the active language."""
    return events.assign(date_words=[Bound.parse(day).words() for day in events["date"]])


def in_active_language(disclosures: Disclosures) -> Disclosures:
    """The disclosures with what the site says of their figures and events in the active language."""
    return replace(disclosures, figures=figure_words(disclosures.figures), events=event_words(disclosures.events))


def describe_events(events: pd.DataFrame) -> pd.DataFrame:
    """Return the events, oldest first, with their dates as first days and in words.

    An event that follows another (``after``) comes after it, never before, even on the same
    day or when its date is vaguer; it must not be dated earlier than the event it follows.
    """
    events = events.copy()
    bounds = [Bound.parse(d) for d in events["date"]]  # an event's date is required
    events["first_day"] = [bound.first for bound in bounds]
    events["date_words"] = event_words(events)["date_words"]
    first_day = dict(zip(events["id"], events["first_day"], strict=True))
    after = dict(zip(events["id"], events["after"], strict=True))
    problems = [
        Problem(
            "reference/events.csv",
            index + 2,
            "after",
            cause,
            "an event must not be dated before the event it follows",
            "check both dates against their sources",
        )
        for index, (event, cause) in enumerate(after.items())
        if cause and first_day[event] < first_day[cause]
    ]
    if problems:
        raise DataError(problems)

    def depth(event: str) -> int:
        """How many events this one follows, one after another (a loop is refused)."""
        chain = [event]
        while after[chain[-1]]:
            if after[chain[-1]] in chain:
                raise DataError(
                    [
                        Problem(
                            "reference/events.csv",
                            None,
                            "after",
                            event,
                            "events must not follow each other in a loop",
                            "remove one of the after links",
                        )
                    ]
                )
            chain.append(after[chain[-1]])
        return len(chain) - 1

    events["follows"] = events["id"].map(depth)
    return events.sort_values(["first_day", "follows", "id"], ignore_index=True).drop(columns="follows")
