"""Command line: ``validate`` checks the data and prints a report; ``extract`` re-extracts the
record-level disclosures whose raw files are present into data/records/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .records.extraction import extract_all
from .tables import load
from .validate import DataError

RAW_DIRS = [Path("data/raw"), Path("../shared/data")]


def main(argv: list[str] | None = None) -> int:
    """Validate the data folder; print a report and return 0 if clean, 1 if not."""
    parser = argparse.ArgumentParser(prog="python -m disclosures", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the data against its schemas and rules")
    validate.add_argument("data_dir", nargs="?", default="data", type=Path)
    extract = commands.add_parser("extract", help="extract record-level disclosures from their raw files")
    extract.add_argument("data_dir", nargs="?", default="data", type=Path)
    for command in (validate, extract):
        command.add_argument("--raw", action="append", type=Path, help="a folder of raw files (repeatable)")
    args = parser.parse_args(argv)
    raw_dirs = args.raw or RAW_DIRS
    try:
        if args.command == "extract":
            print("\n".join(extract_all(args.data_dir, raw_dirs)))
            return 0
        disclosures = load(args.data_dir, raw_dirs)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    tables = {name: len(getattr(disclosures, name)) for name in ("agencies", "systems", "sources", "events", "figures")}
    print(f"{args.data_dir}: all tables valid")
    for name, rows in tables.items():
        print(f"  {name:<9} {rows:>4} rows")
    for disclosure in disclosures.records:
        counts = disclosure.extraction.accounts()
        print(
            f"  {disclosure.extraction.description.id}: {counts['read']} rows read = {counts['clean']} clean"
            f" + {counts['duplicate']} duplicates + {counts['rejected']} rejected; {disclosure.provenance}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
