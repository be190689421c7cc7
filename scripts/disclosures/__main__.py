"""Command line: ``validate`` checks the data and prints a report; ``extract`` re-extracts the
record-level disclosures whose raw files are present into data/records/; ``build`` builds the
site atomically into output/; ``new`` starts an empty data folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import DataError

RAW_DIRS = [Path("data/raw"), Path("../shared/data")]


def main(argv: list[str] | None = None) -> int:
    """Run one command; return 0 when it succeeded, 1 when the data or the build failed."""
    parser = argparse.ArgumentParser(prog="python -m disclosures", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the data against its schemas and rules")
    extract = commands.add_parser("extract", help="extract record-level disclosures from their raw files")
    for command in (validate, extract):
        command.add_argument("data_dir", nargs="?", default="data", type=_path)
        command.add_argument("--raw", action="append", type=_path, help="a folder of raw files (repeatable)")
    start = commands.add_parser("new", help="start an empty data folder: tables with their headers, schemas")
    start.add_argument("data_dir", type=_path)
    site = commands.add_parser("build", help="build the site into a fresh folder, then replace output/ with it")
    site.add_argument("-s", "--settings", default="pelicanconf.py", type=_path)
    site.add_argument("-o", "--output", default="output", type=_path)
    site.add_argument("--data", type=_path, help="the data folder (default: the settings' DISCLOSURES_DATA)")
    site.add_argument("--raw", action="append", type=_path, help="a folder of raw files (repeatable)")
    site.add_argument("--cache", type=_path, help="where the build keeps rendered charts between runs")
    site.add_argument(
        "--language", action="append", help="a language to build (repeatable; default: the settings' LANGUAGES)"
    )
    args = parser.parse_args(argv)
    # Each command imports only what it runs, so that extract starts at once
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "new":
            from .new import new_data

            written = new_data(args.data_dir)
            print(f"Started {args.data_dir}: " + ", ".join(written))
            print(f"Build its (empty) site with: make html DATA={args.data_dir}")
        elif args.command == "extract":
            from .records.extraction import extract_all

            print("\n".join(extract_all(args.data_dir, args.raw or RAW_DIRS)))
        else:
            print(_report(args.data_dir, args.raw or RAW_DIRS))
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _path(text: str) -> Path:
    """A path given on the command line; an empty one is refused rather than read as the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path names no folder; give one, or leave the option out")
    return Path(text)


def _build(args) -> int:
    """Build the site; say what was built, or why nothing was."""
    from .build import BuildFailed, build

    try:
        print(build(args.settings, args.output, **_overrides(args)))
    except DataError as error:
        print(f"{error}\n\nThe build stopped; {args.output}/ still holds the last good site.", file=sys.stderr)
        return 1
    except BuildFailed as error:
        print(f"The build failed: {error}\n{args.output}/ still holds the last good site.", file=sys.stderr)
        return 1
    return 0


def _overrides(args) -> dict:
    """The settings a build's options replace."""
    chosen = {
        "DISCLOSURES_DATA": args.data,
        "DISCLOSURES_RAW": args.raw,
        "DISCLOSURES_CACHE": args.cache,
        "LANGUAGES": args.language,
    }
    return {
        key: list(map(str, value)) if isinstance(value, list) else str(value) for key, value in chosen.items() if value
    }


def _report(data_dir: Path, raw_dirs: list[Path]) -> str:
    """Validate ``data_dir`` and return the report: rows per table, and each disclosure's accounts."""
    from .tables import load

    disclosures = load(data_dir, raw_dirs)
    lines = [f"{data_dir}: all tables valid"]
    for name in ("agencies", "systems", "sources", "events", "figures", "statuses", "obligations"):
        lines.append(f"  {name:<11} {len(getattr(disclosures, name)):>4} rows")
    for disclosure in disclosures.records:
        counts = disclosure.extraction.accounts()
        lines.append(
            f"  {disclosure.extraction.description.id}: {counts['read']:,} rows read = {counts['clean']:,} clean"
            f" + {counts['duplicate']:,} duplicates + {counts['rejected']:,} rejected; {disclosure.provenance}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
