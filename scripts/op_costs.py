#!/usr/bin/env python3
"""What one call of each operation costs: latency, and CPU of PostgreSQL and of the servers.

Usage: ./market up, then python3 scripts/op_costs.py [seller_port] [buyer_port]

One client, one call at a time, over plain sockets (docs/PROTOCOL.md), so nothing else runs:
each operation is called 2,000 times after 50 warm-up calls, and the CPU time of every postgres
process and of both servers (/proc/<pid>/stat, Linux) is read before and after. Creates a seller,
a buyer and an item with 1,000,000 units in the running market; loopback only. Run it after
`./market bench` for a catalogue of realistic size: the two-word searches use its words. Prints a Markdown
table (docs/PERFORMANCE.md shows one).
"""
import json
import socket
import struct
import subprocess
import sys
import time

CALLS = 2000
WARM_UP = 50
CARD = {"holder": "Bob Example", "number": "4111 1111 1111 1111", "expiry": "04/29"}


class Connection:
    def __init__(self, port):
        self.socket = socket.create_connection(("127.0.0.1", port))
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.next_id = 0
        self.session = None

    def _read(self, count):
        data = b""
        while len(data) < count:
            chunk = self.socket.recv(count - len(data))
            if not chunk:
                raise ConnectionError("the server closed the connection")
            data += chunk
        return data

    def call(self, op, args=None):
        """Sends one request and returns its result; a failure raises."""
        self.next_id += 1
        request = {"id": self.next_id, "op": op}
        if self.session:
            request["session"] = self.session
        if args is not None:
            request["args"] = args
        body = json.dumps(request).encode()
        self.socket.sendall(struct.pack(">I", len(body)) + body)
        (length,) = struct.unpack(">I", self._read(4))
        response = json.loads(self._read(length))
        if not response["ok"]:
            raise RuntimeError(f"{op} failed: {response['error']}")
        return response.get("result")

    def sign_up(self, username):
        self.call("CreateAccount", {"username": username, "password": "correct horse", "name": username})
        self.session = self.call("Login", {"username": username, "password": "correct horse"})["session"]


def cpu_seconds(pattern):
    """CPU seconds used so far by every process whose command line matches `pattern`."""
    total = 0
    pids = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout.split()
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
        except (OSError, IndexError):
            pass  # the process ended meanwhile
    return total / 100


def measure(name, body, calls=CALLS):
    for n in range(WARM_UP):
        body(n)
    database, servers, started = cpu_seconds("postgres"), cpu_seconds("seller-server|buyer-server"), time.perf_counter()
    for n in range(calls):
        body(n)
    elapsed = time.perf_counter() - started
    database = cpu_seconds("postgres") - database
    servers = cpu_seconds("seller-server|buyer-server") - servers
    print(f"| {name} | {elapsed / calls * 1e6:.0f} | {database / calls * 1e6:.0f} | {servers / calls * 1e6:.0f} |")


def main():
    seller = Connection(int(sys.argv[1]) if len(sys.argv) > 1 else 7001)
    buyer = Connection(int(sys.argv[2]) if len(sys.argv) > 2 else 7002)
    suffix = str(time.time_ns())[-8:]
    seller.sign_up("costs-s" + suffix)
    buyer.sign_up("costs-b" + suffix)
    item = seller.call("RegisterItemForSale", {
        "name": "Oak lamp", "category": 4, "keywords": ["lamp", "oak"], "condition": "used",
        "price": "24.90", "quantity": 1000000,
    })["itemID"]

    print("| Operation | Latency (µs) | PostgreSQL CPU (µs) | Servers' CPU (µs) |")
    print("|---|---:|---:|---:|")
    measure("Seller.GetSellerRating", lambda n: seller.call("GetSellerRating"))
    measure("Seller.DisplayItemsForSale", lambda n: seller.call("DisplayItemsForSale", {"limit": 20, "offset": 0}))
    measure("Seller.ChangeItemPrice", lambda n: seller.call("ChangeItemPrice", {"itemID": item, "price": f"{n % 50 + 1}.99"}))
    measure("Seller.UpdateUnitsForSale", lambda n: seller.call("UpdateUnitsForSale", {"itemID": item, "remove": 1}))
    measure("Buyer.GetItem", lambda n: buyer.call("GetItem", {"itemID": item}))
    for label, category, words in [
        ("one word", "any", ["lamp"]),
        ("one word in a category", 4, ["lamp"]),
        ("two words", "any", ["lamp", "oak"]),
        ("two words never together", "any", ["boots", "red"]),
    ]:
        query = {"category": category, "keywords": words, "limit": 20}
        measure(f"Buyer.SearchItemsForSale, {label}", lambda n: buyer.call("SearchItemsForSale", query))
    measure("Buyer.AddItemToCart", lambda n: buyer.call("AddItemToCart", {"itemID": item, "quantity": 1}))
    measure("Buyer.DisplayCart", lambda n: buyer.call("DisplayCart"))
    measure("Buyer.SaveCart", lambda n: buyer.call("SaveCart"))
    measure("Buyer.RemoveItemFromCart", lambda n: buyer.call("RemoveItemFromCart", {"itemID": item, "quantity": 1}))
    measure("Buyer.GetBuyerPurchases", lambda n: buyer.call("GetBuyerPurchases", {"limit": 10, "offset": 0}))

    def add_and_buy(n):
        buyer.call("AddItemToCart", {"itemID": item, "quantity": 1})
        buyer.call("MakePurchase", {"card": CARD})

    measure("Buyer.AddItemToCart + MakePurchase", add_and_buy, calls=500)


if __name__ == "__main__":
    main()
