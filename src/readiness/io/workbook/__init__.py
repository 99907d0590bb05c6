"""Spreadsheets in and out: the profile as a workbook (template, import, export) and the
cell-level helpers every workbook this tool writes shares (cells.py).

openpyxl is imported only inside these modules, and only by the commands that need a
workbook, so `readiness --help` and a YAML `check` never load it.
"""
