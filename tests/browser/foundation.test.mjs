// foundation.test.mjs: a visitor in a real browser (Debian's chromium):
// the home page, an organisation, switching language, a narrow phone
// screen and keyboard use; axe-core finds no WCAG 2.1 AA violation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, browser, server, useDemoSite, watchErrors } from './lib.mjs';

useDemoSite();

test('home page and an organisation page, switch to English and back', async () => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	const errors = watchErrors(page);
	await page.goto(server.url + '/');
	assert.equal(await page.getAttribute('html', 'lang'), 'da');
	assert.equal(await page.textContent('h1'), 'Politik, vi skaber sammen');
	assert.deepEqual(await axeViolations(page), []);

	await page.click('nav.main >> text=Organisationer');
	await page.click('main ul.rows a >> text=Dansk Flygtningehjælp');
	assert.equal(await page.textContent('h1'), 'Dansk Flygtningehjælp');
	assert.match(await page.textContent('dl.facts'), /Frivillig/);
	assert.deepEqual(await axeViolations(page), []);
	const orgUrl = page.url();

	await page.click('nav.langs >> text=English');
	assert.equal(page.url(), orgUrl, 'the language switch keeps the reader on the page');
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	assert.match(await page.textContent('dl.facts'), /Sector\s*Voluntary/);
	assert.equal(await page.getAttribute('article', 'lang'), 'da', 'Danish content is marked as Danish');
	assert.deepEqual(await axeViolations(page), []);

	// The choice sticks: a new page is English too.
	await page.goto(server.url + '/areas');
	assert.equal(await page.textContent('h1'), 'Local areas');
	await page.click('nav.langs >> text=Dansk');
	assert.equal(await page.textContent('h1'), 'Lokalområder');
	assert.deepEqual(errors, [], 'no CSP violations or script errors');
	await context.close();
});

test('every foundation page is axe-clean in both languages', async () => {
	for (const lang of ['da', 'en']) {
		const context = await browser.newContext({ locale: lang === 'da' ? 'da-DK' : 'en-GB' });
		const page = await context.newPage();
		const errors = watchErrors(page);
		for (const path of ['/', '/areas', '/areas/5', '/themes', '/themes/1', '/organisations',
			'/organisations?sector=public', '/accessibility', '/no-such-page']) {
			await page.goto(server.url + path);
			assert.equal(await page.getAttribute('html', 'lang'), lang, path);
			assert.deepEqual(await axeViolations(page), [], `${lang} ${path}`);
		}
		assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
		await context.close();
	}
});

test('usable on a 320 px wide phone, without JavaScript', async () => {
	const context = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
	const page = await context.newPage();
	for (const path of ['/', '/organisations', '/organisations/10', '/accessibility']) {
		await page.goto(server.url + path);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 320px`);
	}
	// The filter form works without script: choose a sector and submit.
	await page.goto(server.url + '/organisations');
	await page.selectOption('#sector', 'private');
	await page.click('form.filters button');
	assert.match(page.url(), /sector=private/);
	assert.match(await page.textContent('p.count'), /^4 /);
	await context.close();
});

test('keyboard: the skip link is first and moves focus to the content', async () => {
	const page = await browser.newPage();
	await page.goto(server.url + '/organisations');
	await page.keyboard.press('Tab');
	const first = await page.evaluate(() => ({ text: document.activeElement.textContent, cls: document.activeElement.className }));
	assert.equal(first.cls, 'skip');
	const visible = await page.evaluate(() => document.activeElement.getBoundingClientRect().top >= 0);
	assert.ok(visible, 'the skip link is visible when focused');
	await page.keyboard.press('Enter');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
	await page.close();
});
