// Inlined on a survey's codes page (no extra request). Coming back from making codes (?brieven=<run>), the letters of
// that run download by themselves: the link in the notice is followed, and the run leaves the address so a reload does
// not download them again (the link stays, in the list of runs). The form that makes codes is sent once: a second
// click while the first is on its way is ignored. Without JavaScript the notice's link does the same.
(function () {
	var link = document.getElementById('made-letters');
	if (link) {
		var url = new URL(location.href);
		url.searchParams.delete('brieven');
		history.replaceState(history.state, '', url.pathname + url.search + url.hash);
		link.click();
	}
	var form = document.getElementById('letters-form');
	if (!form) return;
	var sending = false;
	form.addEventListener('submit', function (event) {
		if (sending) event.preventDefault();
		sending = true;
	});
	// Back from another page (the browser's page cache): the form may be sent again.
	window.addEventListener('pageshow', function () {
		sending = false;
	});
})();
