#!/usr/bin/env python3
"""Writes the English extraction corpus: testdata/corpus/*.txt (header format
of CONTRACTS.md) and testdata/gold/*.json (annotation shape of the scorer).
Run from internal/extract/en: python3 testdata/build/build.py"""
import json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from corpus1 import DOCS, P, E, EV
import corpus2, corpus3, corpus4, corpus5, corpus6  # noqa: F401  (they add to DOCS)

SEED_GOLD = {
 "000_a3205aadd3606134": {
  "persons": [P("Ous Salloum", ["Azrael of Sednaya"], "Al-Qabu"), P("Mazen al-Hamada"), P("Bashar al-Assad")],
  "facilities": [E("Sednaya Prison", ["Human Slaughterhouse"])],
  "places": [E("Homs"), E("Wadi al-Dhahab"), E("Akrama"), E("Syria"), E("Al-Qabu")],
  "organizations": [E("Deterrence of Aggression"), E("Syrian Ministry of Interior", ["Interior Ministry"]), E("Directorate of Military Operations"), E("SANA")],
  "events": [EV("arrest", [("Ous Salloum", "subject")], "Homs", "2025-01-02"),
             EV("torture_allegation", [("Ous Salloum", "perpetrator"), ("Mazen al-Hamada", "victim")]),
             EV("torture_allegation", [("Ous Salloum", "perpetrator")], "Sednaya Prison"),
             EV("execution_allegation", [("Ous Salloum", "perpetrator")], "Sednaya Prison"),
             EV("testimony", [("Mazen al-Hamada", "witness")]),
             EV("death_in_custody", [("Mazen al-Hamada", "victim")]),
             EV("testimony", [], "Sednaya Prison")]},
 "001_5d36e5f0ae2196e5": {
  "persons": [P("Anas Khattab"), P("Muhammad Abdulqadir"), P("Thaer Hussein")],
  "facilities": [E("Sednaya Prison")],
  "places": [E("Houla"), E("Talkalakh"), E("Homs"), E("Tartus")],
  "organizations": [E("Syrian Ministry of Interior", ["Interior Ministry"]), E("Internal Security Forces", ["Internal Security"])],
  "events": [EV("arrest", [], "Houla"),
             EV("confession", []),
             EV("referral_to_judiciary", []),
             EV("torture_allegation", []),
             EV("execution_allegation", []),
             EV("testimony", []),
             EV("statement", [("Muhammad Abdulqadir", "subject")]),
             EV("statement", [("Anas Khattab", "subject")]),
             EV("arrest", [("Thaer Hussein", "subject")], "Tartus"),
             EV("referral_to_judiciary", [("Thaer Hussein", "subject")])]},
}

def without_country(g):
    """The annotations never list the country itself (the scorer leaves it out, in gold and prediction)."""
    g = dict(g)
    g["places"] = [p for p in g.get("places", []) if p["name"] != "Syria"]
    return g

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    corpus, gold = os.path.join(root, "corpus"), os.path.join(root, "gold")
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(gold, exist_ok=True)
    ids = set()
    for id, header, body, g in DOCS:
        assert id not in ids, id
        if id.startswith("ho_"):
            corpus_dir, gold_dir = os.path.join(root, "heldout", "corpus"), os.path.join(root, "heldout", "gold")
        elif id.startswith("hu_"):
            corpus_dir, gold_dir = os.path.join(root, "heldout3", "corpus"), os.path.join(root, "heldout3", "gold")
        elif id.startswith("ht_"):
            corpus_dir, gold_dir = os.path.join(root, "heldout2", "corpus"), os.path.join(root, "heldout2", "gold")
        else:
            corpus_dir, gold_dir = corpus, gold
        os.makedirs(corpus_dir, exist_ok=True)
        os.makedirs(gold_dir, exist_ok=True)
        ids.add(id)
        head = "".join(f"{k}: {v}\n" for k, v in header.items())
        with open(os.path.join(corpus_dir, id + ".txt"), "w", encoding="utf-8") as f:
            f.write(head + "---\n" + body + "\n")
        with open(os.path.join(gold_dir, id + ".json"), "w", encoding="utf-8") as f:
            json.dump(dict(id=id, **without_country(g)), f, ensure_ascii=False, indent=1)
            f.write("\n")
    for id, g in SEED_GOLD.items():
        g = without_country(g)
        with open(os.path.join(gold, id + ".json"), "w", encoding="utf-8") as f:
            json.dump(dict(id=id, **g), f, ensure_ascii=False, indent=1)
            f.write("\n")
    print(f"{len(DOCS)} texts, {len(DOCS) + len(SEED_GOLD)} gold files")

main()
