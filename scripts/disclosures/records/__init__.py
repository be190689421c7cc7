"""Record-level disclosures: logs and grids read by their descriptions, accounted row by row.

``describe`` loads a disclosure's description; ``readers`` turn its raw file into rows of
cells; ``ingest`` maps, parses, pseudonymises and accounts for every row; ``extraction``
keeps the committed result and checks it against the raw file; ``series`` counts the clean
records by month and checks them against disclosed figures.
"""
