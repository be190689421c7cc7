"""Altair chart builders: rows in, a drawing (Vega-Lite spec, subtitle, description, notes) out; no I/O.

Each kind of chart is built by Altair once per shape (its legends and layers) with named data,
and each chart is that spec with its own rows: a site of a thousand agencies builds a handful
of Altair charts, not thousands. Dates are calendar dates, drawn in UTC, so that no build
machine's or reader's time zone moves them.

* :mod:`.totals`: disclosed figures as amounts over their periods (the agency pages);
* :mod:`.counts`: counts per month from records;
* :mod:`.comparison`: agencies side by side on an average per month;
* :mod:`.frame`: the live and image forms of any of them; :mod:`.theme`: their colours and type.
"""
