#!/usr/bin/env python3
"""What announcing a sale to sellers' dashboards costs a purchase.

Usage: ./market up, then python3 scripts/notify_cost.py [rounds]

One buyer adds an item to the cart and buys it, 1,000 times per row, as scripts/op_costs.py does,
with the products database's announcement triggers (seller_stats_announce_insert and _update,
products schema 9) enabled and disabled in alternation (ALTER TABLE … ENABLE/DISABLE TRIGGER, as
the cluster's owner `market`), and prints latency and CPU per purchase like op_costs.py. The
triggers are enabled again at the end, also after a failure. Loopback only; creates a seller, a
buyer and an item with 1,000,000 units in the running market.
"""
import subprocess
import sys
import time

from op_costs import CARD, Connection, measure


def set_announcements(enabled):
    verb = "ENABLE" if enabled else "DISABLE"
    sql = f"ALTER TABLE seller_stats {verb} TRIGGER seller_stats_announce_update; ALTER TABLE seller_stats {verb} TRIGGER seller_stats_announce_insert"
    subprocess.run(["psql", "-h", "127.0.0.1", "-p", "54329", "-U", "market", "-d", "products", "-qAtc", sql], check=True)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    seller, buyer = Connection(7001), Connection(7002)
    suffix = str(time.time_ns())[-8:]
    seller.sign_up("notify-s" + suffix)
    buyer.sign_up("notify-b" + suffix)
    item = seller.call("RegisterItemForSale", {
        "name": "Oak lamp", "category": 4, "keywords": ["lamp"], "condition": "used", "price": "24.90", "quantity": 1000000,
    })["itemID"]

    def add_and_buy(n):
        buyer.call("AddItemToCart", {"itemID": item, "quantity": 1})
        buyer.call("MakePurchase", {"card": CARD})

    print("| Announcement | Latency (µs) | PostgreSQL CPU (µs) | Servers' CPU (µs) |")
    print("|---|---:|---:|---:|")
    try:
        for _ in range(rounds):
            for enabled in (True, False):
                set_announcements(enabled)
                measure("on" if enabled else "off", add_and_buy, calls=1000)
    finally:
        set_announcements(True)


if __name__ == "__main__":
    main()
