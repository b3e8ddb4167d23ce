// follow.test.mjs: in a real browser, search from the box every page
// has and narrow the hits; Amina (the demo's citizen) reads her
// notifications, marks them read, chooses her mail, follows a local
// area and stops following a proposal, all without JavaScript; the unsubscribe link of her demo digest
// works for someone not signed in; a facilitator's export page. axe-core
// finds no WCAG 2.1 AA violation on any of these pages, nor on a narrow
// phone screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, browser, server, useDemoSite, watchErrors } from './lib.mjs';

useDemoSite();

async function signIn(page, email) {
	await page.goto(server.url + '/login');
	await page.fill('#email', email);
	await page.fill('#password', 'demo-password');
	await page.click('main button[type=submit]');
	await page.waitForURL(/\/me$/);
}

test('search from the box on every page finds Danish word forms', async () => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	const errors = watchErrors(page);
	await page.goto(server.url + '/arenas/1');
	await page.fill('#site-search', 'ældre');
	await page.press('#site-search', 'Enter');
	await page.waitForURL(/\/search\?q=/);
	assert.equal(await page.textContent('h1'), 'Søg');
	assert.match(await page.textContent('main [role=status]'), /11 resultater for »ældre«/);
	// "ældres" is found by "ældre", and marked.
	assert.ok((await page.$$eval('ol.results mark', (ms) => ms.map((m) => m.textContent))).includes('ældres'));
	assert.deepEqual(await axeViolations(page), []);
	// Narrowed to activities through the chips, then to an area in the form.
	await page.click('nav >> text=/^Aktivitet \\(3\\)$/');
	assert.equal(await page.$$eval('ol.results > li', (li) => li.length), 3);
	await page.selectOption('#area', { label: 'Aarup' });
	await page.click('form.search-page button[type=submit]');
	assert.match(await page.textContent('main [role=status]'), /0 resultater/);
	assert.deepEqual(await axeViolations(page), []);
	// Only common words: told why, with the words kept in the box.
	await page.goto(server.url + '/search?q=og+det');
	assert.match(await page.textContent('#q-error'), /for almindelige/);
	assert.equal(await page.inputValue('#q'), 'og det');
	assert.equal(await page.getAttribute('#q', 'aria-invalid'), 'true');
	assert.deepEqual(await axeViolations(page), []);
	// On a 320 px wide phone the page does not scroll sideways.
	await page.setViewportSize({ width: 320, height: 640 });
	await page.goto(server.url + '/search?q=foreninger');
	assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320));
	assert.deepEqual(await axeViolations(page), []);
	assert.deepEqual(errors, [], 'no CSP violations or script errors');
	await context.close();
});

test('Amina reads her notifications and follows a local area without JavaScript', async () => {
	const context = await browser.newContext({ locale: 'da-DK', javaScriptEnabled: false });
	const page = await context.newPage();
	// axe-core needs script: a second window, signed in too, checks each page.
	const checker = await browser.newContext({ locale: 'da-DK' });
	const check = await checker.newPage();
	await signIn(check, 'amina@demo.example');
	async function accessible(path) {
		await check.goto(server.url + path);
		assert.deepEqual(await axeViolations(check), [], path);
	}
	await signIn(page, 'amina@demo.example');
	assert.equal(await page.textContent('header .badge'), '3 ulæste');
	await page.click('header >> text=Notifikationer');
	assert.equal(await page.textContent('h1'), 'Notifikationer');
	const items = await page.$$eval('ul.notifications > li', (li) => li.map((l) => l.textContent));
	assert.equal(items.length, 4);
	assert.match(items[0], /^Ny /, 'unread first');
	assert.match(items.join('\n'), /Ny aktivitet: Fællesspisning i Haarby Hallen/);
	assert.match(items.join('\n'), /Begrundelse: Tak!/);
	assert.match(items.join('\n'), /Nyt svar på din kommentar til forslaget »Kolleger som vejvisere til foreningslivet«/);
	assert.equal(await page.$$eval('ul.notifications > li.unread', (li) => li.length), 3);
	await accessible('/me/notifications');
	await page.click('main button >> text=Markér alle som læst');
	assert.match(await page.textContent('.notice'), /Markeret som læst/);
	assert.equal(await page.$('header .badge'), null);
	await accessible('/me/notifications?done=notifications-read');

	await page.click('main >> text=Vælg mails, og se hvad du følger');
	assert.equal(await page.textContent('h1'), 'Mails og det, du følger');
	await accessible('/me/notifications/settings');
	await page.selectOption('#mail-activity_cancelled', 'now');
	await page.click('main form:has(#mail-activity_cancelled) button[type=submit]');
	assert.equal(await page.textContent('.notice'), 'Dine valg af mails er gemt.');
	assert.equal(await page.inputValue('#mail-activity_cancelled'), 'now');
	const following = await page.$$eval('#following ~ ul > li a', (a) => a.map((x) => x.textContent));
	// The proposals she wrote in, commented on or supported, last.
	const proposals = ['Fællesspisning og besøgsvenner efter kl. 16', 'Kolleger som vejvisere til foreningslivet',
		'Lokale inviterer nye naboer ind i fritidslivet'];
	assert.deepEqual(following, ['Ensomme ældre i Haarby', 'Haarby', 'Workshop: Hvor mødes vi i Haarby?', ...proposals]);
	await page.click('#following ~ ul > li:has-text("Workshop") button');
	assert.deepEqual(await page.$$eval('#following ~ ul > li a', (a) => a.map((x) => x.textContent)),
		['Ensomme ældre i Haarby', 'Haarby', ...proposals]);

	// On a proposal's page: she follows it; one click stops that.
	await page.goto(server.url + '/arenas/2/proposals/3');
	assert.match(await page.textContent('.follow'), /Du følger med her/);
	await page.click('.follow button');
	assert.equal(await page.textContent('.follow button'), 'Følg forslaget');
	await accessible('/arenas/2/proposals/3');

	await page.goto(server.url + '/areas/2');
	await page.click('.follow button');
	assert.match(await page.textContent('.follow'), /Du følger med her/);
	await accessible('/areas/2');
	await checker.close();
	await context.close();
});

test('the unsubscribe link in a digest works for someone not signed in', async () => {
	const outbox = server.samskab(['outbox']);
	const link = /(\/unsubscribe\?u=4&s=all&t=[A-Za-z0-9_-]+)/.exec(outbox);
	assert.ok(link, 'the demo digest has an unsubscribe link');
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	const errors = watchErrors(page);
	await page.goto(server.url + link[1]);
	assert.equal(await page.textContent('h1'), 'Afmeld mails');
	assert.deepEqual(await axeViolations(page), []);
	await page.click('main button[type=submit]');
	assert.equal(await page.textContent('h1'), 'Du er afmeldt');
	assert.match(await page.textContent('main'), /Du får ikke flere mails om alt nyt fra det, du følger/);
	assert.deepEqual(await axeViolations(page), []);
	await page.goto(server.url + link[1].slice(0, -2) + 'xx');
	assert.match(await page.textContent('main'), /ikke gyldigt/);
	assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
	await context.close();
});

test('a facilitator finds the arena export', async () => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	await signIn(page, 'frida@demo.example');
	await page.goto(server.url + '/arenas/2');
	await page.click('nav.tools-bar >> text=Eksportér arenaens data');
	assert.equal(await page.textContent('h1'), 'Eksport af data');
	assert.deepEqual(await axeViolations(page), []);
	const csv = await page.request.get(server.url + '/arenas/2/export/statements.csv');
	assert.equal(csv.status(), 200);
	assert.match(await csv.text(), /^id,created_at,author,status,/);
	await context.close();
});
