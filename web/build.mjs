// Bundles the map page into dist/ for the Go binary to embed: our script
// with Leaflet and topojson-client, Leaflet's CSS and images, and the
// Natural Earth country outlines (world-atlas) for the offline base map.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";

mkdirSync("dist/images", { recursive: true });
await build({
  entryPoints: ["src/app.js"],
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ["es2020"],
  outfile: "dist/app.js",
  logLevel: "info",
});
copyFileSync("src/app.css", "dist/app.css");
copyFileSync("node_modules/leaflet/dist/leaflet.css", "dist/leaflet.css");
for (const f of readdirSync("node_modules/leaflet/dist/images")) {
  copyFileSync(`node_modules/leaflet/dist/images/${f}`, `dist/images/${f}`);
}
copyFileSync("node_modules/world-atlas/countries-50m.json", "dist/countries.json");
