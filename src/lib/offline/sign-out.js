// On a worker's "Sign out": what the offline pages (the survey tablet, the staff intake form) keep on this device goes
// with the session — their offline copies (caches and service workers), the tablet's questions and the talk that was
// going on at a door. What waits to be sent (keys ending in ".sets": answer sets, signals registered offline, and
// the photos of those signals in IndexedDB) stays:
// it is what residents told the worker and would be lost; it goes out when the same worker signs in again (only that
// worker sends it). When something waits, the worker is asked first. Without JavaScript the form signs out as
// before. Loaded on staff pages only.
(function () {
	const form = document.querySelector('form.signout');
	if (!form || !('localStorage' in window)) return;
	// localStorage prefix of each offline page → the form's data attribute that asks about its waiting items.
	const pages = [
		{ prefix: 'leefbaar.tablet.', question: 'waiting' },
		{ prefix: 'leefbaar.intake.', question: 'waitingSignals' }
	];
	form.addEventListener('submit', function (event) {
		if (form.dataset.cleaned) return;
		const waiting = pages.map(() => 0);
		const drop = [];
		try {
			for (let i = 0; i < localStorage.length; i++) {
				const key = localStorage.key(i);
				const at = key ? pages.findIndex((p) => key.startsWith(p.prefix)) : -1;
				if (!key || at < 0) continue;
				const count = key.endsWith('.sets') ? JSON.parse(localStorage.getItem(key) || '[]').length : 0;
				// An empty waiting list goes too: nothing of the worker's stays on the device.
				if (count > 0) waiting[at] += count;
				else drop.push(key);
			}
		} catch {
			// Storage unreadable: nothing of ours to clear.
		}
		for (let i = 0; i < pages.length; i++) {
			if (waiting[i] > 0 && !window.confirm((form.dataset[pages[i].question] || '').replace('{count}', String(waiting[i])))) {
				event.preventDefault();
				return;
			}
		}
		event.preventDefault();
		for (const key of drop) localStorage.removeItem(key);
		const photos = clearPhotos(waitingSignalIds());
		const ours = (/** @type {string} */ name) => /^leefbaar-(tablet|intake)-/.test(name);
		const caches_ = 'caches' in window ? caches.keys().then((names) => Promise.all(names.filter(ours).map((n) => caches.delete(n)))) : null;
		const offlinePage = (/** @type {string} */ path) => /\/tablet\/?$/.test(path) || /^\/staff\/signals\/new\/?$/.test(path);
		const workers =
			'serviceWorker' in navigator
				? navigator.serviceWorker
						.getRegistrations()
						.then((all) => Promise.all(all.filter((r) => offlinePage(new URL(r.scope).pathname)).map((r) => r.unregister())))
				: null;
		// Never keep the worker from signing out: after two seconds the form goes, cleared or not.
		const late = new Promise((resolve) => setTimeout(resolve, 2000));
		Promise.race([Promise.all([caches_, workers, photos]).catch(() => undefined), late]).then(() => {
			form.dataset.cleaned = '1';
			form.submit();
		});
	});

	/** The submission ids of the signals waiting on this device (intake-queue.ts). */
	function waitingSignalIds() {
		try {
			return new Set(JSON.parse(localStorage.getItem('leefbaar.intake.sets') || '[]').map((/** @type {{ submissionId: string }} */ i) => i.submissionId));
		} catch {
			return new Set();
		}
	}

	/**
	 * The photos of signals (device-photos.ts: database "leefbaar-intake-photos", store "photos", keyed by submission
	 * id): those of a waiting signal stay with it, every other goes; with nothing waiting, the whole database goes.
	 * @param {Set<string>} waiting
	 */
	function clearPhotos(waiting) {
		if (!('indexedDB' in window)) return null;
		const name = 'leefbaar-intake-photos';
		return new Promise((resolve) => {
			const done = () => resolve(undefined);
			if (waiting.size === 0) {
				const request = indexedDB.deleteDatabase(name);
				request.onsuccess = request.onerror = request.onblocked = done;
				return;
			}
			const request = indexedDB.open(name);
			// No such database: opening made it, and aborting the upgrade takes it away again.
			request.onupgradeneeded = () => request.transaction?.abort();
			request.onerror = request.onblocked = done;
			request.onsuccess = () => {
				const db = request.result;
				const finish = () => (db.close(), done());
				try {
					const tx = db.transaction('photos', 'readwrite');
					const store = tx.objectStore('photos');
					const keys = store.getAllKeys();
					keys.onsuccess = () => {
						for (const key of keys.result) if (!waiting.has(String(key))) store.delete(key);
					};
					tx.oncomplete = tx.onerror = tx.onabort = finish;
				} catch {
					finish();
				}
			};
		});
	}
})();
