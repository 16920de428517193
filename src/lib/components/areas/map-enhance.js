// Progressive enhancement for AreaMap: draws the GeoJSON in <script type="application/json"> on a Leaflet map. Without
// JavaScript, or when Leaflet or the tiles do not load, the page keeps its text list and nothing breaks.
(function () {
	'use strict';
	var STYLES = {
		area: { color: '#084c37', weight: 3, fillColor: '#0b6e4f', fillOpacity: 0.12 },
		child: { color: '#b3412b', weight: 2, fillColor: '#b3412b', fillOpacity: 0.08, dashArray: '6 4' },
		estate: { color: '#084c37', weight: 2, fillColor: '#ffbf47', fillOpacity: 0.9 }
	};

	function draw(container) {
		var L = window.L;
		var source = document.getElementById(container.getAttribute('data-source'));
		if (!L || !source) return;
		var data = JSON.parse(source.textContent || '{}');
		if (!data.features || data.features.length === 0) return;
		container.hidden = false;
		var map = L.map(container, { scrollWheelZoom: false, attributionControl: true });
		var tiles = container.getAttribute('data-tiles');
		if (tiles) {
			// Tiles may be unreachable (offline, a closed network): the shapes still show on the plain background.
			L.tileLayer(tiles, { maxZoom: 19, attribution: container.getAttribute('data-attribution') || '' }).addTo(map);
		}
		var layer = L.geoJSON(data, {
			style: function (feature) {
				return STYLES[(feature && feature.properties && feature.properties.role) || 'area'] || STYLES.area;
			},
			pointToLayer: function (feature, latlng) {
				return L.circleMarker(latlng, Object.assign({ radius: 8 }, STYLES.estate));
			},
			onEachFeature: function (feature, shape) {
				var p = feature.properties || {};
				if (!p.name) return;
				var label = document.createElement(p.href ? 'a' : 'span');
				label.textContent = p.name;
				if (p.href) label.setAttribute('href', p.href);
				shape.bindPopup(label);
				shape.bindTooltip(p.name);
			}
		}).addTo(map);
		var bounds = layer.getBounds();
		if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17 });
		else map.setView([50.85, 4.35], 8);
	}

	function start() {
		var maps = document.querySelectorAll('[data-leefbaar-map]');
		for (var i = 0; i < maps.length; i++) {
			try {
				draw(maps[i]);
			} catch (error) {
				maps[i].hidden = true;
				if (window.console) console.warn('map not drawn', error);
			}
		}
	}

	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
	else start();
})();
