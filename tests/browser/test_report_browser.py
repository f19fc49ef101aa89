"""The monthly report opened in Debian's chromium: rendered, readable, not blank."""

import pytest

pytestmark = [pytest.mark.browser]

KOMMUNE, MONTH = 825, "2024-06"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from indsats.goals.loader import ministermaal_goals
    from indsats.register import generator, weeks
    from indsats.reports.build import build_report

    root = tmp_path_factory.mktemp("report-browser")
    reg = root / "register"
    generator.generate_register(
        reg, [KOMMUNE], weeks.parse_week("2023W01"), weeks.parse_week("2024W26"), seed=0
    )
    return build_report(
        kommune=KOMMUNE,
        month=MONTH,
        register_dir=reg,
        out_dir=root / "out",
        goals=ministermaal_goals(2024),
        pdf=False,
    )


def test_report_html_in_the_browser_is_not_blank(page, report, artifacts):
    from io import BytesIO

    from PIL import Image

    page.set_viewport_size({"width": 1000, "height": 1400})
    page.goto(report.html.as_uri())
    assert page.title().startswith("Månedsrapport juni 2024")
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Månedsrapport til Beskæftigelsesudvalget"
    )
    body = page.locator("body").inner_text()
    assert "Målene i overblik" in body and "Benchmark" in body and "Læsø" in body
    # every chart image loaded (static SVG data URIs, nothing fetched from the network)
    images = page.locator("img")
    assert images.count() == len(report.data["maal"]) + 1
    for i in range(images.count()):
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")

    shot = page.screenshot(path=str(artifacts / "report.png"), full_page=True)
    img = Image.open(BytesIO(shot)).convert("L")
    pixels = list(img.getdata())
    non_white = sum(1 for p in pixels if p < 240) / len(pixels)
    assert non_white > 0.02, f"the screenshot looks blank ({non_white:.1%} non-white)"
    chart = page.locator("section.maal img").first.screenshot()
    chart_img = Image.open(BytesIO(chart)).convert("L")
    assert len(set(chart_img.getdata())) > 10  # lines and text, not an empty box
