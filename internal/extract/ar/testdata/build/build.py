#!/usr/bin/env python3
"""Writes the Arabic test corpus (corpus/*.txt in the header format of
CONTRACTS.md) and its gold annotations (gold/*.json, the shape
score-extraction reads) from corpus1.py … corpus3.py, and the held-out texts (heldout*/) from heldout1.py … heldout7.py."""
import json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
import corpus1
import corpus2, corpus3  # noqa: F401  (they add to corpus1.DOCS)
import heldout1
import heldout2  # noqa: F401  (adds to heldout1.DOCS)
import heldout3  # noqa: F401
import heldout4  # noqa: F401
import heldout5  # noqa: F401
import heldout6  # noqa: F401
import heldout7  # noqa: F401

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)

def ent(names):
    return [{"name": n, "aliases": []} for n in names]

def write(d, base):
    os.makedirs(os.path.join(base, "corpus"), exist_ok=True)
    os.makedirs(os.path.join(base, "gold"), exist_ok=True)
    with open(os.path.join(base, "corpus", d["id"] + ".txt"), "w", encoding="utf-8") as f:
        f.write(f"Title: {d['title']}\nPublisher: {d['publisher']}\nPublished: {d['published']}\nLanguage: ar\n---\n{d['body']}")
    gold = {"id": d["id"],
            "persons": [{"name": n, "aliases": list(a)} for n, a in d["persons"]],
            "facilities": ent(d["facilities"]), "places": ent(d["places"]), "organizations": ent(d["orgs"]),
            "events": [{"type": t, "who": [{"name": n, "role": r} for n, r in who], "where": w, "date": dt}
                       for t, who, w, dt in d["events"]]}
    with open(os.path.join(base, "gold", d["id"] + ".json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")
for d in corpus1.DOCS:
    write(d, OUT)
for d in heldout1.DOCS:
    write(d, os.path.join(OUT, {"ho": "heldout", "hu": "heldout2", "hv": "heldout3", "hw": "heldout4", "hx": "heldout5", "hy": "heldout6", "hz": "heldout7"}[d["id"][:2]]))
print(len(corpus1.DOCS), "documents,", len(heldout1.DOCS), "held out")
