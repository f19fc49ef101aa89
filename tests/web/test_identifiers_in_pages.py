"""Identifiers, versions and years are written into pages unlocalised (the behaviour: the
calendar tests in test_kalender.py).

Danish number formatting (USE_THOUSAND_SEPARATOR) writes 2784 as "2.784". In a link or a form
field that is a different value: "Registrér som afholdt" for samtale 2784 came back as
`?planlagt=2.784`, was not found, and a second, new samtale was recorded while the planned one
stayed planned (seen in the PostgreSQL test run, where ids pass 1,000). Years read "2.026".
"""

import re
from pathlib import Path

import indsats.web

TEMPLATES = Path(indsats.web.__file__).parent / "templates"
# The names of values that are identifiers, versions or years, never amounts.
IDENTIFIER = re.compile(
    r"^(pk|id|version|laas|nummer|aar|\w*_aar|planaar|year|(?!auto_id$)\w*_id|\w*_number)$"
)
VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)((?:\|[^}]*?)?)\s*\}\}")
UNLOCALISED = ("unlocalize", "stringformat", "date")


def test_every_identifier_version_and_year_in_a_template_is_unlocalised():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for m in VARIABLE.finditer(line):
                expr, filters = m.group(1), m.group(2) or ""
                if IDENTIFIER.match(expr.split(".")[-1]) and not any(
                    f in filters for f in UNLOCALISED
                ):
                    offenders.append(f"{path.relative_to(TEMPLATES)}:{number}: {m.group(0)}")
    assert offenders == [], "add |unlocalize ({% load l10n %}):\n" + "\n".join(offenders)
