// Inlined in the report form (no extra request): with JavaScript, offers "a point on the map" and loads Leaflet and
// pin-map.js only when the resident picks it. Without JavaScript none of this runs and the form stays as it is.
(function () {
	var panel = document.getElementById('pin-panel');
	var form = panel && panel.closest('form');
	if (!panel || !form) return;
	var d = panel.dataset,
		loaded = false;
	document.getElementById('pin-choice').hidden = false;
	function load() {
		if (loaded) return;
		loaded = true;
		var css = document.createElement('link');
		css.rel = 'stylesheet';
		css.href = d.css;
		document.head.appendChild(css);
		[d.leaflet, d.pin].forEach(function (src) {
			var js = document.createElement('script');
			js.src = src;
			js.async = false;
			document.head.appendChild(js);
		});
	}
	function sync() {
		var on = form.elements.locationKind.value === 'map';
		panel.hidden = !on;
		form.elements.lon.disabled = form.elements.lat.disabled = !on;
		if (on) load();
	}
	form.addEventListener('change', function (e) {
		if (e.target.name === 'locationKind') sync();
	});
	sync();
})();
