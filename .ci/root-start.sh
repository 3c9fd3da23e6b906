#!/usr/bin/env bash
# As root, in a fresh clone inside a private directory (mode 700, as `mktemp -d` makes it): `npm start` must serve
# with no manual step and leave that directory's permissions as they were.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$(id -u)" != 0 ]; then
  echo "root-start: not root, nothing to check"
  exit 0
fi
port="${ROOT_START_PORT:-3190}"
work="$(mktemp -d)"
chmod 700 "$work"
clone="$work/latent"
log="$work/start.log"
server=""

cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM -- "-$server" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
  fi
  # The cluster it placed outside the clone (its path is in the start-up output).
  placed="$(sed -n 's/.*keeps the data of .* in \(\/.*\)\.$/\1/p' "$log" 2>/dev/null | head -1)"
  if [ -n "$placed" ]; then rm -rf "$(dirname "$placed")"; fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone --quiet "$repo" "$clone"
# What `npm ci` would give (node_modules and the generated Prisma client), and the build `npm test` just made: the
# generated client names its own absolute path, so it is copied rather than generated again, or the build would
# not count as current.
for dir in node_modules lib/generated .next; do
  [ -d "$repo/$dir" ] || continue
  cp -al "$repo/$dir" "$clone/$dir" 2>/dev/null || cp -a "$repo/$dir" "$clone/$dir"
done

cd "$clone"
PORT="$port" NEXT_TELEMETRY_DISABLED=1 setsid npm start >"$log" 2>&1 &
server=$!
deadline=$((SECONDS + 420))
until curl -sf "http://localhost:$port/api/health" >/dev/null; do
  if ! kill -0 "$server" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "root-start: npm start did not serve; its output:"
    cat "$log"
    exit 1
  fi
  sleep 1
done
curl -sf "http://localhost:$port/signup" | grep -q "Create account" || { echo "root-start: /signup did not answer"; cat "$log"; exit 1; }
[ "$(stat -c %a "$work")" = 700 ] || { echo "root-start: $work is no longer mode 700"; exit 1; }
grep "Running as root" "$log"
echo "root-start: npm start as root in a mode-700 directory serves /api/health and /signup"
