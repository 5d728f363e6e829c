// End-to-end test of the map page in Debian's Chromium, driven by
// playwright-core: starts mentionmap on the demo data (loopback only),
// loads the page, clicks a place, filters by time, and saves a screenshot.
//
// Run: MENTIONMAP_BIN=/path/to/mentionmap node --test e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const bin = process.env.MENTIONMAP_BIN;
const port = process.env.PORT || "18766";
const base = `http://127.0.0.1:${port}`;
let server, browser, dir;

before(async () => {
  assert.ok(bin, "set MENTIONMAP_BIN to the built binary");
  dir = mkdtempSync(join(tmpdir(), "mentionmap-e2e-"));
  server = spawn(bin, ["serve", "--demo", "--addr", `127.0.0.1:${port}`, "--db", process.env.E2E_DB || join(dir, "e2e.db")], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base + "/healthz")).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"], // a fresh, empty profile: playwright makes one per launch
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function openPage(hash) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // A Content-Security-Policy violation is logged as a console error; a
  // failed request is named by its response.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
  });
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${base}/${hash}`);
  await page.waitForFunction(() => Number(document.getElementById("count")?.dataset.mentions) > 0, null, { timeout: 15000 });
  return { page, errors };
}

// still waits until what locator finds has not moved for ms.
async function still(locator, ms = 500) {
  let last = "", since = Date.now();
  for (const end = Date.now() + 10000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const box = JSON.stringify(await locator.boundingBox());
    if (box !== last) [last, since] = [box, Date.now()];
    else if (Date.now() - since >= ms) return;
  }
  assert.fail(`${locator} kept moving`);
}

test("markers or clusters appear, and a place opens a popup with an article", async () => {
  const { page, errors } = await openPage("#6/31.5/16");
  await page.waitForSelector("path.mm-place", { timeout: 10000 });
  const places = await page.locator("path.mm-place").count();
  assert.ok(places >= 3, `only ${places} places drawn over Libya`);
  await page.locator("path.mm-place").first().click({ force: true });
  const link = page.locator(".leaflet-popup-content a.mm-article").first();
  await link.waitFor({ timeout: 10000 });
  assert.ok((await link.textContent()).length > 0, "the popup's article has no title");
  assert.ok(await page.locator(".leaflet-popup-content mark").count() > 0, "the place is not highlighted in its sentence");
  await page.locator(".leaflet-popup-content .mm-why summary").click();
  const reasons = await page.locator(".leaflet-popup-content .mm-why li").allTextContents();
  assert.ok(reasons.length > 0 && reasons.every((r) => r.trim().length > 0), `no reasons shown: ${reasons}`);
  assert.deepEqual(errors, []);
  mkdirSync("e2e/out", { recursive: true });
  await still(page.locator(".leaflet-popup")); // let the popup's fade and pan finish
  await page.screenshot({ path: "e2e/out/map-popup.png" });
  await page.close();
});

test("a country's popup frames the whole country", async () => {
  const { page, errors } = await openPage("#6/31.5/16");
  const country = page.locator('path.mm-place[fill="#457b9d"]').first();
  await country.waitFor({ timeout: 10000 });
  await country.click({ force: true });
  const frame = page.locator(".leaflet-popup-content button.mm-frame");
  await frame.waitFor({ timeout: 10000 });
  // The button stays put while the popup fills in above it, but each
  // addition may pan the map to keep the popup in view: let them finish.
  await page.locator(".leaflet-popup-content .mm-spark figcaption").waitFor({ timeout: 10000 });
  await still(frame);
  const [w, s, e, n] = (await frame.getAttribute("data-bbox")).split(",").map(Number);
  await frame.click();
  // The view settles on the area: its centre inside the box, zoomed out to see it whole.
  try {
    await page.waitForFunction(([w, s, e, n]) => {
      const [, lat, lon] = location.hash.slice(1).split("&")[0].split("/").map(Number);
      return lat >= s && lat <= n && lon >= w && lon <= e;
    }, [w, s, e, n], { timeout: 10000 });
  } catch (err) {
    assert.fail(`the view ${new URL(page.url()).hash} did not settle inside ${[w, s, e, n]}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("the world view shows clusters, and a time filter changes the count", async () => {
  const { page, errors } = await openPage("#2/25/10");
  assert.ok(await page.locator(".mm-cluster, path.mm-place").count() > 0, "nothing drawn at zoom 2");
  const before = Number(await page.locator("#count").getAttribute("data-mentions"));
  await page.fill('input[name="from"]', "2026-06-01");
  await page.waitForFunction((n) => Number(document.getElementById("count").dataset.mentions) !== n, before, { timeout: 10000 });
  const after = Number(await page.locator("#count").getAttribute("data-mentions"));
  assert.ok(after > 0 && after < before, `count went from ${before} to ${after}`);
  assert.match(page.url(), /from=2026-06-01/, "the filter is not kept in the URL");
  assert.ok(await page.locator("#articles li").count() > 0, "no articles listed");
  await page.locator("#articles li").first().click();
  assert.deepEqual(errors, []);
  await page.screenshot({ path: "e2e/out/map-world.png" });
  await page.close();
});

test("the map switches between everything mentioned and where the news is, and counts each story once", async () => {
  const { page, errors } = await openPage("#2/25/10");
  const count = async () => Number(await page.locator("#count").getAttribute("data-mentions"));
  const changed = (n) => page.waitForFunction((n) => Number(document.getElementById("count").dataset.mentions) !== n, n, { timeout: 10000 });
  const all = await count();
  await page.selectOption('select[name="focus"]', "true");
  await changed(all);
  const focus = await count();
  assert.ok(focus > 0 && focus < all, `where the news is: ${focus} of ${all} mentions`);
  assert.match(page.url(), /focus=true/, "the switch is not kept in the URL");
  await page.check('input[name="distinct"]');
  await changed(focus);
  const once = await count();
  assert.ok(once > 0 && once < focus, `each story once: ${once} of ${focus} mentions`);
  await page.reload();
  await page.waitForFunction((n) => Number(document.getElementById("count")?.dataset.mentions) === n, once, { timeout: 15000 });
  assert.equal(await page.locator('select[name="focus"]').inputValue(), "true", "the switch is lost on reload");
  assert.deepEqual(errors, []);
  await page.screenshot({ path: "e2e/out/map-focus.png" });
  await page.close();
});

test("the time slider draws a histogram; brushing it sets a time range, and play steps it", async () => {
  const { page, errors } = await openPage("#2/25/10");
  await page.waitForFunction(() => document.querySelectorAll("#timebar rect").length > 0, null, { timeout: 10000 });
  const before = Number(await page.locator("#count").getAttribute("data-mentions"));
  const box = await page.locator("#timebar svg").boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.55, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.99, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((n) => Number(document.getElementById("count").dataset.mentions) !== n, before, { timeout: 10000 });
  const after = Number(await page.locator("#count").getAttribute("data-mentions"));
  assert.ok(after > 0 && after < before, `count went from ${before} to ${after}`);
  assert.match(page.url(), /from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d/, "the range is not kept in the URL");
  assert.ok(await page.locator("#timebar rect.sel").count() > 0, "the chosen bins are not shaded");
  // Play from the start: the range moves on.
  await page.mouse.dblclick(box.x + box.width / 2, y);
  await page.waitForFunction(() => !/from=/.test(location.hash), null, { timeout: 10000 });
  await page.locator("#timebar button").click();
  await page.waitForFunction(() => /from=/.test(location.hash), null, { timeout: 10000 });
  const first = new URL(page.url()).hash.match(/from=([\d-]+)/)[1];
  await page.waitForFunction((f) => { const m = location.hash.match(/from=([\d-]+)/); return m && m[1] > f; }, first, { timeout: 10000 });
  assert.match(page.url(), /play=1/, "playing is not kept in the URL");
  const shared = page.url();
  await page.locator("#timebar button").click();
  await page.waitForFunction(() => !/play=1/.test(location.hash), null, { timeout: 10000 });
  assert.deepEqual(errors, []);
  await page.screenshot({ path: "e2e/out/map-timebar.png" });
  await page.close();
  // A shared link that was playing plays again.
  const again = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await again.goto(shared);
  await again.waitForFunction(() => document.querySelector("#timebar button")?.getAttribute("aria-label") === "Pause", null, { timeout: 15000 });
  const f0 = new URL(again.url()).hash.match(/from=([\d-]+)/)?.[1] || "";
  await again.waitForFunction((f) => { const m = location.hash.match(/from=([\d-]+)/); return m && m[1] > f; }, f0, { timeout: 10000 });
  await again.close();
});

test("the Rising list ranks places for the week before the chosen end, and a click goes there", async () => {
  const { page, errors } = await openPage("#2/25/10");
  await page.fill('input[name="to"]', "2026-10-14"); // the demo's last article is of 12 October
  await page.waitForFunction(() => document.querySelectorAll("#rising li small").length > 0, null, { timeout: 10000 });
  const zoom = () => page.evaluate(() => Number(location.hash.slice(1).split("/")[0]));
  await page.locator("#rising li").first().click();
  await page.waitForFunction(() => Number(location.hash.slice(1).split("/")[0]) >= 6, null, { timeout: 10000 });
  assert.ok(await zoom() >= 6, "the map did not go to the rising place");
  assert.deepEqual(errors, []);
  await page.close();
});

test("an article that another outlet reprinted says so in its popup", async () => {
  const { page, errors } = await openPage("#8/38.2/23.8"); // Athens: the demo's wildfire story and its reprint
  await page.waitForSelector("path.mm-place", { timeout: 10000 });
  const places = page.locator("path.mm-place");
  let found = "";
  for (let i = 0; i < await places.count() && !found; i++) {
    await places.nth(i).click({ force: true });
    try {
      await page.locator(".leaflet-popup-content .mm-outlets").first().waitFor({ timeout: 3000 });
      found = await page.locator(".leaflet-popup-content .mm-outlets").first().textContent();
    } catch { /* this place's articles were not reprinted */ }
  }
  assert.match(found, /^Reported by 2 outlets: .*Balkan Times/);
  // The place's counts: two articles, one story.
  assert.match(await page.locator(".leaflet-popup-content p").first().textContent(), /in 2 articles \(1 story\)/);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: "e2e/out/map-story.png" });
  await page.close();
});

// Last: it changes the data the other tests read.
test("a wrong place is corrected from its popup: searched, picked, and logged", async () => {
  const { page, errors } = await openPage("#6/31.5/16");
  await page.waitForSelector("path.mm-place", { timeout: 10000 });
  await page.locator("path.mm-place").first().click({ force: true });
  const picker = page.locator(".leaflet-popup-content .mm-correct").first();
  await picker.locator("summary").click();
  await picker.locator("input").fill("Benghazi");
  const choice = picker.locator(".mm-found button").first();
  await choice.waitFor({ timeout: 10000 });
  const chosen = await choice.textContent();
  await choice.click();
  await page.waitForFunction(() => /^Moved to /.test(document.querySelector(".mm-correct output")?.textContent || ""), null, { timeout: 10000 });
  const log = await page.evaluate(async () => (await (await fetch("/corrections")).json()).corrections);
  assert.equal(log.length, 1, "one correction logged");
  assert.equal(log[0].action, "move");
  assert.ok(chosen.startsWith(log[0].after.place_name), `picked ${chosen}, logged ${log[0].after.place_name}`);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: "e2e/out/map-correct.png" });
  await page.close();
});
