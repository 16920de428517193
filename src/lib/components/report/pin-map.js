// The map of the report form, loaded by pin-choice.js once a resident picks "a point on the map". A tap on the map
// sets the pin; the keyboard moves the map (arrow keys, + and -) under the cross in its middle and the button sets
// the pin there. The point goes into the form's lon and lat fields. Without tiles (offline, a closed network) the
// map is a plain background with the outline of the place, and the pin works the same.
(function () {
	'use strict';
	var L = window.L;
	var panel = document.getElementById('pin-panel');
	var box = document.getElementById('pin-map');
	if (!L || !panel || !box || box.getAttribute('data-ready')) return;
	box.setAttribute('data-ready', '1');
	var form = panel.closest('form');
	var d = panel.dataset;
	var lon = form.elements.lon;
	var lat = form.elements.lat;
	var status = document.getElementById('pin-status');
	var b = JSON.parse(d.bounds);
	var bounds = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);

	var map = L.map(box, { scrollWheelZoom: false, zoomControl: false, keyboardPanDelta: 60 });
	L.control.zoom({ zoomInTitle: d.zoomIn, zoomOutTitle: d.zoomOut }).addTo(map);
	if (d.tiles) L.tileLayer(d.tiles, { maxZoom: 19, attribution: d.attribution || '' }).addTo(map);
	// The box of the place, so there is something to go by when the tiles do not come.
	L.rectangle(bounds.pad(0.02), { color: '#084c37', weight: 2, fill: false, dashArray: '6 4', interactive: false }).addTo(map);
	map.fitBounds(bounds, { maxZoom: 18, padding: [12, 12] });

	var pin = null;
	function put(at, moveMap) {
		lat.value = at.lat.toFixed(6);
		lon.value = at.lng.toFixed(6);
		if (pin) pin.setLatLng(at);
		else pin = L.circleMarker(at, { radius: 10, color: '#fff', weight: 3, fillColor: '#b3412b', fillOpacity: 1, interactive: false }).addTo(map);
		if (moveMap) map.setView(at, Math.max(map.getZoom(), 17));
		status.textContent = d.placed;
	}

	map.on('click', function (e) {
		put(e.latlng, false);
	});
	document.getElementById('pin-here').addEventListener('click', function () {
		put(map.getCenter(), false);
	});
	// Back on the form after a mistake elsewhere: the pin is where it was.
	if (lon.value && lat.value && isFinite(+lon.value) && isFinite(+lat.value)) put(L.latLng(+lat.value, +lon.value), true);
	// Hidden and shown again: Leaflet measures the box anew.
	form.addEventListener('change', function (e) {
		if (e.target.name === 'locationKind' && !panel.hidden) map.invalidateSize();
	});
})();
