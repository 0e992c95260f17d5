/* The household form: fill latitude and longitude from the phone's location. */
(function () {
  var button = document.getElementById("use-my-location");
  if (!button || !navigator.geolocation) { if (button) { button.hidden = true; } return; }
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById("id_latitude").value = p.coords.latitude.toFixed(7);
      document.getElementById("id_longitude").value = p.coords.longitude.toFixed(7);
    }, function () { alert(button.dataset.error); }, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
