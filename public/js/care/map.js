// Island: plots the board's reports that have coordinates (no tile server: points on a plain background).
/* global L */
const el = document.getElementById('care-map');
const data = document.getElementById('care-map-data');
const points = data ? JSON.parse(data.textContent || '[]') : [];
if (el && window.L && points.length) {
  el.hidden = false;
  const map = L.map(el, { attributionControl: false });
  const group = L.featureGroup();
  for (const p of points) {
    const m = L.circleMarker([p.lat, p.lng], { radius: 7, weight: 2 });
    const a = document.createElement('a');
    a.href = p.href;
    a.textContent = p.title;
    m.bindPopup(a);
    group.addLayer(m);
  }
  group.addTo(map);
  map.fitBounds(group.getBounds().pad(0.3), { maxZoom: 12 });
}
