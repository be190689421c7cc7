"""The live charts under the site's own CSP, with no third party: interactive, and the same for a
reader in any time zone (that no page type asks another host is checked in test_gate_pages)."""

from gates import live_chart, load


def test_charts_become_interactive_under_the_sites_csp(page, base_url):
    assert load(page, base_url + "agencies/lapd/")["console_errors"] == []
    # Vega's live view replaces the build-time SVG, and its marks show tooltips under the pointer
    tooltip = live_chart(page, "chart-lapd-searches")
    assert tooltip is not None and "Figure: 29,817 uses" in tooltip


def test_a_reader_in_los_angeles_sees_the_ban_on_13_november_2020(browser, base_url):
    def seen_in(timezone: str) -> tuple[list, str]:
        context = browser.new_context(timezone_id=timezone, viewport={"width": 900, "height": 900})
        page = context.new_page()
        load(page, base_url + "agencies/lapd/")
        offset = page.evaluate("new Date(2020, 10, 13).getTimezoneOffset()")
        assert live_chart(page, "chart-lapd-searches") is not None
        live = page.locator("#chart-lapd-searches .chart-image[data-live]")
        ban = live.locator("[aria-label^='Ban, ']").first
        assert ban.get_attribute("aria-label").startswith("Ban, 13 November 2020: LAPD bars third-party")
        years = live.locator("g.mark-text.role-axis-label text")
        shown = [(label.get_attribute("transform"), label.text_content()) for label in years.all()]
        where = ban.get_attribute("transform") or ban.get_attribute("d")
        context.close()
        return offset, shown, where

    la_offset, la_years, la_ban = seen_in("America/Los_Angeles")
    utc_offset, utc_years, utc_ban = seen_in("UTC")
    assert (la_offset, utc_offset) == (480, 0)  # the pages ran in Pacific time and in UTC
    # Every year on the time axis, and the ban, sit where they do for a reader in UTC
    assert "2020" in [year for _, year in la_years]
    assert la_years == utc_years and la_ban == utc_ban
