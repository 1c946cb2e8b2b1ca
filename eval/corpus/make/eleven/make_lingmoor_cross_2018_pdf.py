"""Make letters/lingmoor-cross-2018.pdf: the same letter as lingmoor-cross-2018.txt, printed to PDF."""
from pathlib import Path

from fpdf import FPDF

LETTERS = Path(__file__).resolve().parents[2] / "letters"
SRC = LETTERS / "lingmoor-cross-2018.txt"
OUT = LETTERS / "lingmoor-cross-2018.pdf"

lines = SRC.read_text(encoding="ascii").splitlines()
pdf = FPDF(format="A4")
pdf.set_auto_page_break(True, margin=18)
pdf.set_margins(20, 18, 20)
pdf.add_page()
for i, line in enumerate(lines):
    if i == 0:
        pdf.set_font("Times", "B", 15)
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        continue
    if 1 <= i <= 4:
        pdf.set_font("Times", "", 9)
        pdf.cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
        continue
    if line.isupper() and line.strip():
        pdf.set_font("Times", "B", 11)
    else:
        pdf.set_font("Times", "", 11)
    if not line.strip():
        pdf.ln(3)
        continue
    indent = len(line) - len(line.lstrip(" "))
    pdf.set_x(20 + indent * 2)
    pdf.multi_cell(0, 5.2, line.strip(), new_x="LMARGIN", new_y="NEXT")
pdf.output(str(OUT))
print("wrote", OUT)
