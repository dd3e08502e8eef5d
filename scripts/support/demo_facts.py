"""Records of a demo database the check scripts open pages for (journeys, privacy crawl,
sustained load): read once here so the three ask the same question the same way.

    python3 scripts/support/demo_facts.py DB trace     prints a batch's Digital Link path
"""
import sqlite3
import sys


def trace_path(db):
    """A batch's Digital Link path (GTIN when the product has one, else the county trace code)."""
    row = sqlite3.connect(db).execute("""SELECT p.gtin, p.code, b.lot FROM trace_batches b JOIN trace_products p ON p.id = b.product_id
                                         ORDER BY (p.gtin IS NULL), b.lot LIMIT 1""").fetchone()
    if not row:
        return None
    return f"/01/{row[0]}/10/{row[2]}" if row[0] else f"/t/{row[1]}/10/{row[2]}"


def parcel(db, sorted_only=False):
    """(waybill, last four phone digits) of a demo parcel; with sorted_only, one sent to a station."""
    where = "WHERE station_id IS NOT NULL" if sorted_only else ""
    return sqlite3.connect(db).execute(f"SELECT waybill, phone_last4 FROM logistics_parcels {where} ORDER BY waybill LIMIT 1").fetchone()


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[2] == "trace":
    print(trace_path(sys.argv[1]) or "")
