// The "Wrong place?" picker of a mention in a place's popup: search the
// gazetteer (GET /places/search) and move the mention there, or mark it
// "not a place" (PUT /mentions/{id}/place). A server with a token asks
// for it once; the page keeps it for the session.

const TOKEN = "mentionmap-token";

// wrongPlace adds the picker for mention m (its id and text) to li;
// done(message) runs after a correction is stored.
export function wrongPlace(li, m, country, done) {
  const d = document.createElement("details");
  d.className = "mm-correct";
  d.innerHTML = `<summary>Wrong place?</summary>
    <input type="search" placeholder="Another place for “${escape(m.text)}”" aria-label="Search a place">
    <ul class="mm-found"></ul><button type="button" class="mm-notplace">Not a place</button><output></output>`;
  li.append(d);
  const input = d.querySelector("input"), found = d.querySelector("ul"), out = d.querySelector("output");
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value.trim(), country, found, (p) => correct(m.id, { place: p.key }, out, `Moved to ${p.name}`, done))
      .catch((err) => { out.textContent = "Could not search: " + err.message; }), 250);
  });
  d.querySelector(".mm-notplace").addEventListener("click", () => correct(m.id, { place: null }, out, "Marked not a place", done));
}

async function search(q, country, list, pick) {
  list.replaceChildren();
  if (q.length < 2) return;
  // The article's country first, then anywhere.
  const url = (c) => `/places/search?limit=6&q=${encodeURIComponent(q)}${c ? "&country=" + c : ""}`;
  let { places } = await (await fetch(url(country))).json();
  if (!places?.length && country) ({ places } = await (await fetch(url(""))).json());
  for (const p of places || []) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = `${p.name} · ${p.kind}${p.country ? " · " + p.country : ""}`;
    b.addEventListener("click", () => pick(p));
    const li = document.createElement("li");
    li.append(b);
    list.append(li);
  }
}

async function correct(id, body, out, message, done) {
  out.textContent = "Saving…";
  let res;
  try {
    res = await put(id, body, false);
  } catch (err) {
    out.textContent = "Not saved: " + err.message;
    return;
  }
  if (res.ok) {
    out.textContent = message;
    done(message);
    return;
  }
  let detail = res.statusText;
  try { detail = (await res.json()).detail || detail; } catch { /* not JSON */ }
  out.textContent = "Not saved: " + detail;
}

// put sends the correction, asking for the token when the server wants one.
async function put(id, body, asked) {
  const headers = { "Content-Type": "application/json" };
  const token = sessionStorage.getItem(TOKEN);
  if (token) headers.Authorization = "Bearer " + token;
  const res = await fetch(`/mentions/${id}/place`, { method: "PUT", headers, body: JSON.stringify(body) });
  if (res.status !== 401 || asked) return res;
  sessionStorage.removeItem(TOKEN);
  const entered = window.prompt("This server takes corrections with its token:");
  if (!entered) return res;
  sessionStorage.setItem(TOKEN, entered);
  return put(id, body, true);
}

function escape(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
