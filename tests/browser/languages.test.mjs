// languages.test.mjs: the interface in Arabic (right to left) and
// Ukrainian, in a real browser: pages carry lang and dir, the layout
// mirrors the Danish one (measured, and screenshots of both kept in
// build/screenshots/ for a person to compare), nothing scrolls sideways
// at 320 px or 1280 px, every page is axe-clean, Danish content on an
// Arabic page is marked lang="da" dir="ltr", and counts take each
// language's plural form.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { axeViolations, browser, server, useDemoSite, watchErrors } from './lib.mjs';

useDemoSite();

const pages = ['/', '/areas', '/areas/5', '/themes/1', '/organisations', '/organisations/10', '/arenas', '/arenas/1',
	'/arenas/2/dialogue', '/arenas/2/opinion', '/arenas/2/proposals', '/programmes', '/programmes/1', '/stories',
	'/search?q=forening', '/local-life', '/areas/5/local-life', '/associations', '/offers', '/accessibility', '/privacy', '/login', '/signup', '/no-such-page'];
const shots = new URL('../../build/screenshots/', import.meta.url).pathname;

// What sticks out sideways: the page scrolling, or (what scrolling does
// not show on a right-to-left page, whose overflow goes off the start
// side) any element box beyond either edge of the viewport.
async function outside(page) {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth, out = [];
		// Inside a box clipped away (a reflowed table's header, text for
		// screen readers only) nothing is seen, wherever it lies.
		const clipped = (e) => {
			for (let a = e; a && a !== document.body; a = a.parentElement) {
				const s = getComputedStyle(a);
				if (s.clip !== 'auto' || (s.clipPath && s.clipPath !== 'none'))
					return true;
			}
			return false;
		};
		if (document.documentElement.scrollWidth > width)
			out.push(`the page scrolls sideways by ${document.documentElement.scrollWidth - width}px`);
		for (const e of document.querySelectorAll('body *')) {
			const b = e.getBoundingClientRect();
			if (b.width && !e.matches('.skip:not(:focus)') && (b.left < -0.5 || b.right > width + 0.5) && !clipped(e))
				out.push(`<${e.localName} class="${e.className}"> spans ${Math.round(b.left)}..${Math.round(b.right)}`);
		}
		return out;
	});
}

async function open(lang, width, js = true) {
	const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: js,
		extraHTTPHeaders: { 'Accept-Language': lang } });
	return { context, page: await context.newPage() };
}

for (const width of [320, 1280]) {
	test(`Arabic at ${width} px: right to left, nothing overflows, axe-clean`, async () => {
		const { context, page } = await open('ar', width);
		const errors = watchErrors(page);
		for (const path of pages) {
			await page.goto(server.url + path);
			assert.equal(await page.getAttribute('html', 'lang'), 'ar', path);
			assert.equal(await page.getAttribute('html', 'dir'), 'rtl', path);
			assert.deepEqual(await outside(page), [], `${path} at ${width}px in Arabic`);
			assert.deepEqual(await axeViolations(page), [], `ar ${width}px ${path}`);
		}
		assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
		await context.close();
	});
}

test('the Arabic layout mirrors the Danish one', async () => {
	mkdirSync(shots, { recursive: true });
	for (const width of [320, 1280]) {
		const box = {};
		for (const lang of ['da', 'ar']) {
			const { context, page } = await open(lang, width);
			await page.goto(server.url + '/arenas/1');
			await page.screenshot({ path: `${shots}arena-${lang}-${width}.png`, fullPage: true });
			box[lang] = await page.evaluate(() => {
				const r = (sel) => { const b = document.querySelector(sel).getBoundingClientRect(); return { left: b.left, right: b.right }; };
				return { width: document.documentElement.clientWidth, h1: r('main h1'), brand: r('header.site a'),
					timeline: r('ol.timeline'), marker: r('ol.timeline li') };
			});
			await context.close();
		}
		const { da, ar } = box;
		// The heading starts at the left edge in Danish and at the right in
		// Arabic, the same distance in.
		assert.ok(Math.abs(da.h1.left - (ar.width - ar.h1.right)) <= 2,
			`${width}px: h1 starts ${da.h1.left}px from the left in Danish, ${ar.width - ar.h1.right}px from the right in Arabic`);
		assert.ok(Math.abs(da.brand.left - (ar.width - ar.brand.right)) <= 2, `${width}px: the site name mirrors`);
		// The phase timeline's line is on the start side: left in Danish, right in Arabic.
		assert.ok(Math.abs(da.timeline.left - (ar.width - ar.timeline.right)) <= 2, `${width}px: the timeline mirrors`);
	}
});

test('Danish content on an Arabic page is marked Danish and left to right', async () => {
	const { context, page } = await open('ar', 1280, false);
	await page.goto(server.url + '/arenas/1');
	// The arena's title and description, not the interface's words around them.
	for (const sel of ['main article h1', 'main article > div[lang]']) {
		assert.equal(await page.getAttribute(sel, 'lang'), 'da', sel);
		assert.equal(await page.getAttribute(sel, 'dir'), 'ltr', sel);
	}
	assert.equal(await page.getAttribute('main article', 'lang'), null);
	// Phase names and activity titles are the arena's Danish words.
	const phase = page.locator('ol.timeline .phase-name').first();
	assert.equal(await phase.getAttribute('lang'), 'da');
	assert.equal(await phase.getAttribute('dir'), 'ltr');
	await page.goto(server.url + '/');
	for (const a of await page.locator('main a[href*="/activities/"]').all()) {
		assert.equal(await a.getAttribute('lang'), 'da', await a.textContent());
		assert.equal(await a.getAttribute('dir'), 'ltr');
	}
	// The language menu names each language in itself, marked with it.
	const ar = page.locator('nav.langs a[hreflang="ar"]');
	assert.equal(await ar.textContent(), 'العربية');
	assert.equal(await page.locator('nav.langs a[hreflang="uk"]').getAttribute('lang'), 'uk');
	await context.close();
});

test('Ukrainian: pages in Ukrainian, counts in its plural forms, axe-clean', async () => {
	const { context, page } = await open('uk', 320);
	for (const path of ['/', '/arenas', '/organisations', '/arenas/2/dialogue', '/arenas/2/opinion', '/accessibility']) {
		await page.goto(server.url + path);
		assert.equal(await page.getAttribute('html', 'lang'), 'uk', path);
		assert.equal(await page.getAttribute('html', 'dir'), 'ltr', path);
		assert.deepEqual(await outside(page), [], `${path} at 320px in Ukrainian`);
		assert.deepEqual(await axeViolations(page), [], `uk ${path}`);
	}
	await page.goto(server.url + '/organisations');
	const count = (await page.textContent('p.count')).trim();
	const n = Number(count.split(' ')[0]);
	const form = n % 10 === 1 && n % 100 !== 11 ? 'організація' : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 'організації' : 'організацій';
	assert.equal(count, `${n} ${form}`);
	await context.close();
});

test('/accessibility says which translations no native speaker has reviewed', async () => {
	const { context, page } = await open('da', 1280, false);
	await page.goto(server.url + '/accessibility');
	const items = page.locator('main h2:has-text("Oversættelser") + p + ul li');
	assert.deepEqual(await items.allTextContents(), ['العربية', 'Українська']);
	assert.equal(await items.first().locator('span').getAttribute('lang'), 'ar');
	assert.equal(await items.first().locator('span').getAttribute('dir'), 'rtl');
	await context.close();
});
