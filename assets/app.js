// samskab: progressive enhancement only. Every page works without this
// file; it makes some things quicker, never possible.
'use strict';

// Dialogue: vote without a page load. The form posts as usual, asking for
// JSON; the next statement replaces the card, the progress line (a live
// region) is updated, and focus moves to the new statement so screen
// reader users hear it. Any failure falls back to the ordinary post.
(function () {
	var card = document.getElementById('card');
	if (!card || !window.fetch || !window.FormData) return;
	card.addEventListener('submit', function (event) {
		var form = event.target;
		var button = event.submitter;
		if (!button || !button.value) return;
		event.preventDefault();
		var body = new URLSearchParams(new FormData(form));
		body.set('vote', button.value);
		fetch(form.action, {
			method: 'POST',
			headers: { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
			body: body.toString(),
			credentials: 'same-origin'
		}).then(function (response) {
			if (!response.ok) throw new Error(response.status);
			return response.json();
		}).then(function (data) {
			document.getElementById('progress').textContent = data.progress;
			var quote = document.getElementById('statement');
			if (!data.next) { window.location.reload(); return; }
			quote.querySelector('p').textContent = data.next.text;
			quote.setAttribute('lang', data.next.lang);
			form.querySelector('input[name=statement]').value = data.next.id;
			quote.focus();
		}).catch(function () {
			form.submit();
		});
	});
})();

// Resolving overlapping changes: each place has a field holding both
// versions; these buttons put in the saved version, one's own, or both.
// Without script the field is edited by hand.
(function () {
	var boxes = document.querySelectorAll('.choose[data-field]');
	for (var i = 0; i < boxes.length; i++) {
		(function (box) {
			var field = document.getElementById(box.getAttribute('data-field'));
			if (!field) return;
			box.hidden = false;
			box.addEventListener('click', function (event) {
				var which = event.target.getAttribute('data-use');
				if (!which) return;
				var ours = box.getAttribute('data-ours'), theirs = box.getAttribute('data-theirs');
				var joiner = /[\s]$/.test(ours) || ours === '' ? '' : ' ';
				field.value = which === 'ours' ? ours : which === 'theirs' ? theirs : ours + joiner + theirs;
				field.focus();
			});
		})(boxes[i]);
	}
})();
