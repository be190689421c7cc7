"""The README's worked example works as written, on a log of the shape it describes."""

from __future__ import annotations

import hashlib
import re

import openpyxl

from conftest import ROOT, write_tiny_data
from disclosures.records.extraction import extract_all, load_disclosures
from disclosures.records.series import Counted

HEADER = ["Investigation ID", "Title", "Creator", "Created", "Search Count", "Status", "Comments", "Subject Name"]
ROWS = [
    ["INV-1", "2023-000101 (Burglary)", "Ann Officer", "03/14/2023", 2, "Closed", "", "Cy Subject"],
    ["INV-2", "2023-000102 (Fraud)", "EXEMPT - F.S. 119.071(2)(d)", 45000, 1, "Open", "", "Di Subject"],
    ["INV-1", "2023-000101 (Burglary)", "Ann Officer", "03/14/2023", 2, "Closed", "", "Cy Subject"],
    ["INV-3", "2023-000101 (Burglary)", "Ann Officer", "03/14/2023", 2, "Closed", "", "Cy Subject"],
    ["Total", None, None, None, 7, None, None, None],
]


def readme_description() -> str:
    """The YAML block of the README's record-level example, unindented."""
    block = re.search(r"```yaml\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL).group(1)
    return "\n".join(line[3:] for line in block.splitlines())


def test_the_readme_example_extracts_a_log_of_the_shape_it_describes(tmp_path):
    raw = tmp_path / "raw" / "sheriff" / "search-log.xlsx"
    raw.parent.mkdir(parents=True)
    book = openpyxl.Workbook()
    for row in [["Sheriff's Office face-search log"], ["PRR 25-0000"], HEADER, *ROWS]:
        book.active.append(row)
    book.save(raw)
    data = write_tiny_data(tmp_path / "data")
    for table, row in [
        ("agencies", 'sheriff,Sheriff\'s Office,,sheriff,"Some County, FL",US,Florida,,,,\n'),
        ("systems", "clearview-ai,Clearview AI,Clearview AI,Clearview AI,commercial,web_images,\n"),
        ("sources", "sheriff-prr-2025,Records response,Sheriff's Office,,2025-09-01,records_response,primary,,PRR,\n"),
    ]:
        with open(data / "reference" / f"{table}.csv", "a", encoding="utf-8") as file:
            file.write(row)
    (data / "disclosures").mkdir()
    written = readme_description().replace("<the checksum>", hashlib.sha256(raw.read_bytes()).hexdigest())
    (data / "disclosures" / "sheriff-search-log.yaml").write_text(written, encoding="utf-8")

    assert extract_all(data, [tmp_path / "raw"]) == [
        "sheriff-search-log: 5 rows read = 3 clean + 1 duplicates + 1 rejected\n"
        "  rejected         1  totals row\n"
        "  set aside        2  above the header row"
    ]
    monthly = Counted(load_disclosures(data, [tmp_path / "raw"])).monthly()
    searches = monthly[(monthly["measure"] == "searches") & (monthly["records"] > 0)]
    assert searches[["month", "value", "records"]].values.tolist() == [["2023-03", 5, 3]]


def test_the_readmes_tree_names_every_module_and_only_modules_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = readme[readme.index("## How it fits together") : readme.index("`make html` validates")]
    named = set(re.findall(r"\b([a-z0-9_]+\.py)\b", tree))
    package = ROOT / "scripts" / "disclosures"
    modules = {path.name for path in package.glob("*.py") if not path.name.startswith("__")}
    assert sorted(modules - named) == []
    assert sorted(named - {path.name for path in package.rglob("*.py")}) == []
    folders = {path.name for path in package.iterdir() if path.is_dir() and (path / "__init__.py").is_file()}
    assert sorted(folder for folder in folders if f"{folder}/" not in tree) == []
