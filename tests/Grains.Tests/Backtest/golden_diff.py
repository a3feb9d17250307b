"""Compare the golden demo outputs before and after a change that only adds or renames columns: every old column
(mapped through RENAMED) and summary field must be unchanged, row for row. Usage: golden_diff.py OLD_DIR NEW_DIR
(uncompressed buckets.csv, equity.csv, trades.csv, summary.json in each)."""
import csv, json, sys
old, new = sys.argv[1], sys.argv[2]
RENAMED = {"buckets.csv": {"net_pnl": "realized_pnl"}}   # old name -> new name
ok = True
def cmp_csv(name):
    global ok
    with open(f"{old}/{name}", newline="") as f: o = list(csv.reader(f))
    with open(f"{new}/{name}", newline="") as f: n = list(csv.reader(f))
    ren = RENAMED.get(name, {})
    oh, nh = o[0], n[0]
    idx = [(i, nh.index(ren.get(c, c))) for i, c in enumerate(oh)]
    added = [c for c in nh if c not in [ren.get(x, x) for x in oh]]
    if len(o) != len(n):
        print(name, "row count differs", len(o), len(n)); ok = False; return
    diffs = 0
    for r, (orow, nrow) in enumerate(zip(o[1:], n[1:]), 2):
        for i, j in idx:
            if orow[i] != nrow[j]:
                diffs += 1
                if diffs <= 5: print(name, "row", r, oh[i], orow[i], "!=", nrow[j])
    print(f"{name}: {len(o)-1} rows, {len(idx)} old columns compared (renames {ren}), {diffs} differences; added columns: {added}")
    ok = ok and diffs == 0
def cmp_json(name):
    global ok
    o = json.load(open(f"{old}/{name}")); n = json.load(open(f"{new}/{name}"))
    diffs = 0; added = set()
    for a, b in zip(o, n):
        for k, v in a.items():
            if b.get(k, object()) != v:
                diffs += 1; print(name, a.get("strategy"), k, v, b.get(k))
        added |= set(b) - set(a)
    print(f"{name}: {len(o)} rows ({len(n)} new), {diffs} differences in old fields; added fields: {sorted(added)}")
    ok = ok and diffs == 0 and len(o) == len(n)
for f in ["buckets.csv", "equity.csv", "trades.csv"]: cmp_csv(f)
cmp_json("summary.json")
print("IDENTICAL apart from added/renamed columns" if ok else "DIFFERENT")
