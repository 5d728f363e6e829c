// The time slider: a histogram of the filtered mentions over all time,
// with a brush that sets the from and to filters, and a play button that
// steps the chosen range forward one bin at a time.
const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;

// timebar draws into el. getJSON fetches; filters() gives the page's
// filters; setRange(from, to) sets the from/to inputs (dates, to
// inclusive) and refreshes the map; onPlay(playing) tells when play
// starts and stops, so that the page can keep it in the URL.
export function timebar(el, { getJSON, filters, setRange, onPlay = () => {} }) {
  const svg = el.querySelector("svg");
  const play = el.querySelector("button");
  const label = el.querySelector("output");
  let bins = [], interval = "day", loadedFor = null, timer = null;

  // The last day of the bin that starts at start.
  const lastDay = (start) => {
    const d = new Date(start + "T00:00:00Z");
    if (interval === "week") return iso(new Date(d.getTime() + 6 * DAY));
    if (interval === "month") return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
    return start;
  };
  const iso = (d) => d.toISOString().slice(0, 10);

  async function update() {
    const p = filters();
    const from = p.get("from") || "", to = p.get("to") || "";
    p.delete("from"); p.delete("to");
    const key = p.toString();
    if (key !== loadedFor) {
      let tl = await getJSON("/timeline?interval=week&" + key);
      if (tl.bins.length < 40) tl = await getJSON("/timeline?interval=day&" + key);
      if (tl.bins.length > 400) tl = await getJSON("/timeline?interval=month&" + key);
      bins = tl.bins; interval = tl.interval; loadedFor = key;
    }
    draw(from, to);
  }

  function draw(from, to) {
    svg.replaceChildren();
    svg.setAttribute("viewBox", `0 0 ${Math.max(1, bins.length)} 100`);
    const max = Math.max(1, ...bins.map((b) => b.mentions));
    bins.forEach((b, i) => {
      const r = document.createElementNS(SVG, "rect");
      // A square-root scale: one busy bin does not flatten all the others.
      const h = b.mentions ? Math.max(4, 100 * Math.sqrt(b.mentions / max)) : 0;
      r.setAttribute("x", i + 0.05); r.setAttribute("width", 0.9);
      r.setAttribute("y", 100 - h); r.setAttribute("height", h);
      const inside = (!from || lastDay(b.start) >= from) && (!to || b.start <= to);
      r.setAttribute("class", inside && (from || to) ? "sel" : "");
      const title = document.createElementNS(SVG, "title");
      title.textContent = `${b.start} (${interval}): ${b.mentions} mentions in ${b.articles} articles`;
      r.appendChild(title);
      svg.appendChild(r);
    });
    label.textContent = bins.length ? `${bins[0].start} – ${lastDay(bins[bins.length - 1].start)}, by ${interval}` : "";
  }

  // The bin under a pointer event.
  const binAt = (e) => {
    const box = svg.getBoundingClientRect();
    return Math.min(bins.length - 1, Math.max(0, Math.floor(((e.clientX - box.left) / box.width) * bins.length)));
  };
  const select = (a, b) => {
    const lo = Math.min(a, b), hi = Math.max(a, b);
    setRange(bins[lo].start, lastDay(bins[hi].start));
  };

  let anchor = null;
  svg.addEventListener("pointerdown", (e) => {
    if (!bins.length) return;
    anchor = binAt(e);
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointerup", (e) => {
    if (anchor === null) return;
    select(anchor, binAt(e));
    anchor = null;
  });
  svg.addEventListener("dblclick", () => setRange("", ""));

  // Play moves the chosen range (one bin if none) forward a bin at a time.
  play.addEventListener("click", () => (timer ? stop() : start()));
  function start() {
    if (timer || !bins.length) return;
    const p = filters();
    let lo = bins.findIndex((b) => lastDay(b.start) >= (p.get("from") || ""));
    let hi = p.get("to") ? bins.findLastIndex((b) => b.start <= p.get("to")) : lo;
    if (lo < 0 || hi < lo || hi >= bins.length - 1) { hi -= Math.max(0, lo); lo = 0; }
    play.textContent = "⏸"; play.setAttribute("aria-label", "Pause");
    timer = setInterval(() => {
      lo++; hi++;
      if (hi >= bins.length) { stop(); return; }
      select(lo, hi);
    }, 800);
    onPlay(true);
  }
  function stop() {
    clearInterval(timer); timer = null;
    play.textContent = "▶"; play.setAttribute("aria-label", "Play");
    onPlay(false);
  }

  // play starts playing once the histogram is drawn: a shared link that
  // was playing plays again.
  return { update, play: () => update().then(start), playing: () => timer !== null };
}
