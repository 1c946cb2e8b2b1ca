"""Build the DOCX and PDF letters (and Nantwell's plain-text form) from the modules beside this script.

    /work/main/.venv/bin/python make/build_binary.py      (run from anywhere)
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "letters"
sys.path.insert(0, str(HERE))

import render  # noqa: E402

# module name -> list of (renderer, output file)
JOBS = {
    "abbotsmoor": [("pdf", "abbotsmoor-2018.pdf"), ("docx", "abbotsmoor-2018.docx")],
    "greywell": [("docx", "greywell-2018.docx"), ("pdf", "greywell-2018.pdf")],
    "dallowby": [("pdf", "dallowby-2024.pdf")],
    "hathersedge": [("docx", "hathersedge-2024.docx")],
    "loxbridge": [("docx", "loxbridge-2024.docx")],
    "nantwell": [("pdf", "nantwell-2024.pdf"), ("txt", "nantwell-2024.txt")],
}

for module_name, outputs in JOBS.items():
    module = __import__(module_name)
    footer = getattr(module, "FOOTER", None)
    for kind, name in outputs:
        getattr(render, f"to_{kind}")(module.BLOCKS, str(OUT / name), footer=footer)
        print("wrote", name)
