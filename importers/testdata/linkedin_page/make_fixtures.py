#!/usr/bin/env python3
"""Writes the linkedin_page fixtures (see README). Needs openpyxl; the
legacy .xls is converted from followers.xlsx by LibreOffice when present.

Run from this directory: python3 make_fixtures.py
"""
import csv
import datetime
import io
import os
import shutil
import subprocess
import tempfile

import openpyxl

FOLLOWERS_HEADER = ["Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"]
FOLLOWERS = [  # sponsored, organic, auto-invited; total = their sum
    ("10/01/2026", 3, 12, 1), ("10/02/2026", 0, 9, 0), ("10/03/2026", 5, 14, 2),
    ("10/04/2026", 0, 7, 0), ("10/05/2026", 1, 11, 0),
]

VISITOR_HEADER = ["Date"]
for part in ["Overview", "Life", "Jobs"]:
    for what in ["page views", "unique visitors"]:
        for dev in ["desktop", "mobile", "total"]:
            VISITOR_HEADER.append("%s %s (%s)" % (part, what, dev))
for what in ["Total page views", "Total unique visitors"]:
    for dev in ["desktop", "mobile", "total"]:
        VISITOR_HEADER.append("%s (%s)" % (what, dev))
assert len(VISITOR_HEADER) == 25

METRICS_HEADER = ["Date"]
for m in ["Impressions"]:
    METRICS_HEADER += ["%s (organic)" % m, "%s (sponsored)" % m, "%s (total)" % m]
METRICS_HEADER.append("Unique impressions (organic)")
for m in ["Clicks", "Reactions", "Comments", "Reposts", "Engagement rate"]:
    METRICS_HEADER += ["%s (organic)" % m, "%s (sponsored)" % m, "%s (total)" % m]
assert len(METRICS_HEADER) == 20
# date, impressions o/s, unique o, clicks o/s, reactions o/s, comments o/s, reposts o/s
METRICS = [
    ("10/01/2026", 812, 2400, 530, 31, 40, 24, 11, 3, 1, 2, 0),
    ("10/02/2026", 655, 0, 441, 18, 0, 20, 0, 1, 0, 1, 0),
    ("10/03/2026", 1203, 1800, 802, 44, 25, 51, 9, 6, 2, 4, 1),
    ("10/04/2026", 390, 0, 277, 9, 0, 12, 0, 0, 0, 0, 0),
]

POSTS_HEADER = ["Update title", "Update link", "Update type", "Campaign name", "Posted by",
                "Created date", "Campaign start date", "Campaign end date", "Audience",
                "Impressions", "Clicks", "Click through rate (CTR)", "Likes", "Comments",
                "Reposts", "Follows", "Engagement rate"]
POSTS = [
    ["We are hiring: studio assistant (part time)\nApply by 31 October.",
     "https://www.linkedin.com/feed/update/urn:li:activity:7380000000000000001", "Organic", "",
     "Ana Kaza", "10/01/2026", "", "", "All followers", 1610, 74, 0.0459627, 58, 9, 5, 3, 0.0906832],
    ["Sponsored: autumn workshop series",
     "https://www.linkedin.com/feed/update/urn:li:activity:7380000000000000002", "Sponsored",
     "Autumn workshops", "Ana Kaza", "10/01/2026", "10/01/2026", "10/31/2026", "Kyoto, ceramics",
     4200, 65, 0.0154762, 49, 2, 1, 4, 0.0288095],
    ["Behind the kiln: how we fire our stoneware",
     "https://www.linkedin.com/feed/update/urn:li:activity:7380000000000000003", "Organic", "",
     "Ana Kaza", "10/03/2026", "", "", "All followers", 2050, 61, 0.0297561, 70, 12, 9, 1, 0.0741463],
]
NOTE_METRICS = "Aggregated metrics of all page updates by day. Data is in UTC."
NOTE_POSTS = "Engagement metrics of each page update. Data is in UTC."

DEMOGRAPHICS = [("Location", "Kyoto, Japan"), ("Job function", "Arts and Design"),
                ("Seniority", "Entry"), ("Industry", "Retail Art Supplies"), ("Company size", "2-10")]


def mdy(s):
    m, d, y = s.split("/")
    return datetime.datetime(int(y), int(m), int(d))


def followers_book(rows=FOLLOWERS):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "New followers"
    ws.append(FOLLOWERS_HEADER)
    for d, s, o, a in rows:
        ws.append([d, s, o, a, s + o + a])
    for sheet, value in DEMOGRAPHICS:
        ws = wb.create_sheet(sheet)
        ws.append([sheet, "Total followers"])
        ws.append([value, 412])
    return wb


def visitors_book():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Visitor metrics"
    ws.append(VISITOR_HEADER)
    days = [("10/01/2026", 41, 23), ("10/02/2026", 17, 30), ("10/03/2026", 52, 11)]
    for d, desk, mob in days:
        # Overview carries the views; Life and Jobs one each.
        ov = [desk - 2, mob, desk - 2 + mob, desk - 5, mob - 3, desk - 5 + mob - 3]
        life = [1, 0, 1, 1, 0, 1]
        jobs = [1, 0, 1, 1, 0, 1]
        tot = [desk, mob, desk + mob, desk - 3, mob - 3, desk + mob - 6]
        ws.append([mdy(d)] + ov + life + jobs + tot)
        ws.cell(row=ws.max_row, column=1).number_format = "mm/dd/yyyy"
    for sheet, value in DEMOGRAPHICS:
        ws = wb.create_sheet(sheet)
        ws.append([sheet, "Total views"])
        ws.append([value, 37])
    return wb


def metrics_rows(bad=False):
    out = []
    for i, (d, io_, is_, uo, co, cs, ro, rs, mo, ms, po, ps) in enumerate(METRICS):
        it, ct, rt, mt, pt = io_ + is_, co + cs, ro + rs, mo + ms, po + ps
        eo = round((co + ro + mo + po) / io_, 7)
        es = round((cs + rs + ms + ps) / is_, 7) if is_ else 0
        et = round((ct + rt + mt + pt) / it, 7)
        row = [d, io_, is_, it, uo, co, cs, ct, ro, rs, rt, mo, ms, mt, po, ps, pt, eo, es, et]
        if bad and i == 2:
            row[1] = "12,03"
        out.append(row)
    return out


def updates_book(bad=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Update metrics (aggregated)"
    ws.append([NOTE_METRICS])
    ws.append(METRICS_HEADER)
    for row in metrics_rows(bad):
        ws.append(row)
    ws = wb.create_sheet("Update engagement")
    ws.append([NOTE_POSTS])
    ws.append(POSTS_HEADER)
    for row in POSTS:
        ws.append(row)
    return wb


def csv_text(rows, bom=False, crlf=True):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n" if crlf else "\n")
    for r in rows:
        w.writerow(r)
    return out.getvalue().encode("utf-8-sig" if bom else "utf-8")


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


followers_book().save("followers.xlsx")
visitors_book().save("visitors.xlsx")
updates_book().save("updates.xlsx")
updates_book(bad=True).save("bad_impressions.xlsx")

# The "Update engagement" sheet saved as CSV UTF-8 by Excel: BOM, CRLF,
# the note line kept above the header.
write("update_engagement_sheet.csv",
      csv_text([[NOTE_POSTS], POSTS_HEADER] + [[str(c) for c in r] for r in POSTS], bom=True))

# The "New followers" sheet exported as CSV (as Numbers names it, "New
# followers-Table 1.csv": UTF-8, no BOM, LF) with a day-first date.
rows = [FOLLOWERS_HEADER] + [[d, s, o, a, s + o + a] for d, s, o, a in FOLLOWERS]
rows[3][0] = "13/10/2026"
write("day_first_date.csv", csv_text(rows, crlf=False))

# The same sheet cut off inside its last row, no final newline.
rows = [FOLLOWERS_HEADER] + [[d, s, o, a, s + o + a] for d, s, o, a in FOLLOWERS]
text = csv_text(rows, crlf=False).decode()
write("truncated_row.csv", text[: text.rindex(",1,11,")].encode())

# A followers sheet without the Organic followers column.
rows = [["Date", "Sponsored followers", "Total followers"]] + [[d, s, s + o + a] for d, s, o, a in FOLLOWERS]
write("no_organic_column.csv", csv_text(rows, crlf=False))

# The legacy .xls LinkedIn serves: followers.xlsx saved as Excel 97-2003.
soffice = shutil.which("soffice")
if soffice:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, "--headless", "--convert-to", "xls", "--outdir", tmp, "followers.xlsx"],
                       check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, "followers.xls"), "legacy_followers.xls")
