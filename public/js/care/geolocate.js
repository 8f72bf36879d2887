// Island: fills the latitude/longitude fields from the browser's location (optional; the form works without it).
const btn = document.querySelector('[data-care-geolocate]');
if (btn && 'geolocation' in navigator) {
  btn.hidden = false;
  btn.addEventListener('click', () => {
    navigator.geolocation.getCurrentPosition((pos) => {
      const lat = document.getElementById('f-lat');
      const lng = document.getElementById('f-lng');
      if (lat) lat.value = pos.coords.latitude.toFixed(5);
      if (lng) lng.value = pos.coords.longitude.toFixed(5);
    });
  });
}
