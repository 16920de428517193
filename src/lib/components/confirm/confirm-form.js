// ConfirmForm's dialog: a submit of a form marked data-asks opens the form's <dialog> (the question) instead of
// posting; "Yes" posts the same form with confirm=yes and the same button, "No" or Escape closes it and puts focus back
// on the button. Without JavaScript (or without <dialog>) the form posts and the server answers with the question on
// a page of its own. Loaded once per page however many forms ask (the listeners sit on the document).
(function () {
	if (window.leefbaarConfirm || typeof HTMLDialogElement !== 'function') return;
	window.leefbaarConfirm = true;
	/** @type {HTMLElement | null} */
	let opener = null;

	document.addEventListener('submit', function (event) {
		const form = event.target;
		if (!(form instanceof HTMLFormElement) || !form.dataset.asks || form.dataset.confirming) return;
		const submitter = event.submitter instanceof HTMLElement ? event.submitter : null;
		// A form with other buttons (publish and withdraw) asks only for the marked one.
		if (form.dataset.asks === 'marked' && !(submitter && submitter.hasAttribute('data-asks'))) return;
		const dialog = form.querySelector('dialog.confirm');
		if (!(dialog instanceof HTMLDialogElement)) return;
		event.preventDefault();
		opener = submitter;
		dialog.showModal();
		const no = dialog.querySelector('[data-no]');
		if (no instanceof HTMLElement) no.focus();
	});

	document.addEventListener('click', function (event) {
		const button = event.target instanceof Element ? event.target.closest('dialog.confirm [data-yes], dialog.confirm [data-no]') : null;
		if (!button) return;
		const dialog = /** @type {HTMLDialogElement} */ (button.closest('dialog'));
		const form = dialog.closest('form');
		if (!form || button.hasAttribute('data-no')) return dialog.close();
		const yes = document.createElement('input');
		yes.type = 'hidden';
		yes.name = 'confirm';
		yes.value = 'yes';
		form.appendChild(yes);
		form.dataset.confirming = '1';
		const submitter = opener && opener.form === form ? opener : null;
		opener = null;
		dialog.close();
		// The form's fields are read during requestSubmit: the extra field and the mark go right after, so a page
		// restored from the back-forward cache asks again.
		try {
			form.requestSubmit(/** @type {HTMLButtonElement | null} */ (submitter));
		} finally {
			yes.remove();
			delete form.dataset.confirming;
		}
	});

	// Closed by "No" or Escape: back to the button that asked.
	document.addEventListener(
		'close',
		function (event) {
			if (!(event.target instanceof HTMLDialogElement) || !event.target.classList.contains('confirm')) return;
			if (opener) opener.focus();
			opener = null;
		},
		true
	);
})();
