"""Police facial-recognition disclosures: from published figures to a static site.

The pipeline runs in stages, one module each: ``validate`` (schemas and rules),
``tables`` (typed frames), ``reconcile`` (overlaps and conflicts), ``charts``
(Altair specs), ``render`` (SVG at build time) and ``downloads`` (published CSVs).
``site`` is the Pelican plugin that turns them into pages.
"""
