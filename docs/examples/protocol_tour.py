#!/usr/bin/env python3
"""A tour of every operation, written against docs/PROTOCOL.md alone (no Swift involved).

Usage: python3 docs/examples/protocol_tour.py [seller_port] [buyer_port]
Needs both servers running (./market up). Prints each frame sent (→) and received (←); the
example exchange in docs/PROTOCOL.md was captured with this script.
"""
import socket, struct, json, sys, time

def conn(port):
    return socket.create_connection(("127.0.0.1", port))


def recv_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise ConnectionError("server closed the connection")
        data += chunk
    return data


ids = [0]


def call(s, op, args=None, session=None):
    """Sends one request frame and returns the response object."""
    ids[0] += 1
    msg = {"id": ids[0], "op": op}
    if session:
        msg["session"] = session
    if args is not None:
        msg["args"] = args
    body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
    s.sendall(struct.pack(">I", len(body)) + body)
    (length,) = struct.unpack(">I", recv_exact(s, 4))
    response = json.loads(recv_exact(s, length))
    print("→ " + json.dumps(msg, ensure_ascii=False))
    print("← " + json.dumps(response, ensure_ascii=False))
    print()
    return response


S = conn(int(sys.argv[1]) if len(sys.argv) > 1 else 7001)
B = conn(int(sys.argv[2]) if len(sys.argv) > 2 else 7002)
sfx=str(int(time.time()))[-5:]
print("### seller")
call(S,"Ping")
call(S,"CreateAccount",{"username":"ada"+sfx,"password":"correct horse","name":"Ada's Attic","role":"seller"})
sess=call(S,"Login",{"username":"ada"+sfx,"password":"correct horse","role":"seller"})["result"]["session"]
r=call(S,"RegisterItemForSale",{"name":"Brass desk lamp","category":4,"keywords":["lamp","brass","vintage"],"condition":"used","price":"24.90","quantity":3},sess)
iid=r["result"]["itemID"]
call(S,"ChangeItemPrice",{"itemID":iid,"price":"19.99"},sess)
call(S,"UpdateUnitsForSale",{"itemID":iid,"remove":2},sess)
call(S,"AddUnitsForSale",{"itemID":iid,"add":1},sess)
call(S,"DisplayItemsForSale",{"limit":10,"offset":0},sess)
call(S,"DisplayItemsForSale",{"find":"lam BRA","sort":"price","descending":True,"limit":10},sess)
call(S,"GetSellerRating",None,sess)
print("### buyer")
call(B,"CreateAccount",{"username":"bob"+sfx,"password":"correct horse","name":"Bob","role":"buyer"})
bs=call(B,"Login",{"username":"bob"+sfx,"password":"correct horse","role":"buyer"})["result"]["session"]
call(B,"ListCategories",None,bs)
call(B,"SearchItemsForSale",{"category":4,"keywords":["lamp","desk"],"limit":5},bs)
call(B,"SearchItemsForSale",{"category":"any","keywords":["lamp"],"sort":"price","limit":5},bs)
call(B,"GetItem",{"itemID":iid},bs)
call(B,"AddItemToCart",{"itemID":iid,"quantity":2},bs)
call(B,"RemoveItemFromCart",{"itemID":iid,"quantity":1},bs)
call(B,"DisplayCart",None,bs)
call(B,"SaveCart",None,bs)
call(B,"MakePurchase",{"card":{"holder":"Bob Example","number":"4111 1111 1111 1111","expiry":"04/29"}},bs)
call(B,"ProvideFeedback",{"itemID":iid,"vote":"up"},bs)
call(B,"GetSellerRating",{"sellerID":r["result"]["item"]["sellerID"]},bs)
call(B,"GetBuyerPurchases",{"limit":5},bs)
call(B,"ClearCart",None,bs)
print("### errors")
call(B,"AddItemToCart",{"itemID":iid,"quantity":5},bs)
call(B,"AddItemToCart",{"itemID":{"category":4,"number":"x"},"quantity":1},bs)
call(B,"ProvideFeedback",{"itemID":iid,"vote":"down"},bs)
call(B,"Teleport",None,bs)
call(B,"DisplayCart",None,sess)
call(B,"Logout",None,bs)
call(B,"DisplayCart",None,bs)
call(S,"Logout",None,sess)
