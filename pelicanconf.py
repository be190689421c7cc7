"""Pelican settings for a local build (``make html``); publishconf.py extends them."""

from pathlib import Path

SITENAME = "Face Search Watch"
SITESUBTITLE = "How often police use facial recognition, from their own disclosures"
AUTHOR = "Face Search Watch contributors"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
# The site's languages: the first at the root, each other under its code (es/), from the same data;
# the settings a language says in its own words
LANGUAGES = ["en", "es"]
LANGUAGE_SETTINGS = {
    "es": {
        "SITESUBTITLE": "Con qué frecuencia usa la policía el reconocimiento facial, según lo que ella misma divulga"
    }
}
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PATH = "content"
THEME = "theme"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["updates"]
STATIC_PATHS = []

# Our plugin: the data-driven pages come from data/ through scripts/disclosures
PLUGIN_PATHS = ["scripts"]
PLUGINS = ["disclosures.site"]
DISCLOSURES_DATA = str(Path(__file__).parent / "data")
# Where raw files are looked for: a maintainer's data/raw (ignored by git), then ../shared/data
DISCLOSURES_RAW = [str(Path(__file__).parent / "data" / "raw"), str(Path(__file__).parent.parent / "shared" / "data")]
# What the build keeps between runs (rendered charts, verified extractions); safe to delete
DISCLOSURES_CACHE = str(Path(__file__).parent / ".cache")

# Clean URLs: every page is a folder with an index.html
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_URL = "updates/{slug}/"
ARTICLE_SAVE_AS = "updates/{slug}/index.html"
# A hand-written page's translation (``Lang: es`` and the same ``Slug``) under its language's folder
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/updates/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/updates/{slug}/index.html"
# The home page, and the list of updates (Pelican's archives) at updates/
DIRECT_TEMPLATES = ["index", "archives"]
ARCHIVES_URL = "updates/"
ARCHIVES_SAVE_AS = "updates/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
DEFAULT_PAGINATION = False

# Feeds only in production (publishconf.py), where absolute URLs are known
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
EVENTS_FEED_ATOM = None
CORRECTIONS_FEED_ATOM = None
DUTIES_FEED_ATOM = None
AGENCY_FEED_ATOM = None

# Escape every value in every template; content HTML is marked safe where it is shown
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
}

# Content-Security-Policy sent in every page (and in output/_headers with frame-ancestors):
# scripts only from this site, WebAssembly for the search index, no eval, nothing from elsewhere
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
