// Inlined on the home page and the "choose your neighbourhood" page (no extra request): with JavaScript and a browser
// that knows where it is, a "find my neighbourhood with my location" button. It asks the browser once, when pressed,
// and posts the point to /melden (areaAt on the server); the point never goes into an address. Without JavaScript the
// button stays hidden: the address field and the list do the same.
(function () {
	var form = document.getElementById('locate-form');
	if (!form || !('geolocation' in navigator)) return;
	var button = form.querySelector('button');
	var status = document.getElementById('locate-status');
	var d = form.dataset;
	form.hidden = false;
	button.addEventListener('click', function () {
		button.disabled = true;
		status.textContent = d.busy;
		navigator.geolocation.getCurrentPosition(
			function (position) {
				form.elements.lon.value = String(position.coords.longitude);
				form.elements.lat.value = String(position.coords.latitude);
				form.submit();
			},
			function () {
				button.disabled = false;
				status.textContent = d.failed;
			},
			{ enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
		);
	});
})();
