// The mentionmap map page: places mentioned in the news, clustered by the
// server, with filters kept in the URL so a view can be shared.
import L from "leaflet";
import { feature } from "topojson-client";
import { timebar } from "./timebar.js";
import { wrongPlace } from "./correct.js";

const FILTERS = ["from", "to", "q", "country", "kind", "focus", "demonyms", "distinct"];
const form = document.getElementById("filters");
const countEl = document.getElementById("count");
const statusEl = document.getElementById("status");
const listEl = document.getElementById("articles");
const risingEl = document.getElementById("rising");
let slider = null; // the time slider, made after the map (writeHash reads it)

// --- state in the URL: #zoom/lat/lon&from=...&q=... -------------------------

function readHash() {
  const [view, ...rest] = location.hash.slice(1).split("&");
  const [z, lat, lon] = (view || "").split("/").map(Number);
  return {
    z: view && isFinite(z) ? z : 2, lat: isFinite(lat) ? lat : 25, lon: isFinite(lon) ? lon : 10,
    params: new URLSearchParams(rest.join("&")),
  };
}

function filterParams() {
  const p = new URLSearchParams();
  for (const name of FILTERS) {
    const el = form.elements[name];
    const v = el.type === "checkbox" ? (el.checked ? el.value : "") : el.value.trim();
    if (v) p.set(name, name === "country" ? v.toUpperCase() : v);
  }
  return p;
}

function writeHash() {
  const c = map.getCenter();
  const view = `${map.getZoom()}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`;
  const p = filterParams();
  if (slider?.playing()) p.set("play", "1");
  const f = p.toString();
  history.replaceState(null, "", "#" + view + (f ? "&" + f : ""));
}

// --- the map --------------------------------------------------------------

const start = readHash();
for (const name of FILTERS) {
  const el = form.elements[name];
  const v = start.params.get(name) || "";
  if (el.type === "checkbox") el.checked = v === el.value;
  else el.value = v;
}
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 16 }).setView([start.lat, start.lon], start.z);
// The outlines load last but must lie under the data: give them a pane
// between the tile pane (200) and the overlay pane (400).
map.createPane("outlines").style.zIndex = 250;
const dataLayer = L.layerGroup().addTo(map);
const highlightLayer = L.layerGroup().addTo(map);

async function getJSON(url) {
  const res = await fetch(url);
  if (!res.ok) {
    let detail = res.statusText;
    try { detail = (await res.json()).detail || detail; } catch { /* not JSON */ }
    throw new Error(detail);
  }
  return res.json();
}

async function baseLayers() {
  const cfg = await getJSON("/config.json").catch(() => ({}));
  if (cfg.tile_url) {
    L.tileLayer(cfg.tile_url, { attribution: cfg.tile_attribution || "", maxZoom: 19 }).addTo(map);
    return;
  }
  const topo = await getJSON("/assets/countries.json");
  L.geoJSON(feature(topo, topo.objects.countries), {
    style: { color: "#8a8a8a", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
    interactive: false,
    pane: "outlines",
  }).addTo(map);
  map.attributionControl.addAttribution("Outlines: Natural Earth · Places: GeoNames");
}

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function radius(mentions) { return 5 + Math.min(25, 3 * Math.sqrt(mentions)); }

function viewParams() {
  const b = map.getBounds();
  const west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
  const p = filterParams();
  p.set("bbox", [west, Math.max(-90, b.getSouth()), east, Math.min(90, b.getNorth())].map((v) => v.toFixed(5)).join(","));
  return p;
}

// --- clusters and places ----------------------------------------------------

let generation = 0;

async function refresh() {
  writeHash();
  const gen = ++generation;
  const p = viewParams();
  p.set("zoom", map.getZoom());
  statusEl.textContent = "Loading…";
  try {
    const [clusters, mentions] = await Promise.all([
      getJSON("/clusters.geojson?" + p),
      getJSON("/features.geojson?group=mention&limit=300&" + viewParams()),
    ]);
    if (gen !== generation) return; // a newer view is loading
    drawClusters(clusters.features);
    drawArticles(mentions.features);
    slider.update().catch((err) => { statusEl.textContent = "Could not load the timeline: " + err.message; });
    drawRising(gen).catch((err) => { risingEl.textContent = "Could not load: " + err.message; });
    const n = clusters.features.reduce((s, f) => s + f.properties.mentions, 0);
    countEl.textContent = `${n} mention${n === 1 ? "" : "s"} in view`;
    countEl.dataset.mentions = n;
    statusEl.textContent = "";
  } catch (err) {
    statusEl.textContent = "Could not load the map data: " + err.message;
  }
}

function drawClusters(features) {
  dataLayer.clearLayers();
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    if (p.cluster) {
      const size = 2 * radius(p.mentions);
      const icon = L.divIcon({ className: "mm-cluster", html: String(p.point_count), iconSize: [size, size] });
      L.marker([lat, lon], { icon, title: `${p.point_count} places, ${p.mentions} mentions` })
        .on("click", () => map.setView([lat, lon], Math.min(16, p.expansion_zoom)))
        .addTo(dataLayer);
      continue;
    }
    const marker = L.circleMarker([lat, lon], {
      radius: radius(p.mentions), className: "mm-place", color: "#fff", weight: 1.5,
      fillColor: p.kind === "city" ? "#e63946" : "#457b9d", fillOpacity: 0.8,
    });
    // Element content, not a function: Popup.update() would call a function
    // again and so refetch forever.
    marker.bindTooltip(`${esc(p.name)} · ${p.mentions}`)
      .on("click", () => {
        const popup = L.popup({ minWidth: 260, maxWidth: 360 }).setLatLng(marker.getLatLng());
        popup.setContent(placePopup(p, popup)).openOn(map);
      })
      .addTo(dataLayer);
  }
}

// articleLink is where an article's title leads: its own page when its URL
// is http(s), the stored copy otherwise (never a javascript: or data: URL).
function articleLink(a) {
  return /^https?:\/\//i.test(a.url || "") ? a.url : "/articles/" + a.id;
}

function highlight(sentence, text) {
  const i = sentence.indexOf(text);
  if (i < 0) return esc(sentence);
  return esc(sentence.slice(0, i)) + "<mark>" + esc(text) + "</mark>" + esc(sentence.slice(i + text.length));
}

// placePopup fills a popup with the place and its latest articles, and
// lays the popup out again once they have arrived.
function placePopup(p, popup) {
  const div = L.DomUtil.create("div", "mm-popup");
  div.innerHTML = `<h3>${esc(p.name)}</h3><small>${esc(p.kind)}${p.country ? " · " + esc(p.country) : ""}</small><p>Loading…</p>`;
  Promise.all([getJSON(`/collections/places/items/${p.place_id}`), getJSON(`/places/${p.place_id}?limit=5`)])
    .then(([summary, detail]) => {
      const s = summary.properties;
      const items = detail.mentions.map((m) => `<li><a class="mm-article" href="${esc(articleLink(m.article))}" target="_blank" rel="noopener">${esc(m.article.title || "Untitled")}</a>
        <br><small>${esc(m.article.source)} · ${esc(m.article.time.slice(0, 10))}</small><br>${highlight(m.mention.sentence, m.mention.text)}</li>`);
      const plural = (n, w, ws = w + "s") => `${n} ${n === 1 ? w : ws}`;
      // The map names a place as the articles do; GeoNames' own name follows.
      if (s.geonames_name && s.geonames_name !== s.name) {
        div.querySelector("small").insertAdjacentHTML("beforeend", ` · GeoNames: ${esc(s.geonames_name)}`);
      }
      // Reprints add articles, not stories: say so when they differ.
      const stories = s.stories < s.articles ? ` (${plural(s.stories, "story", "stories")})` : "";
      div.querySelector("p").outerHTML = `<p>${plural(s.mentions, "mention")} in ${plural(s.articles, "article")}${stories}</p><ul>${items.join("")}</ul>`;
      div.querySelectorAll("ul > li").forEach((li, i) => {
        wrongPlace(li, detail.mentions[i].mention, s.country, refreshSoon);
        reportedBy(li, detail.mentions[i].article.story).then(() => popup.update()).catch(() => { /* the article still shows */ });
      });
      const why = detail.mentions.find((m) => m.mention.why)?.mention.why;
      if (why) whyHere(div, why);
      // The popup grows upwards from its tip, so what fills in later above
      // the button (the sparkline, the outlets of each article) never moves
      // it from under the pointer.
      const spark = L.DomUtil.create("figure", "mm-spark", div);
      if (s.bbox) frameButton(div, s.bbox);
      popup.update();
      return sparkline(spark, p.place_id).then(() => popup.update());
    })
    .catch((err) => { div.querySelector("p").textContent = "Could not load: " + err.message; });
  return div;
}

// reportedBy says, under an article, how many outlets carried its story
// (GET /stories/{id}), when more than one did.
async function reportedBy(li, story) {
  if (!story) return;
  const st = await getJSON(`/stories/${story}`);
  if (st.outlets < 2) return;
  const names = [...new Set(st.articles.map((a) => a.source || new URL(a.url || "http://unknown").hostname))];
  const small = document.createElement("small");
  small.className = "mm-outlets";
  small.textContent = `Reported by ${st.outlets} outlets: ${names.join(", ")}`;
  li.insertBefore(small, li.querySelector(".mm-correct"));
}

// whyHere says why the newest mention was put here, and what else the
// name could have meant, with the geoparser's shares.
function whyHere(div, why) {
  const d = L.DomUtil.create("details", "mm-why", div);
  const others = why.candidates.slice(1).map((c) =>
    `<li>${esc(c.name)} <small>${esc(c.kind)}${c.country ? " · " + esc(c.country) : ""} · ${Math.round(100 * c.score)} %</small></li>`);
  d.innerHTML = `<summary>Why here? ${Math.round(100 * why.candidates[0].score)} %</summary>
    <ul>${why.reasons.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>
    ${others.length ? `<small>Other places of this name:</small><ul>${others.join("")}</ul>` : ""}`;
}

// frameButton lets a country or division be seen whole: its point is one
// spot in an area, and bbox is [west, south, east, north], west > east
// across the antimeridian.
function frameButton(div, [w, s, e, n]) {
  const b = L.DomUtil.create("button", "mm-frame", div);
  b.type = "button";
  b.textContent = "Show the whole area";
  b.dataset.bbox = [w, s, e, n].join(",");
  b.addEventListener("click", () => {
    map.closePopup(); // an open popup would pan the framed map to keep itself in view
    map.fitBounds([[s, w], [n, e < w ? e + 360 : e]]);
  });
}

// sparkline fills fig with the place's mentions per day over the last 90 days.
async function sparkline(fig, id) {
  const day = 86400000, today = new Date();
  const from = new Date(today.getTime() - 89 * day).toISOString().slice(0, 10);
  const tl = await getJSON(`/places/${id}/timeline?interval=day&from=${from}&to=${today.toISOString().slice(0, 10)}`);
  const max = Math.max(1, ...tl.bins.map((b) => b.mentions));
  const pts = tl.bins.map((b, i) => `${i},${(20 - (20 * b.mentions) / max).toFixed(1)}`).join(" ");
  fig.innerHTML = `<svg viewBox="0 0 ${Math.max(1, tl.bins.length - 1)} 20" preserveAspectRatio="none"><polyline points="${pts}"/></svg>
    <figcaption>${tl.mentions} mentions in the last 90 days</figcaption>`;
}

// --- what is rising ----------------------------------------------------------

// drawRising lists the places that rose most in the week before the "to"
// filter (or now), under the other filters.
async function drawRising(gen) {
  const p = filterParams();
  p.delete("from");
  p.set("sort", "trend");
  p.set("limit", "5");
  const fc = await getJSON("/features.geojson?" + p);
  if (gen !== generation) return;
  risingEl.replaceChildren();
  for (const f of fc.features.filter((f) => f.properties.trend > 0)) {
    const { name, mentions, baseline } = f.properties;
    const li = document.createElement("li");
    li.innerHTML = `${esc(name)} <small>${mentions} this week, ${baseline.toFixed(1)} a week before</small>`;
    const [lon, lat] = f.geometry.coordinates;
    li.addEventListener("click", () => map.setView([lat, lon], Math.max(map.getZoom(), 6)));
    risingEl.appendChild(li);
  }
  if (!risingEl.children.length) risingEl.innerHTML = `<li>Nothing rose in the week to ${esc(fc.window_end.slice(0, 10))}.</li>`;
}

// --- articles in view ---------------------------------------------------------

function drawArticles(mentions) {
  const byArticle = new Map();
  for (const f of mentions) {
    const p = f.properties;
    if (!byArticle.has(p.article_id)) byArticle.set(p.article_id, { p, points: [] });
    byArticle.get(p.article_id).points.push(f.geometry.coordinates);
  }
  listEl.replaceChildren();
  for (const { p, points } of byArticle.values()) {
    const li = document.createElement("li");
    li.innerHTML = `${esc(p.article_title || "Untitled")}<br><small>${esc(p.source)} · ${esc(p.time.slice(0, 10))}</small>`;
    li.addEventListener("click", () => {
      for (const other of listEl.children) other.classList.remove("active");
      li.classList.add("active");
      highlightLayer.clearLayers();
      for (const [lon, lat] of points) {
        L.circleMarker([lat, lon], { radius: 14, color: "#f4a261", weight: 4, fill: false, interactive: false }).addTo(highlightLayer);
      }
    });
    listEl.appendChild(li);
  }
  if (!byArticle.size) listEl.innerHTML = "<li>No articles in this view.</li>";
}

// --- wiring -----------------------------------------------------------------

slider = timebar(document.getElementById("timebar"), {
  getJSON,
  filters: filterParams,
  setRange(from, to) {
    form.elements.from.value = from;
    form.elements.to.value = to;
    refreshSoon();
  },
  onPlay: writeHash,
});
if (start.params.get("play")) slider.play().catch(() => { /* the map still shows without play */ });

let timer;
function refreshSoon() { clearTimeout(timer); timer = setTimeout(refresh, 150); }
map.on("moveend", refreshSoon);
form.addEventListener("input", refreshSoon);
form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
window.addEventListener("hashchange", () => {
  const h = readHash();
  if (h.z !== map.getZoom()) map.setView([h.lat, h.lon], h.z);
});
baseLayers().catch(() => { /* the data still show without outlines */ });
refresh();
// New mentions appear without a reload: poll gently while the page is visible.
setInterval(() => { if (!document.hidden) refresh(); }, 60000);
