#!/usr/bin/env bash
# End-to-end checks with real GIS clients against mentionmap on the demo
# data (loopback only): GDAL (ogrinfo, ogr2ogr) and headless QGIS.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
port=${PORT:-18765}
base="http://127.0.0.1:$port"
go build -o "$tmp/mentionmap" ./cmd/mentionmap
"$tmp/mentionmap" serve --demo --addr "127.0.0.1:$port" --db "${E2E_DB:-$tmp/e2e.db}" 2>"$tmp/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

passed=0 failed=0
check() { # name, then a command that must succeed
  local name=$1; shift
  if "$@"; then echo "ok   $name"; passed=$((passed+1)); else echo "FAIL $name"; failed=$((failed+1)); fi
}
count() { ogrinfo -ro -so -al "$@" 2>/dev/null | sed -n 's/^Feature Count: //p' | head -1; }
matched() { curl -fsS "$base/collections/$1/items?limit=1$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["numberMatched"])'; }

# GDAL: the OGC API - Features driver.
lists_collections() { ogrinfo -ro "OAPIF:$base" | grep -q "places" && ogrinfo -ro "OAPIF:$base" | grep -q "mentions"; }
check "ogrinfo OAPIF lists the collections" lists_collections
for c in places mentions; do
  copies_all() {
    ogr2ogr -f GeoJSON "$tmp/$c.geojson" "OAPIF:$base" "$c" -oo PAGE_SIZE=25 2>/dev/null
    local got want; got=$(count "$tmp/$c.geojson"); want=$(matched "$c" "")
    echo "     $c: ogr2ogr copied $got, numberMatched $want"; [[ "$got" == "$want" && "$want" -gt 25 ]]
  }
  check "ogr2ogr copies every $c feature through paging" copies_all
done
bbox_pushed_down() {
  local log got want
  log=$(ogrinfo -ro -al -so -spat 9 19 26 34 "OAPIF:$base" places --debug on 2>&1)
  got=$(echo "$log" | sed -n 's/^Feature Count: //p' | head -1); want=$(matched places "&bbox=9,19,26,34")
  echo "     bbox: GDAL counted $got, server matched $want"
  echo "$log" | grep -q "bbox=9" && [[ "$got" == "$want" ]]
}
check "a bbox is pushed down to the server" bbox_pushed_down
reads_geojson_url() {
  local got want; got=$(count "GeoJSON:$base/features.geojson")
  want=$(curl -fsS "$base/features.geojson" | grep -o '"type":"Feature"' | wc -l)
  echo "     GeoJSON URL: GDAL read $got, server sent $want"; [[ "$got" == "$want" && "$want" -gt 50 ]]
}
check "ogrinfo reads /features.geojson by URL" reads_geojson_url
if curl -fsS -o /dev/null "$base/tiles.json" 2>/dev/null; then
  reads_tile() { ogrinfo -ro -al -so "MVT:$base/tiles/2/2/1.mvt" 2>/dev/null | grep -q "Feature Count: [1-9]"; }
  check "the MVT driver reads a tile" reads_tile
fi

# QGIS, headless, with Debian's Python (not a virtualenv's).
qgis_loads() { QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/qgis_check.py "$base"; }
check "QGIS loads the OAPIF layers and the GeoJSON URL" qgis_loads

echo "e2e-gis: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
