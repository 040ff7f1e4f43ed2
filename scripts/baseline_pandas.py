#!/usr/bin/env python3
"""The pandas + XlsxWriter baseline for scripts/bench-report.sh.

It does the job of `roibook report --workbook-only` the way an analyst
would script it, with the settings an analyst would use (pandas defaults,
ExcelWriter(engine="xlsxwriter") without constant_memory):

  - read the platform export(s) (Meta Ads daily CSV with a BOM) and the
    cost sheet of a client folder written by internal/gen/genclient;
  - KPIs per campaign and per day, each ratio as sum / sum (CTR, CPC, CPM,
    CPA, CPL, ROAS, conversion rate);
  - the cost total: fixed amounts, hours x rate and percent of ad spend;
  - an ROI summary (ad spend, other costs, total cost, revenue, modelled
    value, ROI, media ROI, ROAS);
  - a workbook: Summary, Campaigns, Days, Costs and a Data sheet.

--data rows (the default) writes every export row to the Data sheet, as the
issue describes the job; --data campaign-day writes the rows summed per
campaign and day instead, which is the grain of roibook's Data sheet (same
output size as roibook's).

It computes values, not live formulas, and writes no PDF: both make its job
smaller than roibook's.

    /usr/bin/python3 scripts/baseline_pandas.py DIR --out OUT.xlsx
"""

import argparse
import glob
import os
import sys

import numpy as np
import pandas as pd

# The action values of the generated roibook.yaml, in EUR per action.
ACTION_VALUES = {"Leads": 40.0, "Link clicks": 0.2}
PERIOD = ("2026-10-01", "2026-10-31")

SUM_COLS = [
    "Amount spent (EUR)", "Impressions", "Clicks (all)", "Link clicks",
    "Purchases", "Purchases conversion value", "Leads",
]


def kpis(df):
    """Adds the KPIs of a frame of sums; a zero denominator gives a blank."""
    def ratio(num, den, scale=1.0):
        return (df[num] * scale / df[den].replace(0, np.nan))

    out = df.copy()
    out["CTR"] = ratio("Link clicks", "Impressions")
    out["CPC"] = ratio("Amount spent (EUR)", "Link clicks")
    out["CPM"] = ratio("Amount spent (EUR)", "Impressions", 1000.0)
    out["CPA"] = ratio("Amount spent (EUR)", "Purchases")
    out["CPL"] = ratio("Amount spent (EUR)", "Leads")
    out["ROAS"] = ratio("Purchases conversion value", "Amount spent (EUR)")
    out["Conversion rate"] = ratio("Purchases", "Link clicks")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", help="client folder: exports/*.csv and costs.csv")
    ap.add_argument("--out", required=True, help="the .xlsx to write")
    ap.add_argument("--data", choices=["rows", "campaign-day"], default="rows",
                    help="Data sheet grain (default: every export row)")
    args = ap.parse_args()

    # Exports.
    frames = [
        pd.read_csv(p, encoding="utf-8-sig", parse_dates=["Reporting starts", "Reporting ends"])
        for p in sorted(glob.glob(os.path.join(args.dir, "exports", "*.csv")))
    ]
    data = pd.concat(frames, ignore_index=True)
    data = data[(data["Reporting starts"] >= PERIOD[0]) & (data["Reporting ends"] <= PERIOD[1])]
    data[SUM_COLS] = data[SUM_COLS].fillna(0)
    data = data.rename(columns={"Reporting starts": "Day"})

    # KPIs per campaign and per day.
    campaigns = kpis(data.groupby("Campaign name", as_index=False)[SUM_COLS].sum())
    campaigns = campaigns.sort_values("Amount spent (EUR)", ascending=False)
    days = kpis(data.groupby("Day", as_index=False)[SUM_COLS].sum())

    # Costs: amount, hours x rate, or percent of ad spend.
    costs = pd.read_csv(os.path.join(args.dir, "costs.csv"), encoding="utf-8-sig",
                        parse_dates=["date"])
    costs = costs[costs["date"].isna() | costs["date"].between(PERIOD[0], PERIOD[1])].copy()
    spend = data["Amount spent (EUR)"].sum()
    costs["cost"] = (costs["amount"].fillna(0)
                     + costs["hours"].fillna(0) * costs["rate"].fillna(0)
                     + costs["percent_of_spend"].fillna(0) / 100 * spend).round(2)

    # ROI summary.
    other = costs["cost"].sum()
    total = spend + other
    revenue = data["Purchases conversion value"].sum()
    modelled = sum(data[col].sum() * v for col, v in ACTION_VALUES.items())
    summary = pd.DataFrame({
        "Metric": ["Ad spend", "Other costs", "Total cost", "Revenue", "Modelled value",
                   "ROI", "Media ROI", "ROI incl. modelled value", "ROAS",
                   "Impressions", "Link clicks", "Purchases", "Leads"],
        "Value": [spend, other, total, revenue, modelled,
                  (revenue - total) / total, (revenue - spend) / spend,
                  (revenue + modelled - total) / total, revenue / spend,
                  data["Impressions"].sum(), data["Link clicks"].sum(),
                  data["Purchases"].sum(), data["Leads"].sum()],
    })

    if args.data == "campaign-day":
        sheet = kpis(data.groupby(["Day", "Campaign name"], as_index=False)[SUM_COLS].sum())
    else:
        sheet = data

    with pd.ExcelWriter(args.out, engine="xlsxwriter") as xw:
        summary.to_excel(xw, sheet_name="Summary", index=False)
        campaigns.to_excel(xw, sheet_name="Campaigns", index=False)
        days.to_excel(xw, sheet_name="Days", index=False)
        costs.to_excel(xw, sheet_name="Costs", index=False)
        sheet.to_excel(xw, sheet_name="Data", index=False)

    print(f"{len(data)} rows, {len(campaigns)} campaigns, {len(days)} days; "
          f"ad spend {spend:.2f}, total cost {total:.2f}, revenue {revenue:.2f}, "
          f"ROI {summary.Value[5]:.4%}; wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
