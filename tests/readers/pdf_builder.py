"""Small ruled-table PDFs for reader tests, laid out by hand with fpdf2.

`TablePdf` wraps each paragraph greedily to its column, leaves a gap between
paragraphs, breaks a row across pages when it does not fit (repeating the header
row), and can add a running header and page numbers.
"""
from fpdf import FPDF

HEADER = ["Objectives", "Typical problems", "Implementation measures", "Timeframe",
          "Executing agencies", "Indicators of achievement"]


class TablePdf:
    def __init__(self, widths=(45, 45, 70, 55, 70, 60), size=8, page_height=140, gap=2.0,
                 running_header=None, page_numbers=False, indent=0.0, rules=True):
        self.pdf = FPDF(orientation="L", unit="pt", format=(page_height + 80, sum(widths) + 60))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_font("Helvetica", size=size)
        self.widths, self.size, self.gap, self.indent = list(widths), size, gap, indent
        self.pitch = size * 1.2
        self.left, self.top, self.bottom = 30.0, 40.0, page_height + 40
        self.running_header, self.page_numbers, self.rules = running_header, page_numbers, rules
        self.pad = 2.0 if rules else 6.0  # an unruled table keeps its columns apart by a gutter
        self.page = 0

    # -- text layout ---------------------------------------------------------------
    def wrap(self, text, width, indent=0.0):
        lines, line = [], ""
        for word in text.split(" "):
            trial = f"{line} {word}" if line else word
            limit = width - 2 * self.pad - (indent if not lines else 0.0)
            if self.pdf.get_string_width(trial) <= limit or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        return lines + [line]

    def cell_lines(self, paragraphs, width, indent=None):
        """(text, dx, dy) of every line of a cell, dy from the cell top."""
        indent = self.indent if indent is None else indent
        out, y = [], 0.0
        for i, para in enumerate(paragraphs):
            if i:
                y += self.gap
            for j, line in enumerate(self.wrap(para, width, indent)):
                out.append((line, indent if j == 0 else 0.0, y))
                y += self.pitch
        return out

    # -- pages ---------------------------------------------------------------------
    def new_page(self, title=()):
        self.pdf.add_page()
        self.page += 1
        if self.running_header:
            self.pdf.text(self.left, 20, self.running_header)
        if self.page_numbers:
            self.pdf.text(self.left + sum(self.widths) / 2, self.bottom + 25, str(self.page))
        y = self.top
        for line in title:
            self.pdf.text(self.left, y, line)
            y += self.pitch * 1.5
        return y

    def draw_row(self, y, cells, height):
        x = self.left
        for width, lines in zip(self.widths, cells):
            for text, dx, dy in lines:
                self.pdf.text(x + self.pad + dx, y + 2 + dy + self.size, text)
            x += width
        if not self.rules:
            return
        x = self.left
        self.pdf.line(x, y, x + sum(self.widths), y)
        self.pdf.line(x, y + height, x + sum(self.widths), y + height)
        for width in [0] + self.widths:
            x += width
            self.pdf.line(x, y, x, y + height)

    def build(self, rows, path, title=("Plan for 2011-2013",), after=()):
        """Rows are lists of cells, each a list of paragraph texts."""
        y = self.new_page(title)
        header = [self.cell_lines([h], w, indent=0.0) for h, w in zip(HEADER, self.widths)]
        header_h = max(l[-1][2] for l in header) + self.pitch + 4

        def put_header(y):
            self.draw_row(y, header, header_h)
            return y + header_h

        y = put_header(y)
        for row in rows:
            cells = [self.cell_lines(c, w) if c else [] for c, w in zip(row, self.widths)]
            while True:
                room = self.bottom - y - 4
                now = [[l for l in c if l[2] + self.pitch <= room] for c in cells]
                rest = [[l for l in c if l[2] + self.pitch > room] for c in cells]
                if not any(now):  # nothing fits: the whole row moves to the next page
                    y = put_header(self.new_page())
                    continue
                if not any(rest):
                    height = max((c[-1][2] + self.pitch for c in now if c), default=self.pitch) + 4
                    height += 0 if self.rules else self.pitch  # an unruled table keeps rows apart by space
                    self.draw_row(y, now, height)
                    y += height
                    break
                self.draw_row(y, now, self.bottom - y)  # the row runs to the foot of the page
                y = put_header(self.new_page())
                # each cell goes on at the top of the row on the next page
                cells = [[(t, dx, dy - c[0][2]) for t, dx, dy in c] if c else [] for c in rest]
        for line in after:
            self.pdf.text(self.left, y + self.pitch * 1.5, line)
            y += self.pitch * 1.5
        self.pdf.output(str(path))
        return path
