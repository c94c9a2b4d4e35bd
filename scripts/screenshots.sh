#!/usr/bin/env bash
# Takes the screenshots in screenshots/ from real runs: each scene starts the real client in a
# private tmux server (120×36) against the running demo market, types its way to a screen,
# captures it with `tmux capture-pane -p -e -N` and renders the capture to PNG
# (scripts/render_screenshot.py, pyte + Pillow).
#
#   ./market demo            # once: servers, demo catalogue, release clients (q to leave the storefront)
#   scripts/screenshots.sh   # then: writes screenshots/*.png
#
# Needs tmux, python3 with pyte and pillow (pip install pyte pillow) and the fonts named in
# render_screenshot.py (Debian: fonts-dejavu-core fonts-wqy-zenhei fonts-noto-color-emoji fonts-symbola).
# Settings, from the environment: MARKET_SELLER_PORT, MARKET_BUYER_PORT, MARKET_HOST as for
# ./market, and MARKET_BIN_DIR (default .build/release) for where the clients are.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="${MARKET_BIN_DIR:-$ROOT/.build/release}"
HOST="${MARKET_HOST:-127.0.0.1}"
[ "$HOST" = 0.0.0.0 ] && HOST=127.0.0.1
SELLER_PORT="${MARKET_SELLER_PORT:-7001}"
BUYER_PORT="${MARKET_BUYER_PORT:-7002}"
OUT="$ROOT/screenshots"
SOCKET="market-shots-$$-0"
SOCKETS=()
WORK="$(mktemp -d)"
COLUMNS_=120
ROWS_=36

die() { printf 'screenshots: %s\n' "$*" >&2; exit 1; }
tm() { tmux -u -L "$SOCKET" "$@"; }
cleanup() {
  local socket
  for socket in "${SOCKETS[@]}"; do
    tmux -L "$socket" kill-server >/dev/null 2>&1 || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$socket"
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in tmux python3; do command -v "$tool" >/dev/null || die "$tool is needed"; done
python3 -c 'import pyte, PIL' 2>/dev/null || die "python3 needs pyte and pillow: pip install pyte pillow"
for binary in buyer seller market-demo; do
  [ -x "$BIN_DIR/$binary" ] || die "$BIN_DIR/$binary is missing: run ./market demo (or swift build -c release)"
done
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
port_open "$HOST" "$SELLER_PORT" && port_open "$HOST" "$BUYER_PORT" \
  || die "no servers on $HOST:$SELLER_PORT and $HOST:$BUYER_PORT: run ./market demo first"

# The catalogue is loaded once; this only makes sure it is there.
"$BIN_DIR/market-demo" --host "$HOST" --seller-port "$SELLER_PORT" --buyer-port "$BUYER_PORT" >/dev/null
mkdir -p "$OUT"

# Starts a client in a fresh window; colours on whatever the caller's NO_COLOR says.
start() {
  local role="$1" port
  if [ "$role" = seller ]; then port="$SELLER_PORT"; else port="$BUYER_PORT"; fi
  tm kill-server >/dev/null 2>&1 || true
  # A fresh server per scene: reusing a socket races with the old server's exit.
  SOCKET="market-shots-$$-${#SOCKETS[@]}"
  SOCKETS+=("$SOCKET")
  tm -f /dev/null new-session -d -x "$COLUMNS_" -y "$ROWS_" -s shot \
    "env -u NO_COLOR LANG=C.UTF-8 '$BIN_DIR/$role' --host '$HOST' --port '$port' --log-file '$WORK/$role.log'"
}
keys() { tm send-keys -t shot "$@"; }
text() { tm send-keys -t shot -l "$1"; }
# Waits (up to 20 s) until the screen shows $1.
wait_for() {
  local tries=0
  until tm capture-pane -p -t shot | grep -qF -- "$1"; do
    tries=$((tries + 1))
    [ $tries -gt 200 ] && die "timed out waiting for “$1”; the screen was:
$(tm capture-pane -p -t shot)"
    sleep 0.1
  done
  # Let the spinner and the last frame settle.
  sleep 0.4
}
shoot() {
  # Whatever was typed last has been drawn by now.
  sleep 0.8
  tm capture-pane -p -e -N -t shot >"$WORK/$1.txt"
  python3 "$ROOT/scripts/render_screenshot.py" "$WORK/$1.txt" "$OUT/$1.png" --columns "$COLUMNS_" --rows "$ROWS_"
  printf 'screenshots/%s.png\n' "$1"
}
login() {
  wait_for "Log in with your"
  text "$1"; keys Tab; text market-demo; keys Enter
}

# The storefront.
start buyer
wait_for "Log in with your buyer account."
text demo; keys Tab; text market-demo
shoot buyer-login
keys Enter
wait_for "results for everything"
text "/coffee mug"; keys Enter
wait_for "results for “coffee mug”"
keys j
shoot buyer-search
keys / BTab
wait_for "from the list below"
shoot buyer-categories
keys Escape
keys Enter
wait_for "across all their items"
shoot buyer-item
keys a; wait_for "Add to cart"; keys Enter
wait_for "Added 1 ×"
keys Escape k a; wait_for "Add to cart"; keys Enter
wait_for "Added 1 ×"
keys 2
wait_for "Total"
shoot buyer-cart
keys c; wait_for "Card number"
text "4111 1111 1111 1111"; keys Tab; text "04/29"; keys Enter
wait_for "with the card ending in 1111?"
shoot buyer-checkout
sleep 0.6  # the payment question drops keys for its first moment
keys Escape Escape; wait_for "Throw away the card details"; keys d
keys 3
wait_for "orders 1–"
shoot buyer-purchases
keys "?"
wait_for "Esc closes"
shoot buyer-help

# The seller dashboard.
start seller
login demo-seller
wait_for "items listed"
keys s s s s s S j
shoot seller-items
keys n; wait_for "Put an item on sale;"
text "Teapot 1.2L 急須"; keys Tab; text home; keys Tab; text "tea, teapot, cast iron"
keys Tab Right Tab; text "34.9"; keys Tab C-u; text 4
shoot seller-register
keys Escape; wait_for "Throw away the item"; keys d
keys x C-u; text 3; keys Enter
wait_for "off sale?"
shoot seller-remove
keys Escape Escape
keys 2
wait_for "Your rating"
shoot seller-rating
