// arenas.test.mjs: a facilitator in a real browser opens an arena and
// plans a workshop; a citizen signs up with her needs and finds it in
// her own calendar feed. axe-core finds no WCAG 2.1 AA violation on the
// arena list, an arena page, an activity page and the facilitator forms
// (also when they show errors).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, browser, server, useDemoSite, watchErrors } from './lib.mjs';

useDemoSite();

async function signIn(page, email) {
	await page.goto(server.url + '/login');
	await page.fill('#email', email);
	await page.fill('#password', 'demo-password');
	await page.click('main button[type=submit]');
	await page.waitForURL(/\/me$/); // the sign-in has landed before the next goto
}

test('demo arenas are readable and accessible', async () => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	for (const path of ['/', '/arenas', '/arenas?status=closed', '/arenas/1', '/arenas/1/activities/1', '/arenas/2',
		'/arenas/2/activities/5', '/organisations/13']) {
		await page.goto(server.url + path);
		assert.deepEqual(await axeViolations(page), [], path);
	}
	await context.close();
});

test('a facilitator opens an arena and a workshop; a citizen signs up and sees it in her calendar', async () => {
	const frida = await browser.newContext({ locale: 'da-DK' });
	const page = await frida.newPage();
	const errors = watchErrors(page);
	await signIn(page, 'frida@demo.example');
	await page.goto(server.url + '/arenas');
	await page.click('text=Åbn en ny arena');
	assert.deepEqual(await axeViolations(page), []);
	await page.click('main button[type=submit]'); // empty: errors
	assert.match(await page.textContent('.error-summary'), /Titel/);
	assert.deepEqual(await axeViolations(page), []);
	await page.fill('#title', 'Nye naboer i Vissenbjerg');
	await page.selectOption('#theme', { label: 'Integration af flygtninge' });
	await page.check('text=Vissenbjerg');
	await page.fill('#description', 'Hvordan tager vi godt imod **nye naboer**?');
	await page.click('main button[type=submit]');
	assert.equal(await page.textContent('h1'), 'Nye naboer i Vissenbjerg');
	const arenaUrl = page.url().replace(/\?.*$/, '');

	await page.click('text=Faser');
	assert.deepEqual(await axeViolations(page), []);
	await page.goto(arenaUrl);
	await page.click('nav.tools-bar >> text=Ny aktivitet');
	assert.deepEqual(await axeViolations(page), []);
	await page.fill('#title', 'Workshop: Velkomst i foreningerne');
	await page.selectOption('#kind', 'workshop');
	await page.fill('#starts_at', '2031-05-06T17:00');
	await page.fill('#ends_at', '2031-05-06T16:00'); // before the start
	await page.fill('#place', 'Vissenbjerg Hallen');
	await page.fill('#capacity', '12');
	await page.check('#interpretation-ar');
	await page.check('#interpretation-uk');
	await page.click('main button[type=submit]');
	assert.match(await page.textContent('#ends_at-error'), /efter starttidspunktet/);
	assert.deepEqual(await axeViolations(page), []);
	await page.fill('#ends_at', '2031-05-06T19:00');
	await page.click('main button[type=submit]');
	assert.equal(await page.textContent('h1'), 'Workshop: Velkomst i foreningerne');
	assert.match(await page.textContent('dl.facts'), /tirsdag 6\. maj 2031 kl\. 17\.00/);
	assert.match(await page.textContent('dl.facts'), /12 ledige af 12/);
	const activityUrl = page.url().replace(/\?.*$/, '');
	assert.deepEqual(await axeViolations(page), []);
	assert.deepEqual(errors.filter((e) => !/status of 400/.test(e)), []);

	const amina = await browser.newContext({ locale: 'da-DK' });
	const her = await amina.newPage();
	await her.goto(activityUrl);
	await her.click('text=Log ind for at tilmelde dig');
	await her.fill('#email', 'amina@demo.example');
	await her.fill('#password', 'demo-password');
	await her.click('main button[type=submit]');
	assert.equal(her.url(), activityUrl, 'signing in returns to the activity');
	await her.selectOption('#interpreter', 'ar');
	await her.check('#childcare');
	await her.click('section.signup button[type=submit]');
	assert.match(await her.textContent('section.signup'), /Du er tilmeldt/);
	assert.deepEqual(await axeViolations(her), []);

	// Her own calendar: make the address, then read the feed.
	await her.goto(server.url + '/me');
	await her.click('section[aria-labelledby=calendar] button[type=submit]');
	const feedUrl = await her.inputValue('#calendar-address');
	assert.match(feedUrl, /\/me\/calendar\.ics\?token=/);
	assert.deepEqual(await axeViolations(her), []);
	const feed = await (await her.request.get(feedUrl.replace(/^https?:\/\/[^/]+/, server.url))).text();
	assert.match(feed, /BEGIN:VCALENDAR/);
	assert.match(feed, /SUMMARY:Workshop: Velkomst i foreningerne/);
	assert.match(feed, /DTSTART:20310506T150000Z/);

	// The facilitator sees who comes and what they need.
	await page.goto(activityUrl);
	assert.match(await page.textContent('#attendees ~ p'), /1 tolk, 0 niveaufri adgang, 1 børnepasning/);
	assert.deepEqual(await axeViolations(page), []);
	await frida.close();
	await amina.close();
});
