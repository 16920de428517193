// Inlined in the public area and estate pages (no extra request): with JavaScript, a "show the map" button; Leaflet
// (its script and style, about 45 KB) and map-enhance.js load only when the resident presses it, so a phone's first
// load stays light. Without JavaScript the button stays hidden and the page's lists say where everything is.
(function () {
	var box = document.querySelector('[data-map-on-demand]');
	var button = box && box.querySelector('button');
	if (!box || !button) return;
	var d = box.dataset;
	// The button sits in a hidden paragraph (a styled button would show despite its own hidden attribute).
	var holder = button.parentNode;
	holder.hidden = false;
	button.addEventListener('click', function () {
		if (button.disabled) return;
		button.disabled = true;
		button.textContent = d.loading;
		var css = document.createElement('link');
		css.rel = 'stylesheet';
		css.href = d.css;
		document.head.appendChild(css);
		var last;
		[d.leaflet, d.enhance].forEach(function (src) {
			last = document.createElement('script');
			last.src = src;
			last.async = false;
			document.head.appendChild(last);
		});
		last.onload = function () {
			var map = box.querySelector('[data-leefbaar-map]');
			holder.hidden = true;
			if (map && !map.hidden) map.focus();
		};
		last.onerror = function () {
			button.textContent = d.failed;
		};
	});
})();
