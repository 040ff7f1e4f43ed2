#!/usr/bin/env python3
"""Writes agency_template.xlsx: roibook's default template as an agency
would restyle it, for TestFill_AgencyTemplate.

The edits are made with openpyxl, then the file is opened and saved by
LibreOffice, as a template restyled in a spreadsheet application would be
(LibreOffice rewrites every part: styles, shared strings, page setup).

Run from the repository root, with openpyxl and soffice installed:

    python3 reportgen/workbook/testdata/agency_template.py

What the test relies on (keep it in step with agency_test.go):

  - Summary: the headline stays at A6; the KPI table moves lower and to
    the right, to D17 (its section title to D16), below the commentary;
    the title A1 is set in Georgia 20, dark red, on a cream fill.
  - Platform: C2 "CPC" and D2 {{kpi.cpc}} alone (that platform's CPC).
  - A sheet of the agency's own, "Agency notes", after Summary, with
    Georgia fonts and fills, {{client}} and figure placeholders alone and
    inside text, a cell with its own number format, an agency formula over
    a placeholder cell, plain text, and its own header.
"""

import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

GEORGIA = "Georgia"
RED = "7C2D12"
CREAM = "FFF7ED"
AMBER = "FEF3C7"


def restyle(src, dst):
    wb = openpyxl.load_workbook(src)

    s = wb["Summary"]
    s["A1"].font = Font(name=GEORGIA, size=20, bold=True, color=RED)
    s["A1"].fill = PatternFill("solid", fgColor=CREAM)
    # Move the KPI table lower and to the right.
    assert s["A9"].value == "{{kpi.table}}", s["A9"].value
    s["A8"].value, s["A9"].value = None, None
    s["D16"].value = "KPIs by platform"
    s["D16"].font = Font(name=GEORGIA, size=13, bold=True, color=RED)
    s["D17"].value = "{{kpi.table}}"
    # Goals and commentary stay where they were (A12, A14:A15).

    p = wb["Platform"]
    p["C2"].value = "CPC"
    p["C2"].font = Font(name=GEORGIA, italic=True)
    p["D2"].value = "{{kpi.cpc}}"
    p["D2"].font = Font(name=GEORGIA, bold=True, color=RED)

    a = wb.create_sheet("Agency notes", index=wb.sheetnames.index("Summary") + 1)
    a.column_dimensions["A"].width = 30
    a.column_dimensions["B"].width = 18
    a.column_dimensions["C"].width = 18
    a["A1"].value = "Brightside Social · account notes"
    a["A1"].font = Font(name=GEORGIA, size=16, bold=True, color=RED)
    a["A1"].fill = PatternFill("solid", fgColor=CREAM)
    a["A3"].value = "Prepared for {{client}} · {{period}}"
    a["A3"].font = Font(name=GEORGIA, italic=True)
    a["A5"].value = "Full-cost ROI"
    a["B5"].value = "{{kpi.roi}}"
    a["B5"].font = Font(name=GEORGIA, size=14, bold=True, color=RED)
    a["B5"].fill = PatternFill("solid", fgColor=AMBER)
    a["A6"].value = "Ad spend"
    a["B6"].value = "{{total.spend}}"
    a["B6"].font = Font(name=GEORGIA)
    a["A7"].value = "Cost per lead"
    a["B7"].value = "{{kpi.cpl}}"
    a["B7"].number_format = "0.000"  # the agency's own format: kept
    a["A8"].value = "Attributed revenue"
    a["B8"].value = "{{total.revenue}}"
    a["A9"].value = "ROI in points (an agency formula)"
    a["B9"].value = "=B5*100"
    a["A11"].value = "In one line: full-cost ROI {{kpi.roi}} on {{total.total_cost}} of cost."
    a["A11"].alignment = Alignment(wrap_text=False)
    a["A13"].value = "Our commitments: weekly check-ins, a monthly review."
    a["A13"].font = Font(name=GEORGIA, color="4B5563")
    a.oddHeader.left.text = "{{client}}"
    a.oddHeader.right.text = "Agency notes · {{period}}"
    a.oddFooter.right.text = "Page &P"

    wb.save(dst)


def main():
    src = os.path.join(ROOT, "templates", "workbook.xlsx")
    out = os.path.join(HERE, "agency_template.xlsx")
    with tempfile.TemporaryDirectory() as tmp:
        edited = os.path.join(tmp, "agency_template.xlsx")
        restyle(src, edited)
        conv = os.path.join(tmp, "out")
        os.mkdir(conv)
        profile = os.path.join(tmp, "profile")
        subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                        "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", conv, edited],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(conv, "agency_template.xlsx"), out)
    print("wrote", os.path.relpath(out, ROOT))


if __name__ == "__main__":
    sys.exit(main())
