#!/usr/bin/env python3
"""Independent readers/writers for the Documents module's tests.

Usage:
  check_office.py xlsx-dump FILE      JSON: sheets, cells (value, type, number_format, bold), merges, freeze
  check_office.py xlsx-make FILE      writes a workbook with openpyxl (fixture for our reader)
  check_office.py docx-dump FILE      JSON: paragraphs (text, style), tables (cell texts), section
  check_office.py lo-pdf FILE         converts with `soffice --headless --convert-to pdf` (manual check;
                                      not used by the test suite because LibreOffice is optional)
Exit status 3 when openpyxl / python-docx are missing.
"""
import datetime
import decimal
import json
import sys

try:
    import openpyxl
    import docx
except ImportError as error:  # pragma: no cover
    sys.stderr.write(f"missing package: {error}. Run: pip install openpyxl python-docx\n")
    sys.exit(3)


def jsonable(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def xlsx_dump(path):
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                cells[c.coordinate] = {
                    "value": jsonable(c.value),
                    "type": type(c.value).__name__,
                    "format": c.number_format,
                    "bold": bool(c.font and c.font.b),
                }
        sheets.append({
            "name": ws.title,
            "cells": cells,
            "merges": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
            "heights": {str(k): v.height for k, v in ws.row_dimensions.items() if v.height},
            "max_row": ws.max_row,
            "max_column": ws.max_column,
        })
    print(json.dumps({"sheets": sheets, "title": wb.properties.title}, ensure_ascii=False))


def xlsx_make(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "资金计划"
    ws.append(["承办企业", "计划金额（万元）", "已拨付", "日期", "完成"])
    ws.append(["遂昌县邮政公司", 1910, 955.5, datetime.date(2021, 6, 30), True])
    ws["A4"] = "跳过一行"
    ws["C4"] = 0.1
    ws["E7"] = "稀疏"
    ws["B5"] = 230000
    ws["D5"] = datetime.datetime(2022, 1, 15, 12, 0)
    ws["D5"].number_format = "yyyy\"年\"m\"月\"d\"日\""
    ws.merge_cells("A8:C8")
    ws["A8"] = "合并标题"
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    ws["A9"] = CellRichText(["普通", TextBlock(InlineFont(b=True), "加粗")])
    ws2 = wb.create_sheet("第二页")
    ws2["B2"] = "乙"
    ws2["C3"] = -12.25
    wb.save(path)


def docx_dump(path):
    d = docx.Document(path)
    paragraphs = [{"text": p.text, "style": p.style.name if p.style is not None else None,
                   "alignment": str(p.alignment) if p.alignment is not None else None}
                  for p in d.paragraphs]
    tables = []
    for t in d.tables:
        rows = []
        for r in range(len(t.rows)):
            row = []
            for c in range(len(t.columns)):
                row.append(t.cell(r, c).text)
            rows.append(row)
        # identity of cell objects: python-docx returns the same underlying tc for merged cells
        same = []
        for r in range(len(t.rows)):
            same.append([t.cell(r, c)._tc is t.cell(0 if r == 0 else r - 1, c)._tc if r > 0 else False
                         for c in range(len(t.columns))])
        tables.append({"rows": rows, "same_as_above": same})
    section = d.sections[0]
    print(json.dumps({
        "paragraphs": paragraphs,
        "tables": tables,
        "page": {"width": section.page_width, "height": section.page_height,
                 "left": section.left_margin, "top": section.top_margin},
        "title": d.core_properties.title,
    }, ensure_ascii=False))


def lo_pdf(path):
    import os
    import subprocess
    import tempfile
    out = tempfile.mkdtemp()
    result = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", out, path],
                            capture_output=True, text=True, timeout=180)
    pdf = os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    ok = result.returncode == 0 and os.path.exists(pdf) and os.path.getsize(pdf) > 0
    print(json.dumps({"ok": ok, "pdf": pdf if ok else None, "log": result.stdout + result.stderr}, ensure_ascii=False))
    sys.exit(0 if ok else 1)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        sys.exit(2)
    command, path = sys.argv[1], sys.argv[2]
    {"xlsx-dump": xlsx_dump, "xlsx-make": xlsx_make, "docx-dump": docx_dump, "lo-pdf": lo_pdf}[command](path)


if __name__ == "__main__":
    main()
