"""Tiny document model and three renderers (DOCX with python-docx, PDF with fpdf2, plain text).

A letter is a list of blocks:
    ("lh", [line, ...])                 letterhead: first line large and bold
    ("meta", [(label, value), ...])     reference / date lines
    ("addr", [line, ...])               addressee block
    ("h", text)                         heading
    ("q", text)                         a question printed in bold
    ("p", text)                         paragraph
    ("table", widths, header, rows)     ruled table (widths in mm for the PDF, relative for DOCX)
    ("small", text)                     small print (footers about review, re-use, the ICO)
    ("sig", [line, ...])                signature block
Only latin-1 characters are used so that fpdf2's core fonts can draw every letter.
"""
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt
from fpdf import FPDF
from fpdf.fonts import FontFace


def to_docx(blocks, path, footer=None):
    doc = Document()
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Mm(20)
    st = doc.styles["Normal"]
    st.font.name = "Arial"
    st.font.size = Pt(10.5)
    if footer:
        sec.footer.paragraphs[0].text = footer
    for b in blocks:
        kind = b[0]
        if kind == "lh":
            for i, line in enumerate(b[1]):
                para = doc.add_paragraph()
                para.paragraph_format.space_after = Pt(0)
                run = para.add_run(line)
                run.bold = i == 0
                run.font.size = Pt(15 if i == 0 else 9)
            doc.add_paragraph()
        elif kind == "meta":
            for label, value in b[1]:
                para = doc.add_paragraph()
                para.paragraph_format.space_after = Pt(0)
                para.add_run(f"{label}: ").bold = True
                para.add_run(value)
            doc.add_paragraph()
        elif kind in ("addr", "sig"):
            for line in b[1]:
                para = doc.add_paragraph(line)
                para.paragraph_format.space_after = Pt(0)
            doc.add_paragraph()
        elif kind == "h":
            para = doc.add_paragraph()
            run = para.add_run(b[1])
            run.bold = True
            run.font.size = Pt(12)
        elif kind == "q":
            para = doc.add_paragraph()
            para.paragraph_format.space_after = Pt(2)
            para.add_run(b[1]).bold = True
        elif kind == "p":
            doc.add_paragraph(b[1])
        elif kind == "small":
            para = doc.add_paragraph()
            run = para.add_run(b[1])
            run.font.size = Pt(8.5)
        elif kind == "table":
            _, widths, header, rows = b
            table = doc.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, text in zip(table.rows[0].cells, header):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = text
            total = sum(widths)
            for row in table.rows:
                for cell, w in zip(row.cells, widths):
                    cell.width = Mm(170 * w / total)
            doc.add_paragraph()
        else:
            raise ValueError(kind)
    doc.core_properties.author = "Information Governance"
    doc.core_properties.title = "Freedom of Information response"
    doc.save(path)


class _PDF(FPDF):
    footer_text = None

    def footer(self):
        if self.footer_text:
            self.set_y(-14)
            self.set_font("Helvetica", size=7)
            self.cell(0, 4, self.footer_text, align="C")
            self.ln(4)
        self.set_y(-10)
        self.set_font("Helvetica", size=7)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")


def to_pdf(blocks, path, footer=None):
    pdf = _PDF(format="A4")
    pdf.footer_text = footer
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for b in blocks:
        kind = b[0]
        if kind == "lh":
            for i, line in enumerate(b[1]):
                pdf.set_font("Helvetica", "B" if i == 0 else "", 15 if i == 0 else 8.5)
                pdf.cell(0, 7 if i == 0 else 4.2, line, new_x="LMARGIN", new_y="NEXT")
            pdf.set_draw_color(90, 90, 90)
            pdf.line(20, pdf.get_y() + 2, 190, pdf.get_y() + 2)
            pdf.ln(6)
        elif kind == "meta":
            pdf.set_font("Helvetica", size=9.5)
            for label, value in b[1]:
                pdf.set_font("Helvetica", "B", 9.5)
                pdf.cell(34, 5, label + ":")
                pdf.set_font("Helvetica", "", 9.5)
                pdf.cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind in ("addr", "sig"):
            pdf.set_font("Helvetica", size=10)
            for line in b[1]:
                pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind == "h":
            pdf.set_font("Helvetica", "B", 11.5)
            pdf.multi_cell(0, 6, b[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind == "q":
            pdf.set_font("Helvetica", "B", 10)
            pdf.multi_cell(0, 5, b[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("Helvetica", size=10)
            pdf.multi_cell(0, 5, b[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif kind == "small":
            pdf.set_font("Helvetica", size=8)
            pdf.multi_cell(0, 4, b[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "table":
            _, widths, header, rows = b
            pdf.set_font("Helvetica", size=9)
            pdf.set_draw_color(0, 0, 0)
            pdf.set_line_width(0.25)
            with pdf.table(col_widths=widths, width=sum(widths), text_align="LEFT",
                           headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
                           line_height=4.6, padding=1.2, align="LEFT") as table:
                r = table.row()
                for text in header:
                    r.cell(text)
                for row in rows:
                    r = table.row()
                    for text in row:
                        r.cell(text)
            pdf.ln(4)
        else:
            raise ValueError(kind)
    pdf.set_title("Freedom of Information response")
    pdf.set_author("Information Governance")
    pdf.output(path)


def to_txt(blocks, path, footer=None):
    out = []
    for b in blocks:
        kind = b[0]
        if kind == "lh":
            out.append(b[1][0].upper())
            out.extend(b[1][1:])
            out.append("")
        elif kind == "meta":
            out.extend(f"{label}: {value}" for label, value in b[1])
            out.append("")
        elif kind in ("addr", "sig"):
            out.extend(b[1])
            out.append("")
        elif kind == "h":
            out.extend([b[1], "-" * len(b[1]), ""])
        elif kind in ("q", "p", "small"):
            out.extend([b[1], ""])
        elif kind == "table":
            _, widths, header, rows = b
            cols = list(zip(header, *rows))
            w = [max(len(x) for x in col) for col in cols]
            out.append("  ".join(h.ljust(n) for h, n in zip(header, w)).rstrip())
            out.append("  ".join("-" * n for n in w))
            for row in rows:
                out.append("  ".join(c.ljust(n) for c, n in zip(row, w)).rstrip())
            out.append("")
        else:
            raise ValueError(kind)
    if footer:
        out.append(footer)
    with open(path, "w", encoding="utf-8", newline="\r\n") as fh:
        fh.write("\n".join(out).rstrip() + "\n")
