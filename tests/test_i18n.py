"""The site in another language: what the build writes by itself, said in Spanish with Spanish numbers and dates,
and catalogues that leave nothing untranslated."""

import re
from datetime import date
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from disclosures import qualifiers, status
from disclosures.i18n import LOCALE_DIR, Language, country_name, place_name
from disclosures.periods import Period

ROOT = Path(__file__).resolve().parent.parent
SPANISH = Language("es", "es/")


def test_a_figure_is_said_in_spanish_with_the_sources_qualifier_and_spanish_numbers():
    with SPANISH.active():
        assert qualifiers.value_words(475, None, "at_most", "nearly") == "casi 475"
        assert qualifiers.value_words(29817, None, "exact", "") == "29.817"
        assert qualifiers.value_words(4000, None, "at_least", "over") == "más de 4.000"
        assert qualifiers.value_words(11, 50, "range", "between") == "entre 11 y 50"
        assert qualifiers.per_month_words(509.2, 583.7, "range") == "entre 509 y 584 al mes"
        assert qualifiers.per_month_words(5.87, 5.87, "about") == "alrededor de 5,9 al mes"
    # the same words in English, outside
    assert qualifiers.value_words(475, None, "at_most", "nearly") == "nearly 475"


def test_a_period_keeps_each_bounds_precision_in_spanish():
    with SPANISH.active():
        assert (
            Period.parse("2009-11-06", "2020-09-11").words() == "de 6 de noviembre de 2009 a 11 de septiembre de 2020"
        )
        assert Period.parse("2020-02", "2020-09").words() == "de febrero de 2020 a septiembre de 2020"
        assert Period.parse("2019", "2019").words() == "en 2019"
        assert Period.parse("", "2020").words() == "hasta 2020 (inicio no indicado)"
        assert Period.parse("2009-11", "2020-09").short() == "nov 2009 \u2013 sept 2020"
    assert Period.parse("2009-11-06", "2020-09-11").words() == "from 6 November 2009 to 11 September 2020"


def test_plural_rules_are_the_languages_own():
    with SPANISH.active():
        assert status.age(date(2019, 1, 1), date(2020, 3, 1)) == "1 año y 2 meses"
        assert status.age(date(2019, 1, 1), date(2021, 2, 1)) == "2 años y 1 mes"
        assert status.age(date(2020, 3, 1), date(2020, 3, 5)) == "menos de un mes"
    assert status.age(date(2019, 1, 1), date(2020, 3, 1)) == "1 year and 2 months"


def test_places_are_named_in_spanish_where_iso_3166_names_them_and_as_the_data_writes_them_elsewhere():
    with SPANISH.active():
        assert country_name("GB") == "Reino Unido"
        assert country_name("KR") == "Corea del Sur"  # the common name (South Korea), not the formal one
        assert place_name("US", "United States") == "Estados Unidos"
        assert place_name("US", "New York") == "Nueva York"
        assert place_name("US", "Ohio") == "Ohio"
        assert place_name("US", "Cook County") == "Cook County"  # neither the country nor a state: as written
        assert place_name("GB", "New York") == "New York"  # a name of another country's region
    assert (country_name("KR"), place_name("US", "New York")) == ("South Korea", "New York")


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{\w+\}|%\(\w+\)s", text))


def _extracted() -> dict[str, str]:
    """Every message of the code, the templates and the data, as ``make messages`` gathers them."""
    with open(ROOT / "babel.cfg") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    keywords = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
    found = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        key = message if isinstance(message, str) else message[0]
        found[key] = message
    return found


def test_the_spanish_catalogue_translates_every_message_and_keeps_its_placeholders():
    with open(LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(po, locale="es") if m.id}
    extracted = _extracted()
    missing = sorted(set(extracted) - set(catalogue))
    assert not missing, f"not in the catalogue (run make messages): {missing[:10]}"
    for key in extracted:
        message = catalogue[key]
        assert "fuzzy" not in message.flags, key
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        assert all(strings), f"untranslated: {key!r}"
        ids = message.id if isinstance(message.id, tuple | list) else [message.id]
        for string in strings:
            assert _placeholders(string) <= set().union(*map(_placeholders, ids)), (key, string)
