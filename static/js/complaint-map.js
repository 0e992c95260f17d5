/* The map-point picker of the complaint form: tap the map (or use the phone's location) to mark
   where the problem is; the point goes into the form's hidden latitude/longitude fields. Optional:
   without JavaScript or Leaflet the form works without a point. Works without tiles (offline). */
(function () {
  "use strict";
  var mapEl = document.getElementById("complaint-map");
  var dataEl = document.getElementById("complaint-map-data");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  if (!mapEl || !dataEl || !lat || !lon || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var status = document.getElementById("complaint-map-status");
  var picker = document.getElementById("complaint-map-picker");
  picker.hidden = false;
  var map = L.map(mapEl, { scrollWheelZoom: false });
  if (data.tiles && data.tiles.url) {
    L.tileLayer(data.tiles.url, { maxZoom: 19, attribution: data.tiles.attribution }).addTo(map);
  }
  map.setView([data.center[0], data.center[1]], data.zoom);
  var marker = null;

  function place(latitude, longitude) {
    lat.value = latitude.toFixed(6);
    lon.value = longitude.toFixed(6);
    if (marker) { marker.setLatLng([latitude, longitude]); } else { marker = L.marker([latitude, longitude]).addTo(map); }
    status.textContent = data.messages.placed + " " + lat.value + ", " + lon.value;
  }

  if (lat.value && lon.value) { place(parseFloat(lat.value), parseFloat(lon.value)); }
  map.on("click", function (e) { place(e.latlng.lat, e.latlng.lng); });
  document.getElementById("complaint-map-clear").addEventListener("click", function () {
    lat.value = ""; lon.value = "";
    if (marker) { map.removeLayer(marker); marker = null; }
    status.textContent = data.messages.cleared;
  });
  var here = document.getElementById("complaint-map-here");
  if (!navigator.geolocation) { here.hidden = true; }
  here.addEventListener("click", function () {
    status.textContent = data.messages.locating;
    navigator.geolocation.getCurrentPosition(function (p) {
      place(p.coords.latitude, p.coords.longitude);
      map.setView([p.coords.latitude, p.coords.longitude], 17);
    }, function () { status.textContent = data.messages.no_location; }, { timeout: 15000 });
  });
})();
