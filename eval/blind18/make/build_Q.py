#!/usr/bin/env python3
"""Build set Q: writes the eight letters to ../Q/letters and their gold files
to ../Q/gold. Needs python-docx for letter D; run with
    /work/main/.venv/bin/python /work/sealed18/make/build_Q.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import letter_a, letter_b, letter_c, letter_d, letter_e, letter_f, letter_g, letter_h  # noqa

MODULES = [letter_a, letter_b, letter_c, letter_d, letter_e, letter_f, letter_g, letter_h]


def main():
    os.makedirs(common.LETTERS, exist_ok=True)
    os.makedirs(common.GOLD, exist_ok=True)
    wanted_letters = {m.FILENAME for m in MODULES}
    wanted_gold = {os.path.splitext(m.FILENAME)[0] + ".json" for m in MODULES}
    # remove stale outputs of earlier builds (only files in our own folders)
    for folder, wanted in ((common.LETTERS, wanted_letters), (common.GOLD, wanted_gold)):
        for name in os.listdir(folder):
            if name not in wanted:
                os.remove(os.path.join(folder, name))
    for m in MODULES:
        if len(m.FILENAME.encode("utf-8")) > 255:
            raise SystemExit("file name too long: %s" % m.FILENAME)
        data, anchors = m.build()
        lp = common.write_bytes(m.FILENAME, data)
        gp = common.write_gold(m.FILENAME, m.GOLD, anchors)
        print("%-9s %6d bytes  %s" % (m.__name__, len(data), os.path.basename(lp)))
        print("          gold -> %s" % os.path.basename(gp))


if __name__ == "__main__":
    main()
