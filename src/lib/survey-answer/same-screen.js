// With JavaScript, a question whose condition names a question on the same screen shows and hides as the resident
// answers, and the screen's list of shown questions follows, so "next" goes on at once. Without JavaScript, the server
// asks such a question after the screen is sent. A hidden question's fields are disabled: they are not sent.
(() => {
	const form = document.getElementById('answers');
	const shown = form && form.querySelector('input[name="shown"]');
	const dependent = form ? [...form.querySelectorAll('[data-when]')] : [];
	if (!shown || dependent.length === 0) return;
	const base = (shown.getAttribute('data-base') || '').split(' ').filter(Boolean);
	const chosen = (key) => [...form.querySelectorAll('input[name="a.' + key + '"]:checked')].map((i) => i.value);
	const update = () => {
		const keys = base.slice();
		for (const el of dependent) {
			const c = JSON.parse(el.getAttribute('data-when'));
			const values = chosen(c.question);
			const on = keys.includes(c.question) && (c.op === 'includes' ? values.includes(c.value) : values[0] === c.value);
			el.hidden = !on;
			for (const field of el.querySelectorAll('input, textarea, select')) field.disabled = !on;
			if (on) keys.push(el.getAttribute('data-key'));
		}
		shown.value = keys.join(' ');
	};
	form.addEventListener('change', update);
	update();
})();
