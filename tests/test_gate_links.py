"""Links: every internal link and asset in the built site resolves, anchors included."""

from gates import broken_links


def test_every_internal_link_and_asset_resolves(site):
    assert broken_links(site) == []
