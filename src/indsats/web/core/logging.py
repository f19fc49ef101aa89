"""A logging filter that masks anything shaped like a CPR number.

Defence in depth: code must not log a CPR in the first place (`indsats.domain.cpr.Cpr` masks
itself in str/repr); this filter catches what slips through, in messages and arguments alike.
"""

from __future__ import annotations

import logging
import re

_CPR_LIKE = re.compile(r"(?<!\d)(\d{6})-?\d{4}(?!\d)")


def redact(text: str) -> str:
    return _CPR_LIKE.sub(r"\1-xxxx", text)


class RedactCprFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True
