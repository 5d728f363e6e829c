"""Headless QGIS check: load mentionmap's OGC API - Features collections and
its GeoJSON URL as layers and compare feature counts with the server.

Run with Debian's interpreter: QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/qgis_check.py URL
"""
import json
import os
import sys
import urllib.request

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402

base = sys.argv[1].rstrip("/")


def get(path):
    with urllib.request.urlopen(base + path) as r:
        return json.load(r)


app = QgsApplication([], False)
app.initQgis()
layers, failures = [], []
try:
    for c in ("places", "mentions"):
        want = get(f"/collections/{c}/items?limit=1")["numberMatched"]
        layer = QgsVectorLayer(f"url='{base}' typename='{c}' pagingEnabled='true' pageSize='50'", c, "OAPIF")
        layers.append(layer)
        got = sum(1 for _ in layer.getFeatures()) if layer.isValid() else -1
        print(f"     QGIS OAPIF {c}: {got} features, numberMatched {want}")
        if got != want:
            failures.append(c)
    want = len(get("/features.geojson")["features"])
    layer = QgsVectorLayer(base + "/features.geojson", "geojson", "ogr")
    layers.append(layer)
    got = layer.featureCount() if layer.isValid() else -1
    print(f"     QGIS GeoJSON URL: {got} features, server {want}")
    if got != want:
        failures.append("geojson")
finally:
    # Layers must go before exitQgis(), or QGIS crashes at exit.
    del layer
    layers.clear()
    app.exitQgis()
sys.exit(1 if failures else 0)
