"""Builds nethercott-2018.pdf, the `also` form of nethercott-2018.txt: the same text, line for line, in Courier."""
from pathlib import Path
from fpdf import FPDF

HERE = Path(__file__).resolve().parents[2] / "letters"
SRC = HERE / "nethercott-2018.txt"
OUT = HERE / "nethercott-2018.pdf"

pdf = FPDF(format="A4")
pdf.set_margins(15, 15, 15)
pdf.set_auto_page_break(True, margin=15)
pdf.add_page()
for i, line in enumerate(SRC.read_text(encoding="utf-8").splitlines()):
    if i == 0:
        pdf.set_font("Courier", "B", 12)
    else:
        pdf.set_font("Courier", size=9.5)
    pdf.cell(0, 4.4, line, new_x="LMARGIN", new_y="NEXT")
pdf.output(str(OUT))
print("wrote", OUT)
