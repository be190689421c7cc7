"""Start a data folder from nothing: every table with its header row, the schemas and the package.

A newsroom runs ``python -m disclosures new my-data``, then ``make html DATA=my-data``: the
site builds, empty, and says how to add the first disclosure.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .problems import DataError, Problem

TEMPLATE = Path(__file__).resolve().parents[2] / "data"


def new_data(folder: Path, template: Path = TEMPLATE) -> list[str]:
    """Write an empty data folder at ``folder`` (which must not exist or be empty); return what was written."""
    if folder.exists() and any(folder.iterdir()):
        raise DataError(
            [
                Problem(
                    str(folder),
                    None,
                    "",
                    "",
                    "a new data folder must not overwrite one that has files",
                    "choose a folder that does not exist yet",
                )
            ]
        )
    shutil.copytree(template / "schemas", folder / "schemas")
    shutil.copy(template / "datapackage.json", folder / "datapackage.json")
    (folder / "disclosures").mkdir()
    shutil.copy(template / "disclosures" / "README.md", folder / "disclosures" / "README.md")
    written = ["datapackage.json", "schemas/", "disclosures/README.md"]
    for resource in json.loads((template / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
        schema = json.loads((template / resource["schema"]).read_text(encoding="utf-8"))
        table = folder / resource["path"]
        table.parent.mkdir(parents=True, exist_ok=True)
        table.write_text(",".join(field["name"] for field in schema["fields"]) + "\n", encoding="utf-8")
        written.append(resource["path"])
    return written
