"""The monthly report to the committee: goals, benchmark and data freshness (plain Python).

`build_report(...)` writes report.html, report.pdf and report.json for a municipality and a
month; `report_data(...)` computes the content; `visning(...)` formats it the Danish way with
small cells suppressed. See docs/reports.md.
"""

from indsats.reports.build import ReportResult, build_report, report_data, report_dir
from indsats.reports.render import visning

__all__ = ["ReportResult", "build_report", "report_data", "report_dir", "visning"]
