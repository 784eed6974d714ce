"""Documents made from the user's history for someone else to read.

`coach.reports.content` gathers what the clinician's report says (plain records, no Qt);
`coach.reports.pdf` lays it out on A4 pages with Qt's own PDF writer. The user interface
and the command line call `coach.reports.pdf.write_report`.
"""
