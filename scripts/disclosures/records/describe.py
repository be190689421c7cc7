"""A disclosure's description: which raw file, how to read it, what each column means.

Descriptions are YAML files in ``data/disclosures/``; adding a disclosure means adding its
raw file and one of these, never new code. Every name a description uses is checked here,
and a misspelt one is a Problem that suggests the nearest valid name.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from ..problems import DataError, Problem, suggest
from .fields import FIELDS, PSEUDONYMS, VOCABULARIES


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Raw(Strict):
    """The raw file as received: never edited, checked by its checksum."""

    file: str = Field(description="path under a raw folder (data/raw), e.g. met-lfr/grid.pdf: relative, never with ..")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    attribution: str = ""
    received: date = Field(
        description="when the disclosure was released; later dates are rejected, later months not counted"
    )

    @field_validator("file")
    @classmethod
    def _inside_raw(cls, file: str) -> str:
        """A raw file is named by its path inside the raw folder: never absolute, never climbing out."""
        path = PurePosixPath(file.replace("\\", "/"))
        if not file or path.is_absolute() or ".." in path.parts:
            raise ValueError("raw.file must be a path inside the raw folder, like met-lfr/grid.pdf (no /, no ..)")
        return file


class Covers(Strict):
    """The period the source says it lists in full (every record in it), at its own precision."""

    start: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    end: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Reader(Strict):
    """How to read the raw file into rows of cells."""

    format: Literal["csv", "xlsx", "pdf"]
    header_row: int = Field(default=1, ge=1, description="CSV/XLSX: the row holding the column titles")
    sheets: list[str] = Field(default_factory=list, description="XLSX: sheets to read, in order (all if empty)")
    sheet_names_published: bool = Field(
        default=False,
        description="XLSX: place rows by sheet name where published; by number if false (a name may be a person's)",
    )
    max_rows: int = Field(
        default=1_048_576, ge=1, description="XLSX: the most rows a sheet may hold or claim (Excel's own limit)"
    )
    max_cells: int = Field(
        default=20_000_000, ge=1, description="XLSX: the most cells (rows times columns) a sheet may span or claim"
    )
    encoding: str = Field(default="", description="CSV: leave blank to detect UTF-8, UTF-8 with BOM, UTF-16 or cp1252")
    quote: Literal['"', "'", ""] = Field(default='"', description='CSV: the quote character, or "" for none')
    pages: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=list, description="PDF: pages to read, counted from 1 (all if empty)"
    )
    column_names: list[str] = Field(
        default_factory=list, description='PDF: the grid\'s columns left to right, "" for an empty merged column'
    )


class NotRecord(Strict):
    """Rows that are not records (titles repeated on a page, totals, footnotes), rejected with a reason."""

    reason: str
    where: dict[str, str] = Field(description="field or raw column -> regular expression; all must match")


class Vocabulary(Strict):
    """Maps raw values of a field to the shared vocabulary."""

    to: str = Field(description="the field that receives the mapped value")
    split: str = ""
    map: dict[str, str]
    otherwise: str = "unmapped"


class Extract(Strict):
    """A regular expression (RE2 syntax) with named groups that splits a column into fields."""

    pattern: str


class Correction(Strict):
    """A reviewed fix of one cell of the raw file."""

    at: str = Field(description='where the reader found the row, e.g. "row 12" or "page 3, table 1, row 5"')
    column: str
    was: str
    value: str
    reason: str


class Description(Strict):
    """Everything needed to turn one raw disclosure into records."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    agency: str
    system: str
    source: str
    kind: Literal["records", "figures"] = Field(
        default="records", description="records: one row per search or deployment; figures: one row per period"
    )
    unit: Literal["deployment", "search", "log_entry", "period"]
    qualifier: Literal["exact", "about", "at_least", "at_most", "estimate"] = Field(
        default="exact", description="figures: how exact the source says its numbers are"
    )
    covers: Covers
    raw: Raw
    reader: Reader
    columns: dict[str, str] = Field(description="raw column title -> record field")
    pseudonymise: dict[str, str] = Field(default_factory=dict, description="raw column -> pseudonym field (user)")
    drop: list[str] = Field(default_factory=list, description="raw columns never read further: subjects, free text")
    redacted: list[str] = Field(default_factory=list, description="regular expressions for redaction codes")
    blank: list[str] = Field(default_factory=lambda: ["", "N/A"], description="values that mean no value")
    dates: list[str] = Field(default_factory=list, description="strptime formats for dates (ISO is always read)")
    excel_serial_dates: bool = False
    extract: dict[str, Extract] = Field(default_factory=dict)
    vocabulary: dict[str, Vocabulary] = Field(default_factory=dict)
    sums: dict[str, list[str]] = Field(default_factory=dict, description="field -> fields it is the sum of")
    not_records: list[NotRecord] = Field(default_factory=list)
    duplicate_key: list[str] = Field(
        default_factory=list, description="raw columns (or fields) that identify a repeat; every raw column if empty"
    )
    max_rejected: float = Field(
        default=0.02, ge=0, le=1, description="share of rows that may be rejected for reasons not_records does not give"
    )
    supersedes: list[str] = Field(
        default_factory=list, description="disclosures whose records this one replaces where their periods overlap"
    )
    duplicates: str = Field(default="", description="a disclosure this one repeats (the same log exported again)")
    corrections: list[Correction] = Field(default_factory=list)

    def fields(self) -> list[str]:
        """Return the record fields this description fills, in the order it names them."""
        produced = [*self.columns.values(), *self.pseudonymise.values()]
        produced += [name for extract in self.extract.values() for name in groups_of(extract.pattern)]
        produced += [vocabulary.to for vocabulary in self.vocabulary.values()] + list(self.sums)
        if "case_number" in produced:
            produced.append("has_case_number")
        return list(dict.fromkeys(produced))


def groups_of(pattern: str) -> list[str]:
    """Return the names of the pattern's groups, in order (none when it is no valid pattern)."""
    try:
        return list(re.compile(pattern).groupindex)
    except re.error:
        return []


class _UniqueKeys(yaml.SafeLoader):
    """YAML's safe loader, refusing a key written twice in one mapping (YAML would keep the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is written twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_description(path: Path) -> Description:
    """Return the description in ``path``; raise DataError naming each problem in it."""
    fix = "correct the description; see data/disclosures/README.md"
    try:
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeys)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise DataError([Problem(str(path), where, "", "", f"the file must be valid YAML: {problem}", fix)]) from None
    except UnicodeDecodeError as error:
        raise DataError([Problem(str(path), None, "", "", f"the file must be UTF-8 ({error.reason})", fix)]) from None
    except RecursionError:
        rule = "the file must not nest brackets or lists more deeply than a description needs"
        raise DataError([Problem(str(path), None, "", "", rule, fix)]) from None
    if not isinstance(content, dict):
        raise DataError([Problem(str(path), None, "", "", "the file must hold a mapping of keys to values", fix)])
    try:
        description = Description.model_validate(content)
    except ValidationError as error:
        raise DataError([_problem(path, problem) for problem in error.errors()]) from None
    problems = check_names(description, path)
    if description.id != path.stem:
        problems.append(
            Problem(
                str(path),
                None,
                "id",
                description.id,
                "the id must be the file's name",
                f"rename the file to {description.id}.yaml, or set id: {path.stem}",
            )
        )
    if problems:
        raise DataError(problems)
    return description


def _problem(path: Path, problem: ErrorDetails) -> Problem:
    where = ".".join(map(str, problem["loc"]))
    value = problem.get("input", "")
    if problem["type"] == "extra_forbidden":
        model = _model_at(problem["loc"][:-1])
        name = str(problem["loc"][-1])
        return Problem(
            str(path),
            None,
            where,
            name,
            "the description uses a key that does not exist",
            suggest(name, list(model.model_fields), "valid keys here: " + ", ".join(model.model_fields)),
        )
    if problem["type"] == "missing":
        return Problem(
            str(path), None, where, "", "a required key is missing", f"add {where}; see data/disclosures/README.md"
        )
    shown = value if isinstance(value, str | int | float) else ""
    return Problem(
        str(path),
        None,
        where,
        str(shown)[:80],
        problem["msg"],
        "correct the description; see data/disclosures/README.md",
    )


def _model_at(loc: tuple) -> type[BaseModel]:
    """Return the model whose keys are checked at ``loc`` within a description."""
    model: type[BaseModel] = Description
    for part in loc:
        field = model.model_fields.get(str(part)) if isinstance(part, str) else None
        annotation = field.annotation if field else None
        nested = [
            arg for arg in getattr(annotation, "__args__", ()) if isinstance(arg, type) and issubclass(arg, BaseModel)
        ]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        elif nested:
            model = nested[-1]
    return model


def check_names(description: Description, path: Path) -> list[Problem]:
    """Return a Problem for each field name the description uses that does not exist."""
    raw_named = {*description.columns, *description.pseudonymise, *description.extract}

    def unknown(where: str, name: str, choices, what: str) -> Problem:
        choices = sorted(choices)
        return Problem(
            str(path),
            None,
            where,
            name,
            f"{what} must be one of: {', '.join(choices)}",
            suggest(name, choices, "correct the name"),
        )

    problems = [
        unknown(f"columns.{column}", field, FIELDS, "a record field")
        for column, field in description.columns.items()
        if field not in FIELDS
    ]
    problems += [
        unknown(f"pseudonymise.{column}", field, PSEUDONYMS, "a pseudonym field")
        for column, field in description.pseudonymise.items()
        if field not in PSEUDONYMS
    ]
    for column, extract in description.extract.items():
        try:
            groups = list(re.compile(extract.pattern).groupindex)
        except re.error as error:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"extract.{column}.pattern",
                    extract.pattern,
                    f"the pattern must be a regular expression ({error})",
                    "correct the pattern",
                )
            )
            continue
        if not groups:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"extract.{column}.pattern",
                    extract.pattern,
                    "the pattern must name its groups",
                    "write each group as (?P<field>...)",
                )
            )
        problems += [
            unknown(f"extract.{column}", group, FIELDS, "a named group") for group in groups if group not in FIELDS
        ]
    read = [*description.columns.values(), *(g for e in description.extract.values() for g in groups_of(e.pattern))]
    for name, vocabulary in description.vocabulary.items():
        if name not in read:
            problems.append(unknown("vocabulary", name, read, "a vocabulary's field (one read from a column)"))
        if vocabulary.to not in VOCABULARIES:
            problems.append(unknown(f"vocabulary.{name}.to", vocabulary.to, VOCABULARIES, "a vocabulary's target"))
    for total, parts in description.sums.items():
        if FIELDS.get(total) != "count":
            problems.append(unknown("sums", total, [f for f, kind in FIELDS.items() if kind == "count"], "a sum"))
        problems += [
            unknown(f"sums.{total}", part, read, "a part of a sum (a field read from a column)")
            for part in parts
            if part not in read
        ]
    for column in description.drop:
        if column in raw_named:
            problems.append(
                Problem(
                    str(path),
                    None,
                    "drop",
                    column,
                    "a dropped column must not also be read",
                    "remove it from drop, or from where it is read",
                )
            )
    return problems


def load_descriptions(folder: Path) -> list[Description]:
    """Return every description in ``folder``, by id; raise DataError naming every problem in any of them."""
    descriptions, problems = [], []
    for path in sorted(folder.glob("*.yaml")):
        try:
            descriptions.append(load_description(path))
        except DataError as error:
            problems += error.problems
    ids = [description.id for description in descriptions]
    for description in descriptions:
        path = folder / f"{description.id}.yaml"
        for key, named in (
            ("supersedes", description.supersedes),
            ("duplicates", [description.duplicates] if description.duplicates else []),
        ):
            problems += [
                Problem(
                    str(path),
                    None,
                    key,
                    other,
                    "must name another disclosure's id",
                    suggest(other, ids, "use the id of a description in data/disclosures"),
                )
                for other in named
                if other not in ids or other == description.id
            ]
    if problems:
        raise DataError(problems)
    return sorted(descriptions, key=lambda d: d.id)
