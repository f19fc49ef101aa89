"""What a test looks for when text must carry no CPR number."""

import re

# A UUID (a citizen's internal id in a link) may hold ten digits in a row; it is not a CPR.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_CPR_LIKE = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")


def cpr_like(text: str) -> list[str]:
    """Every CPR-shaped number in `text` (six digits, an optional dash, four digits), outside
    UUIDs."""
    return _CPR_LIKE.findall(_UUID.sub("", text))
