// stories.test.mjs: the demo's facilitator in a real browser writes a
// story for her arena, first with mistakes (errors beside the fields),
// then right; readers find it in the list and on its own page, both
// linking the Atom feed. axe-core finds no WCAG 2.1 AA violation on the
// list, a story, and the form with and without errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, browser, server, useDemoSite, watchErrors } from './lib.mjs';

useDemoSite();

test('a facilitator writes a story; the list and the story link the feed', async () => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	const errors = watchErrors(page);
	await page.goto(server.url + '/login?next=%2Farenas%2F2');
	await page.fill('#email', 'frida@demo.example');
	await page.fill('#password', 'demo-password');
	await page.click('main button[type=submit]');
	assert.match(page.url(), /\/arenas\/2$/);
	await page.click('nav.tools-bar >> text=Skriv en historie');
	assert.match(page.url(), /\/arenas\/2\/stories\/new$/);
	assert.equal(await page.textContent('h1'), 'Skriv en historie');
	assert.equal(await page.inputValue('#licence'), 'CC BY 4.0');
	assert.match(await page.inputValue('#published_on'), /^\d{4}-\d{2}-\d{2}$/);
	assert.deepEqual(await axeViolations(page), []);

	// Without a title or a date: errors in a summary and beside each field.
	await page.fill('#body', 'Vi var **18 organisationer** på Folkemødet.\n\nOg vi lærte meget.');
	await page.fill('#published_on', '');
	await page.click('main button[type=submit]');
	assert.equal(await page.textContent('.error-summary h2'), 'Der er fejl i formularen');
	assert.equal(await page.getAttribute('#title', 'aria-invalid'), 'true');
	assert.equal(await page.getAttribute('#published_on', 'aria-invalid'), 'true');
	assert.match(await page.textContent('#title-error'), /Skal udfyldes/);
	assert.match(await page.inputValue('#body'), /18 organisationer/, 'what was typed stays');
	assert.deepEqual(await axeViolations(page), []);
	await page.click('.error-summary a[href="#title"]');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'title');

	await page.fill('#title', 'Hvad vi lærte på Folkemødet');
	await page.fill('#published_on', '2016-06-18');
	await page.selectOption('#area', { label: 'Assens' });
	await page.click('main button[type=submit]');
	assert.match(page.url(), /\/stories\/\d+\?done=story-published$/);
	assert.match(await page.textContent('.notice'), /Historien er udgivet/);
	assert.equal(await page.textContent('h1'), 'Hvad vi lærte på Folkemødet');
	assert.match(await page.textContent('dl.facts'), /18\. juni 2016/);
	assert.equal(await page.textContent('article strong'), '18 organisationer');
	assert.equal(await page.getAttribute('a[rel=license]', 'href'), 'https://creativecommons.org/licenses/by/4.0/');
	assert.equal(await page.getAttribute('link[rel=alternate][type="application/atom+xml"]', 'href'), '/stories.atom');
	assert.deepEqual(await axeViolations(page), []);

	await page.click('main >> text=Ret historien');
	assert.equal(await page.inputValue('#title'), 'Hvad vi lærte på Folkemødet');
	assert.deepEqual(await axeViolations(page), []);

	await page.click('nav.main >> text=Historier');
	assert.equal(await page.textContent('h1'), 'Historier');
	assert.match(await page.textContent('main .cards'), /Vi var 18 organisationer på Folkemødet\./);
	assert.doesNotMatch(await page.textContent('main .cards'), /Og vi lærte meget/);
	assert.equal(await page.getAttribute('link[rel=alternate][type="application/atom+xml"]', 'href'), '/stories.atom');
	assert.deepEqual(await axeViolations(page), []);
	await page.click('main .cards a >> text=Samskabelse er politikudvikling på højt niveau');
	assert.match(await page.textContent('dl.facts'), /Assens Kommune/);
	assert.deepEqual(await axeViolations(page), []);
	const feed = await page.request.get(server.url + '/stories.atom');
	assert.equal(feed.headers()['content-type'], 'application/atom+xml; charset=utf-8');
	assert.match(await feed.text(), /<title>Hvad vi lærte på Folkemødet<\/title>/);
	assert.deepEqual(errors.filter((e) => !/status of 400/.test(e)), [], 'no CSP violations or script errors');
	await context.close();
});
