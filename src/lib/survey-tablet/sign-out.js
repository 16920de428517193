// On a worker's "Sign out": what the survey tablet keeps on this device for offline use goes with the session — the
// page's offline copy (its cache and service worker), the questions and the talk that was going on at a door. Answer
// sets not sent yet stay: they are answers of residents and would be lost; they go out when the same worker signs in
// again (only that worker sends them). When some wait, the worker is asked first. Without JavaScript the form signs
// out as before. Loaded on staff pages only.
(function () {
	const form = document.querySelector('form.signout');
	if (!form || !('localStorage' in window)) return;
	form.addEventListener('submit', function (event) {
		if (form.dataset.cleaned) return;
		let waiting = 0;
		const drop = [];
		try {
			for (let i = 0; i < localStorage.length; i++) {
				const key = localStorage.key(i);
				if (!key || !key.startsWith('leefbaar.tablet.')) continue;
				if (key.endsWith('.sets')) waiting += JSON.parse(localStorage.getItem(key) || '[]').length;
				else drop.push(key);
			}
		} catch {
			// Storage unreadable: nothing of ours to clear.
		}
		if (waiting > 0 && !window.confirm((form.dataset.waiting || '').replace('{count}', String(waiting)))) {
			event.preventDefault();
			return;
		}
		event.preventDefault();
		for (const key of drop) localStorage.removeItem(key);
		const caches_ = 'caches' in window ? caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith('leefbaar-tablet-')).map((n) => caches.delete(n)))) : null;
		const workers = 'serviceWorker' in navigator ? navigator.serviceWorker.getRegistrations().then((all) => Promise.all(all.filter((r) => /\/tablet\/?$/.test(new URL(r.scope).pathname)).map((r) => r.unregister()))) : null;
		// Never keep the worker from signing out: after two seconds the form goes, cleared or not.
		const late = new Promise((resolve) => setTimeout(resolve, 2000));
		Promise.race([Promise.all([caches_, workers]).catch(() => undefined), late]).then(() => {
			form.dataset.cleaned = '1';
			form.submit();
		});
	});
})();
