"""Lays out the output of docs/examples/protocol_tour.py as the example exchange of docs/PROTOCOL.md.

Usage: python3 docs/examples/protocol_tour.py | python3 scripts/format_tour.py docs/PROTOCOL.md
Run it against servers on fresh databases (the transcript shows seller 1 and item 4-1). Keys are
reordered for reading (id first, then alphabetical; an error as code, message, field) and the
three blocks under "Seller server", "Buyer server" and "Errors" are replaced."""
import json, sys, re

def order(obj, top=None):
    if isinstance(obj, list):
        return [order(x) for x in obj]
    if not isinstance(obj, dict):
        return obj
    if top:
        keys = [k for k in top if k in obj] + sorted(k for k in obj if k not in top)
    elif set(obj) <= {"code", "message", "field"}:
        keys = [k for k in ("code", "message", "field") if k in obj]
    else:
        keys = (["id"] if "id" in obj else []) + sorted(k for k in obj if k != "id")
    return {k: order(obj[k]) for k in keys}

sections = {}
current = None
for line in sys.stdin.read().splitlines():
    if line.startswith("### "):
        current = line[4:].strip()
        sections[current] = []
        continue
    if line.startswith("→ ") or line.startswith("← "):
        obj = json.loads(line[2:])
        top = ["id", "op", "session", "args"] if line.startswith("→") else ["id", "ok", "result", "error"]
        sections[current].append(line[:2] + json.dumps(order(obj, top), ensure_ascii=False))
    elif line == "" and current and sections[current] and sections[current][-1] != "":
        sections[current].append("")

doc_path = sys.argv[1]
doc = open(doc_path).read()
for heading, name in (("### Seller server", "seller"), ("### Buyer server", "buyer"), ("### Errors", "errors")):
    body = "\n".join(sections[name]).strip("\n")
    pattern = re.compile(re.escape(heading) + r"\n\n```\n.*?\n```", re.S)
    assert pattern.search(doc), heading
    doc = pattern.sub(lambda m: heading + "\n\n```\n" + body + "\n```", doc, count=1)
open(doc_path, "w").write(doc)
