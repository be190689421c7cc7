"""Command line: ``python -m disclosures validate [DATA_DIR]`` checks the data and prints a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .tables import load
from .validate import DataError


def main(argv: list[str] | None = None) -> int:
    """Validate the data folder; print a report and return 0 if clean, 1 if not."""
    parser = argparse.ArgumentParser(prog="python -m disclosures", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the data against its schemas and rules")
    validate.add_argument("data_dir", nargs="?", default="data", type=Path)
    args = parser.parse_args(argv)
    try:
        disclosures = load(args.data_dir)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    tables = {name: len(getattr(disclosures, name)) for name in ("agencies", "systems", "sources", "events", "figures")}
    print(f"{args.data_dir}: all tables valid")
    for name, rows in tables.items():
        print(f"  {name:<9} {rows:>4} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
