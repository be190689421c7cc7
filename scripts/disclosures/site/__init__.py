"""Pelican plugin: the pages made from the disclosures data."""

import re
from functools import cache
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican import signals

from ..charts.map import AGES as MAP_AGES
from ..i18n import Language, active, languages
from ..render import PREVIEW_SIZE
from .compress import precompress
from .filters import FILTERS
from .generators import DisclosuresGenerator
from .glossary import fill_glossaries
from .headers import write_headers
from .sanitise import sanitise_content
from .search import index_site
from .urls import Urls


def get_generators(pelican_object):
    """Return the generator that writes the data-driven pages."""
    return DisclosuresGenerator


def language_of(context) -> Language:
    """The language a template is writing: the page's (``language``, or a hand-written page's ``lang``), else
    the language being written."""
    if "language" in context:
        return context["language"]
    content = context.get("page") or context.get("article")
    code = getattr(content, "lang", None)
    found = [language for language in languages(context) if language.code == code]
    return found[0] if found else active()


@pass_context
def gettext(context, message: str) -> str:
    """``{% trans %}`` and ``_()`` in a template: the message in the page's language."""
    return language_of(context).gettext(message)


@pass_context
def ngettext(context, singular: str, plural: str, count: int) -> str:
    return language_of(context).ngettext(singular, plural, count)


@pass_context
def page_language(context) -> Language:
    """The language of the page being written."""
    return language_of(context)


@pass_context
def alternates(context) -> list[tuple[Language, str]]:
    """The page in each language it is written in, as (language, address relative to the site), in the site's
    order of languages: a data page is in every language; a hand-written page in those it is translated into."""
    if "versions" in context:
        return context["versions"]
    site = languages(context)
    content = context.get("page") or context.get("article")
    if content is not None and hasattr(content, "translations"):
        by_code = {content.lang: content.url, **{other.lang: other.url for other in content.translations}}
        return [(language, by_code[language.code]) for language in site if language.code in by_code]
    here = language_of(context).prefix
    address = context.get("output_file", "").removesuffix("index.html").removeprefix(here)
    return [(language, language.prefix + address) for language in site]


@pass_context
def original(context, text: str) -> str:
    """Text from the data (a note, a quote, a title) as it was written, in the site's first language: marked so
    on a page in another language, for readers and screen readers."""
    written = context.get("DEFAULT_LANG", "en")
    if not text or language_of(context).code == written:
        return text
    return Markup('<span lang="{}">{}</span>').format(written, text)


@pass_context
def setting(context, name: str) -> str:
    """A setting in the page's language (``LANGUAGE_SETTINGS``), else as the settings give it."""
    return context.get("LANGUAGE_SETTINGS", {}).get(language_of(context).code, {}).get(name) or context[name]


@pass_context
def originals(context, text: str, words: list[str]) -> str:
    """``text``, a sentence of ours, with each of ``words`` in it (the data's own) marked as written in the site's
    first language, on a page in another."""
    written = context.get("DEFAULT_LANG", "en")
    if not text or not words or language_of(context).code == written:
        return text
    parts, last = [], 0
    for match in _any_of(tuple(words)).finditer(text):
        parts += [escape(text[last : match.start()]), Markup('<span lang="{}">{}</span>').format(written, match[0])]
        last = match.end()
    return Markup("").join([*parts, escape(text[last:])])


@cache
def _any_of(words: tuple[str, ...]) -> re.Pattern:
    """A pattern that finds any of ``words`` (compiled once for each chart's words, which every page of it marks)."""
    return re.compile("|".join(re.escape(each) for each in words))


def page_urls(settings: dict):
    """``url(kind, **fields)`` for templates: the address of a page in the language of the page that links to it."""
    by_prefix = {language.prefix: Urls(settings, language.prefix) for language in languages(settings)}

    @pass_context
    def url(context, kind: str, **fields: str) -> str:
        return by_prefix[language_of(context).prefix](kind, **fields)

    url.stylesheets = by_prefix[""].stylesheets  # type: ignore[attr-defined]
    return url


def share_helpers(generator):
    """Give every generator's templates the site's helpers (``helpers``)."""
    helpers(generator.env, generator.settings)


def helpers(env, settings: dict) -> None:
    """Give templates ``url(kind, **fields)`` (the address of a page, from the settings), gettext in the page's
    language, the size of social previews and the filters that say numbers."""
    env.globals["url"] = page_urls(settings)
    env.globals["page_language"] = page_language
    env.globals["alternates"] = alternates
    env.globals["setting"] = setting
    env.globals["PREVIEW_SIZE"] = PREVIEW_SIZE
    env.globals["MAP_AGES"] = MAP_AGES
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.policies["ext.i18n.trimmed"] = True
    env.filters.update(FILTERS)
    env.filters["original"] = original
    env.filters["originals"] = originals


def fill_pages(content):
    """Turn each ``{url:kind}`` in a hand-written page into that page's address, and each ``{glossary:name}``
    into its table (the content_object_init signal)."""
    if content._content:
        language = next(
            (each for each in languages(content.settings) if each.code == content.lang),
            active(),
        )
        with language.active():
            content._content = fill_glossaries(
                Urls(content.settings, language.prefix).relative(content._content, content.save_as)
            )


def finish_site(pelican_object):
    """Once every page is written: the search index, the large assets precompressed, then the headers file."""
    output = Path(pelican_object.output_path)
    index_site(output)
    precompress(output)
    settings = pelican_object.settings
    prefixes = tuple(language.prefix for language in languages(settings))
    write_headers(output, settings["CONTENT_SECURITY_POLICY"], Urls(settings).folder("embed").strip("/"), prefixes)


def register():
    """Connect the plugin's receivers to Pelican's signals."""
    signals.content_object_init.connect(fill_pages)
    signals.content_object_init.connect(sanitise_content)
    signals.generator_init.connect(share_helpers)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(finish_site)
