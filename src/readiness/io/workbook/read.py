"""Reading a profile workbook (.xlsx) into profile data, every value located at its cell.

The file is checked before any spreadsheet code reads it: a regular file under the input size
limit, a zip (not a renamed CSV, not a password-protected workbook, which is an OLE file), an
.xlsx inside, and a zip directory whose unpacked sizes and compression ratios are within the
limits (docs/security.md); unpacking then never yields more than the declared sizes. Cell values
are read, formulas never evaluated: a formula counts by its saved value. Each problem is
collected, and the reader's own problems are reported together with the profile model's.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...lang.text import bounded, clip, suggest
from ...model.errors import Cell, FileLine, Location, Problem, ReadinessError
from ..documents import Document
from ..yamlfile import limit, read_bytes
from .layout import COUNCIL, COUNCIL_COLUMNS, NONE_MARKER, README, ListSheet, Slot, layout
from .values import from_cell, is_blank
from .write import ALLOWED

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted workbook, or an old .xls
ZIP_MAGIC = b"PK\x03\x04"
RATIO_FLOOR = 1_000_000  # a part smaller than this may compress as well as it likes
CHUNK = 1 << 20
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Za-z0-9:$]+)\"")
IGNORED_SHEETS = (README.lower(), ALLOWED.lower())


@dataclass(frozen=True)
class Row:
    """Where one list item is: its sheet, its row, and the column of each field."""

    sheet: str
    row: int
    columns: dict[str, str]  # header -> column letter


@dataclass(frozen=True)
class WorkbookDocument(Document):
    """Profile data read from a workbook: `at()` answers with the cell a value came from."""

    facts: dict[tuple[Any, ...], str] = field(default_factory=dict)  # fact path -> its Value cell on Council
    items: dict[tuple[Any, ...], Row] = field(default_factory=dict)  # an item's location -> its row
    lists: dict[tuple[Any, ...], str] = field(default_factory=dict)  # a list's location -> its sheet
    found: tuple[Problem, ...] = ()  # the reader's own problems, reported with the model's

    def at(self, loc: tuple[Any, ...] | list[Any]) -> Location:
        loc = tuple(loc)
        for k in range(len(loc), 0, -1):
            prefix = loc[:k]
            if prefix in self.facts:
                return Cell(self.file or "", COUNCIL, self.facts[prefix])
            row = self.items.get(prefix)
            if row is not None:
                names = [p for p in loc[k:] if isinstance(p, str)]
                for j in range(len(names), 0, -1):
                    letter = row.columns.get(".".join(names[:j]))
                    if letter:
                        return Cell(self.file or "", row.sheet, f"{letter}{row.row}")
                return Cell(self.file or "", row.sheet, f"{row.row}:{row.row}")
            if prefix in self.lists:
                return Cell(self.file or "", self.lists[prefix], "1:1")
        return FileLine(self.file, None)

    def validate(self, model: Any, error: type[ReadinessError], raw: Any = None, prefix: tuple[Any, ...] = ()) -> Any:
        """The model's problems and the reader's together, once each place (a cell the reader
        refused is not also 'missing')."""
        try:
            result = super().validate(model, error, raw, prefix)
        except ReadinessError as exc:
            if not self.found:
                raise
            taken = {str(p.location) for p in self.found}
            raise error(list(self.found) + [p for p in exc.problems if str(p.location) not in taken]) from None
        if self.found:
            raise error(list(self.found))
        return result


def read_workbook(path: Path, error: type[ReadinessError]) -> WorkbookDocument:
    """Read a profile workbook; a file that is not one, or is over a limit, is one clear `error`."""
    where = str(path)
    data = read_bytes(path, error)
    archive = _open_zip(data, where, error)
    merges = _check_parts(archive, where, error)
    wb = _load(data, where, error)
    reader = _Reader(where, wb, merges)
    reader.read()
    return WorkbookDocument(reader.data, file=where, facts=reader.facts, items=reader.items, lists=reader.lists,
                            found=tuple(reader.problems))


# --- before any spreadsheet code reads it ----------------------------------------------------


def _open_zip(data: bytes, where: str, error: type[ReadinessError]) -> zipfile.ZipFile:
    if data.startswith(OLE_MAGIC):
        raise error(Problem("is a password-protected workbook, or an old-style .xls file: readiness reads .xlsx "
                            "without a password. In Excel: File > Info > Protect Workbook > Encrypt with Password, "
                            "clear the password, and save as Excel Workbook (.xlsx)", file=where))
    if not data.startswith(ZIP_MAGIC):
        looks = "text (a CSV file renamed .xlsx?)" if _looks_like_text(data) else "another kind of file"
        raise error(Problem(f"is not an Excel workbook (.xlsx): it holds {looks}. Open it in your spreadsheet "
                            "application and save it as Excel Workbook (.xlsx)", file=where))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise error(Problem(f"is not a readable workbook: the file is damaged ({clip(str(exc))}); save it again "
                            "from your spreadsheet application", file=where)) from None
    if "xl/workbook.xml" not in names:
        raise error(Problem("is a zip file but not an Excel workbook (it has no xl/workbook.xml): save the "
                            "profile from your spreadsheet application as Excel Workbook (.xlsx)", file=where))
    return archive


def _looks_like_text(data: bytes) -> bool:
    try:
        data[:2000].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _check_parts(archive: zipfile.ZipFile, where: str, error: type[ReadinessError]) -> dict[str, list[str]]:
    """Refuse a zip bomb by its directory (total unpacked size, each part's compression ratio)
    before unpacking, then unpack each part once, counting, to find merged cells. Returns the
    merged ranges of each worksheet part."""
    most, ratio = limit("READINESS_MAX_WORKBOOK_BYTES"), limit("READINESS_MAX_COMPRESSION_RATIO")
    infos = archive.infolist()
    total = sum(i.file_size for i in infos)
    if total > most:
        raise error(Problem(f"unpacks to {total:,} bytes, over the limit of {most:,} for one workbook (set "
                            "READINESS_MAX_WORKBOOK_BYTES to raise it)", file=where))
    for info in infos:
        if info.flag_bits & 0x1:
            raise error(Problem("is password-protected: save it without a password as Excel Workbook (.xlsx)",
                                file=where))
        if info.file_size > RATIO_FLOOR and info.file_size > ratio * max(1, info.compress_size):
            raise error(Problem(f"part {clip(info.filename)} unpacks to {info.file_size:,} bytes from "
                                f"{info.compress_size:,}, over {ratio} times its packed size: this is not an "
                                "ordinary workbook (set READINESS_MAX_COMPRESSION_RATIO to raise it)", file=where))
    merges: dict[str, list[str]] = {}
    read = 0
    # Each filled row holds at most one cell per column: far more values than that is refused
    # here, before spreadsheet code spends time on them.
    plan = layout()
    most_values = limit("READINESS_MAX_ROWS") * (max(len(s.headers) for s in plan.sheets) + len(COUNCIL_COLUMNS))
    for info in infos:
        sheet_part = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        found: list[str] = []
        tail = b""
        values = 0
        try:
            with archive.open(info) as part:
                while chunk := part.read(CHUNK):
                    read += len(chunk)
                    if read > most:
                        raise error(Problem(f"unpacks to more than {most:,} bytes (set READINESS_MAX_WORKBOOK_BYTES "
                                            "to raise it)", file=where))
                    if sheet_part:
                        window = tail + chunk
                        found += [m.decode() for m in _MERGE.findall(window)]
                        values += chunk.count(b"<v>") + chunk.count(b"<is>")  # cells with a value
                        tail = window[-200:]
                        if values > most_values:
                            raise error(Problem(
                                f"one sheet holds more than {most_values:,} filled cells, more than "
                                f"{limit('READINESS_MAX_ROWS'):,} filled rows of a profile sheet could (set "
                                "READINESS_MAX_ROWS to raise it)", file=where))
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise error(Problem(f"is not a readable workbook: part {clip(info.filename)} is damaged "
                                f"({clip(str(exc))}); save it again from your spreadsheet application",
                                file=where)) from None
        if found:
            merges["/" + info.filename] = list(dict.fromkeys(found))
            merges[info.filename] = merges["/" + info.filename]
    return merges


def _load(data: bytes, where: str, error: type[ReadinessError]) -> Any:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on extensions it does not read
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a malformed file
        raise error(Problem(f"is not a readable workbook ({type(exc).__name__}: {clip(str(exc))}); save it again "
                            "from your spreadsheet application as Excel Workbook (.xlsx)", file=where)) from None


# --- reading the sheets ----------------------------------------------------------------------


class _Reader:
    def __init__(self, where: str, wb: Any, merges: dict[str, list[str]]) -> None:
        self.where, self.wb, self.merges = where, wb, merges
        self.plan = layout()
        self.data: dict[str, Any] = {}
        self.facts: dict[tuple[Any, ...], str] = {}
        self.items: dict[tuple[Any, ...], Row] = {}
        self.lists: dict[tuple[Any, ...], str] = {}
        self.problems: list[Problem] = []
        self.item_at: dict[tuple[str, int], tuple[tuple[Any, ...], dict[str, Any]]] = {}  # (sheet, row) -> item

    def problem(self, sheet: str, cell: str, message: str, field: str | None = None) -> None:
        self.problems.append(Problem(message, location=Cell(self.where, sheet, cell), field=field))

    def read(self) -> None:
        sheets = {}
        for ws in self.wb.worksheets:
            title = ws.title
            if getattr(ws, "sheet_state", "visible") != "visible":
                self.problem(title, "A1", "this sheet is hidden: readiness reads only what you can see. Unhide it "
                             "(right-click a sheet tab, Unhide) and check it, or delete it")
                continue
            if title.lower() in IGNORED_SHEETS:
                continue
            if title.lower() == COUNCIL.lower():
                sheets[COUNCIL] = ws
                continue
            known = self.plan.sheet(title)
            if known is None:
                names = [s for s in self.plan.sheet_titles() if s != README]
                self.problem(title, "A1", f"a sheet readiness does not know{suggest(title, names)}: a profile "
                             f"workbook has the sheets {', '.join(names)} (run `readiness init --format xlsx` "
                             "for the template); rename or delete this one")
                continue
            sheets[known.title] = ws
        for ws in self.wb.chartsheets if hasattr(self.wb, "chartsheets") else []:
            self.problem(ws.title, "A1", "a chart sheet, which a profile workbook does not have: delete it")
        if COUNCIL in sheets:
            self.read_council(sheets[COUNCIL])
        elif not any(getattr(p.location, "sheet", "").lower() == COUNCIL.lower() for p in self.problems):  # hidden
            self.problems.append(Problem("has no Council sheet, where the council's name and as_of go (run "
                                         "`readiness init --format xlsx` for the template)", file=self.where))
        for sheet in self.plan.sheets:  # parents before children
            if sheet.title in sheets:
                self.read_list(sheets[sheet.title], sheet)

    # one sheet's filled cells, bounded

    def cells(self, ws: Any) -> Any:
        """(row number, {column: cell}) for each row with a filled cell; merged cells, formulas
        without a saved value and error values are refused; at most READINESS_MAX_ROWS rows."""
        from openpyxl.cell.read_only import ReadOnlyCell
        from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

        title = ws.title
        path = getattr(ws, "_worksheet_path", "")
        for ref in self.merges.get(path, []):
            self.problem(title, ref, "merged cells: unmerge them and type each value in its own cell (readiness "
                         "does not guess which rows or columns a merged value belongs to)")
        most = limit("READINESS_MAX_ROWS")

        class Parser(WorkSheetParser):
            def parse_cell(self, element: Any) -> dict[str, Any]:
                cell = super().parse_cell(element)
                cell["formula"] = element.find(FORMULA_TAG) is not None
                return cell

        filled = 0
        with ws._get_source() as src:
            parser = Parser(src, ws._shared_strings, data_only=True, epoch=self.wb.epoch,
                            date_formats=self.wb._date_formats, timedelta_formats=self.wb._timedelta_formats)
            for number, row in parser.parse():
                kept = {}
                for found in row:
                    formula = found.pop("formula")
                    cell = ReadOnlyCell(ws, **found)
                    if cell.data_type == "e":
                        self.problem(title, cell.coordinate, f"the cell shows an error ({bounded(cell.value)}): "
                                     "type the value instead")
                        continue
                    if formula and cell.value is None:
                        self.problem(title, cell.coordinate, "the cell holds a formula with no saved value: type "
                                     "the value (or open and save the workbook in your spreadsheet application)")
                        continue
                    if not is_blank(cell.value):
                        kept[cell.column] = cell
                if not kept:
                    continue
                filled += 1
                if filled > most:
                    self.problem(title, f"{number}:{number}", f"more than {most:,} filled rows on one sheet (set "
                                 "READINESS_MAX_ROWS to raise it)")
                    return
                yield number, kept

    # the Council sheet

    def read_council(self, ws: Any) -> None:
        rows = iter(self.cells(ws))
        header = next(rows, None)
        if header is None or header[0] != 1:
            self.problem(COUNCIL, "A1", f"row 1 must name the columns: {', '.join(COUNCIL_COLUMNS)}")
            return
        columns = {}
        for column, cell in header[1].items():
            name = str(cell.value).strip()
            known = next((c for c in COUNCIL_COLUMNS if c.lower() == name.lower()), None)
            if known is None:
                self.problem(COUNCIL, cell.coordinate, f"a column readiness does not know: {bounded(name)}"
                             f"{suggest(name, list(COUNCIL_COLUMNS))}; the Council sheet has the columns "
                             f"{', '.join(COUNCIL_COLUMNS)} (put notes in a source row)")
            columns[known] = column
        if "Fact" not in columns or "Value" not in columns:
            self.problem(COUNCIL, "A1", "the Council sheet needs its Fact and Value columns (row 1)")
            return
        from openpyxl.utils import get_column_letter

        value_letter = get_column_letter(columns["Value"])
        seen: dict[str, int] = {}
        names = [f.name for f in self.plan.facts]
        for number, filled in rows:
            fact_cell, value_cell = filled.get(columns["Fact"]), filled.get(columns["Value"])
            if fact_cell is None:
                if value_cell is not None:
                    self.problem(COUNCIL, value_cell.coordinate, "a value with no fact name in its row: put the "
                                 "fact's name in the Fact column, or delete the value")
                continue
            name = str(fact_cell.value).strip()
            slot = self.plan.fact(name)
            if slot is None:
                self.problem(COUNCIL, fact_cell.coordinate, f"a fact readiness does not know: {bounded(name)}"
                             f"{suggest(name, names)} (the Fact column must keep the template's names)")
                continue
            if name in seen:
                self.problem(COUNCIL, fact_cell.coordinate, f"{name} appears twice (first in row {seen[name]}): "
                             "keep one row", field=name)
                continue
            seen[name] = number
            self.facts[slot.path] = f"{value_letter}{number}"
            if value_cell is not None:
                _put(self.data, slot.path, from_cell(slot, value_cell.value, value_cell.number_format))

    # list sheets

    def read_list(self, ws: Any, sheet: ListSheet) -> None:
        from openpyxl.utils import get_column_letter

        title = sheet.title
        rows = iter(self.cells(ws))
        header = next(rows, None)
        if header is None:
            return
        if header[0] != 1:
            self.problem(title, "A1", f"row 1 must name the columns: {', '.join(sheet.headers)}")
            return
        by_name = {c.name: c for c in sheet.columns}
        columns: dict[int, Slot | None] = {}  # column number -> its slot (None: the parent column)
        letters: dict[str, str] = {}
        for column, cell in header[1].items():
            name = str(cell.value).strip()
            if sheet.parent_column and name.lower() == sheet.parent_column.lower():
                columns[column] = None
            elif name in by_name:
                columns[column] = by_name[name]
            else:
                self.problem(title, cell.coordinate, f"a column readiness does not know: {bounded(name)}"
                             f"{suggest(name, sheet.headers)}; this sheet's columns are {', '.join(sheet.headers)}")
                continue
            if name in letters:
                self.problem(title, cell.coordinate, f"the column {name} appears twice: keep one")
                continue
            letters[name] = get_column_letter(column)
        if sheet.parent is not None and None not in columns.values():
            if next(iter(rows), None) is not None:
                self.problem(title, "A1", f"this sheet needs its '{sheet.parent_column}' column: the row number of "
                             f"each item's {sheet.parent.title.lower()} on the '{sheet.parent.title}' sheet")
            return
        for number, filled in rows:
            item: dict[str, Any] = {}
            owner: tuple[tuple[Any, ...], dict[str, Any]] | None = None
            owner_cell = None
            for column, cell in filled.items():
                if column not in columns:
                    if column not in header[1]:  # (a column with an unknown name is reported once, above)
                        self.problem(title, cell.coordinate, "a value in a column with no name in row 1: name the "
                                     "column or delete the value")
                    continue
                slot = columns[column]
                if slot is None:
                    owner_cell = cell
                    continue
                _put(item, slot.path, from_cell(slot, cell.value, cell.number_format))
            if sheet.parent is not None:
                owner = self.owner(sheet, owner_cell, number)
                if owner is None:
                    continue
                list_loc = owner[0] + sheet.path
                holder = owner[1]
            else:
                list_loc, holder = sheet.path, self.data
            items = _list_at(holder, sheet.path)
            self.lists.setdefault(list_loc, title)
            marker = sheet.marker_column.name
            if list(item) == [marker.split(".")[0]] and _get(item, sheet.marker_column.path) == NONE_MARKER:
                continue  # evidence of none: the list is there, and empty
            loc = list_loc + (len(items),)
            items.append(item)
            self.items[loc] = Row(title, number, letters)
            self.item_at[(title, number)] = (loc, item)

    def owner(self, sheet: ListSheet, cell: Any, number: int) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
        """The parent item a child row names in its parent column: its row number on the parent
        sheet (what export writes), or its exact title (which survives sorting that sheet)."""
        parent = sheet.parent
        assert parent is not None
        where = cell.coordinate if cell is not None else f"A{number}"
        value = cell.value if cell is not None else None
        item = parent.item_words
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, str):
            title = value.strip()
            named = parent.marker_column
            mine = [found for (on, _), found in self.item_at.items() if on == parent.title]
            matches = [found for found in mine if _get(found[1], named.path) == title]
            if len(matches) == 1:
                return matches[0]
            if matches:
                self.problem(sheet.title, where, f"{len(matches)} {item}s on the '{parent.title}' sheet have the "
                             f"{named.name} {bounded(title)}: give the row number of the one this belongs to")
            else:
                titles = [str(_get(found[1], named.path)) for found in mine]
                self.problem(sheet.title, where, f"no {item} on the '{parent.title}' sheet has the {named.name} "
                             f"{bounded(title)}{suggest(title, titles)}: give its row number or its exact {named.name}")
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem(sheet.title, where, f"'{sheet.parent_column}' must be the row number (or the exact "
                         f"{parent.marker_column.name}) of the {item} on the '{parent.title}' sheet, e.g. 2 "
                         f"(got {bounded(value)})")
            return None
        found = self.item_at.get((parent.title, value))
        if found is None:
            self.problem(sheet.title, where, f"row {value} of the '{parent.title}' sheet holds no {item}: give the "
                         "row number of the one this belongs to")
        return found


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for name in path[:-1]:
        target = target.setdefault(name, {})
    target[path[-1]] = value


def _get(source: dict[str, Any], path: tuple[str, ...]) -> Any:
    for name in path:
        source = source.get(name) if isinstance(source, dict) else None
    return source


def _list_at(holder: dict[str, Any], path: tuple[str, ...]) -> list[Any]:
    for name in path[:-1]:
        holder = holder.setdefault(name, {})
    return holder.setdefault(path[-1], [])
