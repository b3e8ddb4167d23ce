// guides.test.mjs: the guide programme in a real browser, on the demo's
// "Vejvisere i Assens Kommune". A guide signs up from the programme page;
// a newcomer signs up (refused without consent, then given); the
// coordinator runs the matching, reads the reasons, chooses
// the new guide for the newcomer on the choice page and sends; the guide
// answers from the mailed link, seeing only the newcomer's first name,
// languages, interests and area; the newcomer answers on /me, seeing only
// the guide's first name until both said yes, then both see each other's
// contact details. Neither may open the coordinators' pages. axe-core
// finds no WCAG 2.1 AA violation on any page of the programme, and a
// coordinator's round works without JavaScript.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, browser, server, useDemoSite, watchErrors } from './lib.mjs';

useDemoSite();

const PASSWORD = 'vejviser-password';

async function signIn(page, email, password = PASSWORD) {
	await page.goto(server.url + '/login');
	await page.fill('#email', email);
	await page.fill('#password', password);
	await page.click('main button[type=submit]');
	assert.match(page.url(), /\/me$/, `signed in as ${email}`);
}

async function clean(page, what) {
	assert.deepEqual(await axeViolations(page), [], what);
}

test('the round works without JavaScript', async () => {
	const context = await browser.newContext({ locale: 'da-DK', javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'helle@demo.example', 'demo-password');
	await page.goto(server.url + '/programmes/1/round');
	await page.click('form[action="/programmes/1/round/run"] button[type=submit]');
	assert.match(page.url(), /\/programmes\/1\/round\?done=round-run$/);
	const first = page.locator('section[aria-labelledby=drafts] tbody tr').first();
	const who = (await first.locator('td').first().textContent()).trim();
	await first.locator('button:has-text("Lås")').click();
	assert.match(await page.locator('section[aria-labelledby=drafts] tbody tr', { hasText: who.split(/\s/)[0] }).first().textContent(), /Låst/);
	await context.close();
});

test('a coordinator runs a round from sign-up to accepted pair; each sees only what they may', async () => {
	server.samskab(['user', 'add', 'gorm@example.dk', 'Gorm Gudmundsen'], { SAMSKAB_PASSWORD: PASSWORD });
	server.samskab(['user', 'add', 'nadia@example.dk', 'Nadia Rahimi'], { SAMSKAB_PASSWORD: PASSWORD });

	// The guide signs up from the programme page.
	const guide = await browser.newContext({ locale: 'da-DK' });
	const g = await guide.newPage();
	const errors = watchErrors(g);
	await g.goto(server.url + '/programmes');
	await clean(g, '/programmes');
	await g.click('text=Vejvisere i Assens Kommune');
	await clean(g, 'programme page, signed out');
	await signIn(g, 'gorm@example.dk');
	await g.goto(server.url + '/programmes/1');
	await g.click('text=Meld dig som vejviser');
	assert.equal(await g.textContent('h1'), 'Meld dig som vejviser');
	await clean(g, 'guide sign-up');
	await g.selectOption('#area', { label: 'Tommerup' });
	await g.fill('#reach', '5');
	await g.check('#languages-da');
	await g.check('#languages-prs');
	await g.check('#interests-football');
	await g.check('#times-evenings');
	await g.check('#capacity-1');
	await g.fill('#phone', '+45 26 11 22 33');
	await g.click('form[action="/programmes/1/guide"] button[type=submit]');
	assert.match(await g.textContent('.notice'), /Dine oplysninger som vejviser er gemt/);
	assert.equal(await g.textContent('h1'), 'Dine oplysninger som vejviser');
	await clean(g, 'guide details');

	// The newcomer signs up: consent first.
	const newcomer = await browser.newContext({ locale: 'da-DK' });
	const n = await newcomer.newPage();
	await signIn(n, 'nadia@example.dk');
	await n.goto(server.url + '/programmes/1/newcomer');
	await clean(n, 'newcomer sign-up');
	await n.fill('#first_name', 'Nadia');
	await n.fill('#last_name', 'Rahimi');
	await n.fill('#born', '1996-03-08');
	await n.check('#target_group-refugee');
	await n.selectOption('#area', { label: 'Tommerup' });
	await n.check('#languages-prs');
	await n.check('#languages-fa');
	await n.check('#interests-football');
	await n.check('#times-evenings');
	await n.fill('#needs', 'Vil gerne spille fodbold med andre kvinder.');
	await n.click('form[action="/programmes/1/newcomer"] button[type=submit]');
	assert.match(await n.textContent('.error-summary'), /samtykke/);
	await clean(n, 'newcomer sign-up with an error');
	await n.check('#consent');
	await n.click('form[action="/programmes/1/newcomer"] button[type=submit]');
	assert.match(await n.textContent('.notice'), /Oplysningerne om den nytilkomne er gemt/);
	assert.equal(await n.textContent('h1'), 'Dine oplysninger');
	await clean(n, 'newcomer details');

	// Neither opens the coordinators' pages.
	for (const [page, path] of [[g, '/programmes/1/round'], [g, '/programmes/1/newcomers'], [n, '/programmes/1/dashboard']]) {
		const r = await page.goto(server.url + path);
		assert.equal(r.status(), 403, path);
	}

	// The coordinator runs the round and reads the reasons.
	const coordinator = await browser.newContext({ locale: 'da-DK' });
	const c = await coordinator.newPage();
	await signIn(c, 'helle@demo.example', 'demo-password');
	await c.goto(server.url + '/programmes/1/round');
	await clean(c, 'round');
	await c.click('form[action="/programmes/1/round/run"] button[type=submit]');
	assert.match(await c.textContent('#drafts'), /Foreslåede par/);
	const row = c.locator('tr', { hasText: 'Nadia' });
	assert.match(await row.textContent(), /begge taler dari/);
	await clean(c, 'round after a run');
	// Gorm, the only Dari speaker near Tommerup, on the choice page.
	await row.locator('a', { hasText: 'Vælg en anden vejviser' }).click();
	assert.match(await c.textContent('h1'), /Vælg en vejviser: Nadia/);
	await clean(c, 'choosing a guide');
	await c.locator('tr', { hasText: 'Gorm Gudmundsen' }).locator('button', { hasText: 'Vælg' }).click();
	assert.match(await c.locator('tr', { hasText: 'Nadia' }).textContent(), /Låst/);
	await c.click('form[action="/programmes/1/round/send"] button[type=submit]');
	assert.match(await c.textContent('.notice'), /forslag er sendt/);

	// The guide's mail: the newcomer's first name and a link.
	const outbox = server.samskab(['outbox', '--all']);
	const guideMail = outbox.split(/^--- mail /m).find((m) => m.includes('To: gorm@example.dk'));
	assert.ok(guideMail, 'a mail to the guide');
	const guideLink = /http:\/\/\S+\/matches\/\d+\/answer\?t=\S+/.exec(guideMail)[0].replace(/^http:\/\/[^/]+/, server.url);
	await g.goto(guideLink);
	assert.equal(await g.textContent('h1'), 'Forslag: en nytilkommen til dig');
	const proposal = await g.textContent('main');
	assert.match(proposal, /Nadia/);
	assert.doesNotMatch(proposal, /Rahimi|nadia@example\.dk|fodbold med andre kvinder/);
	await clean(g, 'proposal for the guide');
	await g.click('button:has-text("Ja tak")');
	assert.match(await g.textContent('main'), /venter på den andens svar/);

	// The newcomer answers on /me: the guide's first name only, then yes.
	await n.goto(server.url + '/me');
	let mine = await n.textContent('#guiding ~ article, section[aria-labelledby=guiding]');
	assert.match(mine, /Gorm/);
	assert.doesNotMatch(mine, /Gudmundsen|gorm@example\.dk/);
	await clean(n, '/me with a proposal');
	await n.click('section[aria-labelledby=guiding] button:has-text("Ja tak")');
	assert.match(n.url(), /done=answered/);
	mine = await n.textContent('section[aria-labelledby=guiding]');
	assert.match(mine, /Gorm Gudmundsen/);
	assert.match(mine, /gorm@example\.dk/);
	assert.match(mine, /\+45 26 11 22 33/);
	await clean(n, '/me with an accepted pair');
	await g.goto(server.url + '/me');
	assert.match(await g.textContent('section[aria-labelledby=guiding]'), /Nadia Rahimi/);

	// The coordinator follows the match; every page is accessible.
	await c.goto(server.url + '/programmes/1/matches');
	await c.click('a:has-text("Nadia – Gorm Gudmundsen")');
	assert.match(await c.textContent('dl.facts'), /accepteret af begge/);
	await clean(c, 'match page');
	for (const path of ['/programmes/1/dashboard', '/programmes/1/newcomers', '/programmes/1/newcomers/new',
		'/programmes/1/guides', '/programmes/1/settings', '/programmes/1/matches?status=active']) {
		await c.goto(server.url + path);
		await clean(c, path);
	}
	// A registration sent empty: the errors are accessible too.
	await c.goto(server.url + '/programmes/1/newcomers/new');
	await c.click('form[action="/programmes/1/newcomers/new"] button[type=submit]');
	assert.match(await c.textContent('.error-summary'), /Der er fejl/);
	await clean(c, 'registration with errors');
	// The match at its 2-month follow-up in the demo.
	await c.goto(server.url + '/programmes/1/matches?status=active');
	await c.click('a:has-text("Olena – Sanne Jensen")');
	assert.match(await c.textContent('#followups ~ ul, section[aria-labelledby=followups]'), /nu/);
	await clean(c, 'match at its follow-up');

	// The 403s are the refused pages above. A load still under way when
	// the test navigates on is cancelled by that ("failed: ..."): not a
	// CSP violation or script error, which come as console errors.
	assert.deepEqual(errors.filter((e) => !/status of 40[03]/.test(e) && !/^failed: /.test(e)), [],
		'no CSP violations or script errors');
	await guide.close();
	await newcomer.close();
	await coordinator.close();
});

test('the programme pages in English are accessible', async () => {
	const context = await browser.newContext({ locale: 'en-GB' });
	const page = await context.newPage();
	await page.goto(server.url + '/language?set=en&next=/programmes/1');
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	assert.match(await page.textContent('main'), /How it works/);
	await clean(page, 'programme page in English');
	await signIn(page, 'olena@demo.example', 'demo-password');
	await page.goto(server.url + '/me');
	assert.match(await page.textContent('section[aria-labelledby=guiding]'), /Your guide/);
	await clean(page, '/me in English with a match');
	await context.close();
});
