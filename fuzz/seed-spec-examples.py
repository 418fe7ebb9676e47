#!/usr/bin/env python3
"""Writes every Nth example of the CommonMark and GFM specs into a folder, as extra fuzz seeds.

The spec files stay in ../shared/corpus (their licence keeps them out of this repository);
`make fuzz` runs this into its scratch folder when the corpus is there.

usage: seed-spec-examples.py CORPUS_DIR OUT_DIR [EVERY]
"""
import os
import sys

FENCE = "`" * 32
FILES = [
    "commonmark-spec/spec.md",
    "cmark-gfm/test/spec.md",
    "cmark-gfm/test/extensions.md",
    "cmark-gfm/test/regression.md",
    "cmark-gfm/test/smart_punct.md",
]


def examples(text):
    current, in_output = None, False
    for line in text.split("\n"):
        if current is None and not in_output:
            if line.startswith(FENCE + " example"):
                current = []
        elif not in_output:
            if line == ".":
                yield "".join(l + "\n" for l in current).replace("\u2192", "\t")
                current, in_output = None, True
            else:
                current.append(line)
        elif line.startswith(FENCE):
            in_output = False


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    os.makedirs(out, exist_ok=True)
    written = 0
    for rel in FILES:
        path = os.path.join(corpus, rel)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for i, md in enumerate(examples(f.read())):
                if i % every == 0:
                    name = rel.replace("/", "_") + "-%d.md" % (i + 1)
                    with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as o:
                        o.write(md)
                    written += 1
    print("%d spec examples written to %s" % (written, out))


if __name__ == "__main__":
    main()
