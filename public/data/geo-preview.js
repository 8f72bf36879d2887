// Map preview island: a tap or click on a feature of the server-rendered SVG shows its
// name (the feature's <title>) under the map, since touch screens do not show SVG tooltips.
for (const map of document.querySelectorAll('.geo-map')) {
  const out = map.closest('.geo-preview')?.querySelector('.geo-picked');
  if (!out) continue;
  let picked = null;
  const pick = (g) => {
    if (picked) picked.classList.remove('is-picked');
    picked = g;
    if (!g) { out.hidden = true; return; }
    g.classList.add('is-picked');
    out.textContent = g.querySelector('title')?.textContent ?? '';
    out.hidden = !out.textContent;
  };
  map.addEventListener('click', (e) => pick(e.target instanceof Element ? e.target.closest('.geo-feature') : null));
}
