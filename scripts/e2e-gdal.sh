#!/usr/bin/env bash
# End-to-end check with a real GIS client: start mentionmap on the demo data
# (loopback only) and read /features.geojson with GDAL's ogrinfo, comparing
# its feature count with the server's own response.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
port=${PORT:-18765}
go build -o "$tmp/mentionmap" ./cmd/mentionmap
"$tmp/mentionmap" serve --demo --addr "127.0.0.1:$port" --db "$tmp/e2e.db" 2>"$tmp/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
url="http://127.0.0.1:$port/features.geojson"
want=$(curl -fsS "$url" | grep -o '"type":"Feature"' | wc -l)
got=$(ogrinfo -ro -so -al "GeoJSON:$url" | sed -n 's/^Feature Count: //p')
echo "ogrinfo GeoJSON: $got features; server: $want"
[[ "$want" -gt 50 && "$got" == "$want" ]] || { echo "FAIL: GDAL read $got of $want features"; exit 1; }
want=$(curl -fsS "$url?group=mention&country=LY" | grep -o '"type":"Feature"' | wc -l)
got=$(ogrinfo -ro -so -al "GeoJSON:$url?group=mention&country=LY" | sed -n 's/^Feature Count: //p')
echo "ogrinfo GeoJSON (mentions in LY): $got features; server: $want"
[[ "$want" -gt 10 && "$got" == "$want" ]] || { echo "FAIL: GDAL read $got of $want mention features"; exit 1; }
ogrinfo -ro -al "GeoJSON:$url?country=LY&kind=city" | grep -q "name (String) = Sirte" || { echo "FAIL: Sirte not read by GDAL"; exit 1; }
echo "e2e-gdal: 3 passed, 0 failed"
