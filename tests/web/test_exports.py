"""CSV exports cannot carry a formula into a spreadsheet (issue 12, Low)."""

import csv
import io

from django.urls import reverse

from indsats.web.citizens.models import Borger

HOSTILE = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def test_the_citizen_export_escapes_formula_cells(users, teams, login):
    for i, name in enumerate(HOSTILE):
        Borger.objects.create(
            cpr=f"01019{i}1234",
            fornavn=name,
            efternavn="Test",
            kommune_kode=573,
            team=teams["job"],
        )
    response = login(users["jobraadgiver"]).get(reverse("citizens:export"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    names = sorted(row[0] for row in rows[1:])
    assert names == sorted(f"'{name} Test" for name in HOSTILE)
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), row
