// dialogue.test.mjs: a visitor without an account votes through the
// demo dialogue in a real browser, with script (the quick path: the next
// statement replaces the card without a page load) and without (plain
// forms), adds a statement, and finds the opinion map. axe-core finds no
// WCAG 2.1 AA violation on the dialogue page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, browser, server, useDemoSite, watchErrors } from './lib.mjs';

useDemoSite();

const progress = async (page) => (await page.textContent('#progress')).match(/(\d+) af (\d+)/).slice(1).map(Number);

test('voting with script: no page loads, focus on each new statement', async () => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	const errors = watchErrors(page);
	await page.goto(server.url + '/arenas/2/dialogue');
	assert.deepEqual(await axeViolations(page), []);
	const [, total] = await progress(page);
	assert.equal(total, 12);
	let loads = 0;
	page.on('load', () => loads++);
	const seen = new Set();
	for (let i = 0; i < total; i++) {
		const text = await page.textContent('#statement p');
		assert.ok(!seen.has(text), `a statement came twice: ${text}`);
		seen.add(text);
		await page.click(`#card button[value=${['agree', 'disagree', 'pass'][i % 3]}]`);
		if (i < total - 1) {
			await page.waitForFunction((n) => document.getElementById('progress').textContent.includes(`${n} af`), i + 1);
			assert.equal(await page.evaluate(() => document.activeElement.id), 'statement');
		}
	}
	await page.waitForSelector('text=Du har taget stilling til alle udsagn');
	assert.equal(loads, 1, 'only the last vote reloads the page');
	assert.deepEqual(await progress(page), [12, 12]);
	assert.deepEqual(await axeViolations(page), []);
	assert.deepEqual(errors, []);
	await context.close();
});

test('the progress line the script sets is text, not escaped HTML', async () => {
	const context = await browser.newContext({ locale: 'en-GB' });
	const page = await context.newPage();
	const errors = watchErrors(page);
	await page.goto(server.url + '/arenas/2/dialogue');
	assert.match(await page.textContent('#progress'), /^You've taken a stand on 0 of \d+ statements\.$/);
	let loads = 0;
	page.on('load', () => loads++);
	await page.click('#card button[value=pass]');
	await page.waitForFunction(() => document.getElementById('progress').textContent.includes(' 1 of '));
	assert.match(await page.textContent('#progress'), /^You've taken a stand on 1 of \d+ statements\.$/);
	assert.equal(loads, 0, 'the vote went by script');
	assert.deepEqual(errors, []);
	await context.close();
});

test('voting without script, adding a statement, changing a vote', async () => {
	const context = await browser.newContext({ locale: 'da-DK', javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(server.url + '/arenas/2/dialogue');
	const first = await page.textContent('#statement p');
	await page.click('#card button[value=agree]');
	assert.deepEqual(await progress(page), [1, 12]);
	assert.notEqual(await page.textContent('#statement p'), first);

	await page.fill('#text', 'Haarby mangler en bænk ved indkøbscentret.');
	await page.click('section[aria-labelledby=write] button[type=submit]');
	assert.match(await page.textContent('.notice'), /Dit udsagn er tilføjet/);
	assert.deepEqual(await progress(page), [1, 13]);

	// Change the first vote from the list of one's votes.
	await page.click('details.my-votes summary');
	await page.click('details.my-votes li:first-child button[value=disagree]');
	await page.click('details.my-votes summary');
	assert.match(await page.textContent('details.my-votes li:first-child'), /Din stemme:\s*Uenig/);
	assert.deepEqual(await progress(page), [1, 13]);

	// axe needs script: the same visitor (same cookie) in a scripted browser.
	const scripted = await browser.newContext({ locale: 'da-DK' });
	await scripted.addCookies(await context.cookies());
	const again = await scripted.newPage();
	await again.goto(server.url + '/arenas/2/dialogue');
	await again.click('details.my-votes summary');
	assert.deepEqual(await axeViolations(again), []);
	await scripted.close();
	await context.close();
});
