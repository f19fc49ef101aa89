"""Log records carry the request id and never a CPR number or a booking token.

Both are done in the log-record factory, so they hold for every handler, including ones added
later (a test's capture handler, a file handler in production). Code must not log a CPR in the
first place (`indsats.domain.cpr.Cpr` masks itself in str/repr); this catches what slips through,
for example SQL parameters in Django's debug query log.
"""

from __future__ import annotations

import logging
import re

from indsats.web.accounts.middleware import current_request_id

_CPR_LIKE = re.compile(r"(?<!\d)(\d{6})-?\d{4}(?!\d)")
# A booking link is the citizen's key to their booking page: its token never reaches a log line
# (Django's "Not Found" warnings, runserver's and gunicorn's access lines all quote the path).
_BOOKING_TOKEN = re.compile(r"(/booking/)[^/\s\"'?#]+")
_installed = False


def redact(text: str) -> str:
    return _BOOKING_TOKEN.sub(r"\1[token]", _CPR_LIKE.sub(r"\1-xxxx", text))


def install_record_factory() -> None:
    global _installed
    if _installed:
        return
    base_factory = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        record = base_factory(*args, **kwargs)
        record.request_id = current_request_id() or "-"
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is the caller's bug; leave it as it is
            return record
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_info[1] is not None:
            # Exception texts can quote input; render them now, redacted.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
