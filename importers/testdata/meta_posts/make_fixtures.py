#!/usr/bin/env python3
"""Writes the meta_posts fixtures in their real byte formats (see README).

Run from this directory: python3 make_fixtures.py
"""
import csv
import io

FB_HEADER = ["Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)",
             "Publish time", "Caption type", "Permalink", "Is crosspost", "Is share", "Post type",
             "Languages", "Custom labels", "Funded content status", "Data comment", "Date",
             "Views", "Reach", "Reactions, Comments and Shares", "Reactions", "Comments", "Shares",
             "Total clicks", "Matched Audience Targeting Consumption (Photo Click)", "Other Clicks",
             "Link Clicks", "Matched Audience Targeting Consumption (Video Click)",
             "Negative feedback from users: Hide all", "Seconds viewed", "Average Seconds viewed",
             "Estimated earnings (USD)", "Ad CPM (USD)", "Ad impressions"]

FB_ROWS = [
    ["1220000000000001", "615710000000001", "Kaza Ceramics",
     "New autumn glazes are here!\nCome and see them at the studio this weekend.", "", "",
     "10/02/2026 09:15", "", "https://www.facebook.com/kazaceramics/posts/pfbid0AbC1", "No", "No",
     "Photos", "", "", "", "", "Lifetime", "5230", "3120", "214", "180", "22", "12", "301", "120",
     "96", "85", "", "1", "", "", "", "", ""],
    ["1220000000000002", "615710000000001", "Kaza Ceramics", "",
     "Wheel-throwing in 30 seconds \u26a1 #pottery\nFull video on our site", "31",
     "10/14/2026 18:12", "", "https://www.facebook.com/reel/1234567890123456", "No", "No", "Reels",
     "", "", "", "", "Lifetime", "12,480", "9870", "640", "590", "31", "19", "412", "0", "301", "0",
     "111", "0", "93617", "7.5", "", "", ""],
    ["1220000000000003", "615710000000001", "Kaza Ceramics",
     "Throwback to our open studio weekend \u2014 thank you to everyone who came by, bought a mug, or just said hello to the kiln cat",
     "", "", "09/28/2026 18:12", "", "https://www.facebook.com/kazaceramics/posts/pfbid0AbC3", "No",
     "No", "Links", "", "", "", "", "Lifetime", "2210", "1980", "95", "80", "9", "6", "140", "23",
     "40", "77", "", "", "", "", "", "", ""],
]

IG_HEADER = ["Post ID", "Account ID", "Account username", "Account name", "Description",
             "Duration (sec)", "Publish time", "Permalink", "Post type", "Data comment", "Date",
             "Views", "Reach", "Likes", "Shares", "Follows", "Comments", "Saves"]

IG_ROWS = [
    ["18040000000000001", "17840000000000001", "kaza.ceramics", "Kaza Ceramics",
     "Glaze test tiles, round 3 \U0001f525", "0", "10/06/2026 12:30",
     "https://www.instagram.com/p/DKaZa0001/", "IG carousel", "", "Lifetime", "8400", "6100", "512",
     "40", "18", "27", "95"],
    ["18040000000000002", "17840000000000001", "kaza.ceramics", "Kaza Ceramics",
     "Trimming a bowl, start to finish", "44", "10/21/2026 19:05",
     "https://www.instagram.com/reel/DKaZa0002/", "IG reel", "", "Lifetime", "", "2300", "140",
     "5", "2", "11", "33"],
]


def table(header, rows, header_edit=None):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header_edit(header) if header_edit else header)
    for r in rows:
        w.writerow(r)
    return out.getvalue()


def write(name, text, encoding="utf-8-sig"):
    with open(name, "wb") as f:
        f.write(text.encode(encoding))


# The 2026 Facebook post export: BOM, LF, multi-line quoted captions.
write("facebook_posts.csv", table(FB_HEADER, FB_ROWS))

# Pre-2025: Impressions for Views, lower-case words in two headers, no
# watch-time columns in use (kept empty), 2024 dates.
def pre2025(h):
    h = ["Impressions" if c == "Views" else c for c in h]
    h = ["Reactions, comments and shares" if c == "Reactions, Comments and Shares" else c for c in h]
    return ["Other clicks" if c == "Other Clicks" else c for c in h]

old = [r[:] for r in FB_ROWS]
for r in old:
    r[6] = r[6].replace("/2026", "/2024")
write("facebook_pre2025_impressions.csv", table(FB_HEADER, old, pre2025))

# The Instagram post export.
write("instagram_posts.csv", table(IG_HEADER, IG_ROWS))

# A publish time written day first (as a non-English export would).
bad = [r[:] for r in FB_ROWS[:2]]
bad[1][6] = "14/10/2026 18:12"
write("bad_publish_time.csv", table(FB_HEADER, bad))

# An Instagram export cut off inside its second row, no final newline.
full = table(IG_HEADER, IG_ROWS)
cut = full[: full.index("IG reel,,Lifetime,,2300") + len("IG reel,,Lifetime")]
write("truncated_row.csv", cut)


def page(title, days, bom=True):
    lines = ["sep=,", '"%s"' % title, '"Date","Primary"']
    lines += ['"%sT00:00:00","%s"' % (d, v) for d, v in days]
    text = "\n".join(lines) + "\n"
    data = text.encode("utf-16-le")
    return (b"\xff\xfe" + data) if bom else data


def write_bytes(name, data):
    with open(name, "wb") as f:
        f.write(data)


write_bytes("page_follows_utf16.csv", page("Facebook follows",
    [("2026-10-01", 20), ("2026-10-02", 14), ("2026-10-04", 9), ("2026-10-05", 31)]))
write_bytes("page_viewers_utf16_no_bom.csv", page("Viewers",
    [("2026-10-01", 8876), ("2026-10-02", 5780), ("2026-10-03", 6402)], bom=False))
write_bytes("page_visits.csv", page("Facebook visits",
    [("2026-10-01", 1204), ("2026-10-02", 987), ("2026-10-03", 1130)]))
write_bytes("unknown_page_metric.csv", page("Facebook unfollows",
    [("2026-10-01", 3), ("2026-10-02", 1)]))
