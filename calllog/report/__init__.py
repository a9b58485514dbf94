"""The reports made from a case: charts, workbook, summary, Ombudsman list,
and the evidence pack that gathers them.

Only this package draws or lays out documents; it reads the case through
``calllog.casedata`` and the figures through ``calllog.analysis``. The
modules are imported one by one (``calllog.report.charts`` pulls in
matplotlib, which the other reports do not need).
"""
