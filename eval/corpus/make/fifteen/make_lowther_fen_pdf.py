"""Build letters/lowther-fen-2024.pdf, the `also` form of letters/lowther-fen-2024.txt
(same text, same line breaks, proportional font).

Run: /work/main/.venv/bin/python make/make_lowther_fen_pdf.py   (from /work/sealed-2027-05/L)
"""
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parents[2]
SRC = HERE / "letters" / "lowther-fen-2024.txt"
OUT = HERE / "letters" / "lowther-fen-2024.pdf"

pdf = FPDF(format="A4")
pdf.set_margins(22, 20, 22)
pdf.set_auto_page_break(True, margin=20)
pdf.add_font("Lib", "", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
pdf.add_font("Lib", "B", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")
pdf.add_page()
lines = SRC.read_text().split("\n")
for i, line in enumerate(lines):
    if i == 0:
        pdf.set_font("Lib", "B", 14)
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        continue
    pdf.set_font("Lib", "", 10)
    if not line.strip():
        pdf.ln(3)
        continue
    indent = len(line) - len(line.lstrip(" "))
    pdf.set_x(pdf.l_margin + indent * 1.6)
    pdf.cell(0, 5, line.strip(), new_x="LMARGIN", new_y="NEXT")
pdf.output(str(OUT))
print("wrote", OUT)
