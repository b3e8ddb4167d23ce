// admin.test.mjs: a municipality sets up samskab from an empty database in
// a real browser, as issue 11 asks: its administrator adds a local area, a
// theme and an organisation under /admin, gives the site its name and
// colour (a colour too light is refused, saying its contrast), and opens
// an arena with a photo. axe-core finds no WCAG 2.1 AA violation on any
// of these pages; the administration's tables fit a 320 px phone and a
// 1280 px screen without scrolling sideways or breaking words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { axeViolations, browser, server, useDemoSite, watchErrors } from './lib.mjs';

useDemoSite(false);

// A w×h RGB PNG of a gradient, made here: a real photo's format without a
// file in the repository.
function png(w, h) {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (buf) => {
		let c = 0xffffffff;
		for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type, data) => {
		const out = Buffer.alloc(12 + data.length);
		out.writeUInt32BE(data.length, 0);
		out.write(type, 4, 'ascii');
		data.copy(out, 8);
		out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
		return out;
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8; // bits per sample
	ihdr[9] = 2; // RGB
	const raw = Buffer.alloc((3 * w + 1) * h);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const i = y * (3 * w + 1) + 1 + 3 * x;
			raw[i] = (x * 255) / w;
			raw[i + 1] = (y * 255) / h;
			raw[i + 2] = 120;
		}
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Sends the form of the page's main content and waits for the next page.
async function submit(page) {
	await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]:not(.secondary)')]);
}

test('an administrator sets up a new municipality in the browser', async () => {
	server.samskab(['user', 'add', 'it@vestby.dk', 'Ida Iversen'], { SAMSKAB_PASSWORD: 'vestby-har-et-kodeord' });
	server.samskab(['user', 'grant', 'it@vestby.dk', 'admin']);
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	const errors = watchErrors(page);
	await page.goto(server.url + '/login?next=%2Fadmin');
	await page.fill('#email', 'it@vestby.dk');
	await page.fill('#password', 'vestby-har-et-kodeord');
	await submit(page);
	assert.match(page.url(), /\/admin$/);
	assert.deepEqual(await axeViolations(page), [], '/admin');

	// A local area and a theme: one form for both.
	await page.click('main a[href="/admin/areas"]');
	await page.click('main a[href="/admin/areas/new"]');
	assert.deepEqual(await axeViolations(page), [], '/admin/areas/new');
	await page.fill('#name', 'Vestby');
	await page.fill('#description', 'Byen mod vest og landsbyerne omkring den.');
	await submit(page);
	assert.match(page.url(), /\/admin\/areas\?done=area-created$/);
	assert.equal(await page.textContent('.notice'), 'Lokalområdet er oprettet.');
	assert.deepEqual(await axeViolations(page), [], '/admin/areas');
	await page.goto(server.url + '/admin/themes/new');
	await page.fill('#name', 'Ensomhed');
	await submit(page);
	assert.match(page.url(), /\/admin\/themes\?done=theme-created$/);

	// An organisation with its sector and area, and the form's errors first.
	await page.goto(server.url + '/admin/organisations/new');
	await submit(page);
	assert.equal(await page.getAttribute('#name', 'aria-invalid'), 'true');
	assert.deepEqual(await axeViolations(page), [], '/admin/organisations/new with errors');
	await page.fill('#name', 'Vestby Idrætsforening');
	await page.selectOption('#sector', 'voluntary');
	await page.selectOption('#area', { label: 'Vestby' });
	await submit(page);
	assert.match(page.url(), /\/admin\/organisations\?done=organisation-created$/);
	assert.deepEqual(await axeViolations(page), [], '/admin/organisations');

	// The site's own name and colour; a yellow is refused with its contrast.
	await page.goto(server.url + '/admin/site');
	assert.deepEqual(await axeViolations(page), [], '/admin/site');
	await page.fill('#name', 'Sammen i Vestby');
	await page.fill('#colour', '#ffd700');
	await submit(page);
	assert.match(await page.textContent('#colour-error'), /Kontrasten er 1,\d+:1 mod hvid/);
	assert.deepEqual(await axeViolations(page), [], '/admin/site with a refused colour');
	await page.fill('#colour', '#1d6b2f');
	await submit(page);
	assert.match(page.url(), /\/admin\/site\?done=site-saved$/);
	assert.match(await page.textContent('header'), /Sammen i Vestby/);
	assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('main form button[type=submit]')).backgroundColor),
		'rgb(29, 107, 47)');

	// An arena with a photo, in the theme and the area just made.
	await page.goto(server.url + '/arenas/new');
	assert.deepEqual(await axeViolations(page), [], '/arenas/new');
	await page.fill('#title', 'Fællesspisning i Vestby');
	await page.selectOption('#theme', { label: 'Ensomhed' });
	await page.check('fieldset#areas input[type=checkbox]');
	await page.fill('#description', 'Vi spiser sammen hver anden torsdag.');
	await page.setInputFiles('#image', { name: 'spisning.png', mimeType: 'image/png', buffer: png(800, 600) });
	await page.fill('#image_alt', 'Et langbord dækket til tyve');
	await submit(page);
	assert.match(page.url(), /\/arenas\/\d+\?done=arena-created$/);
	assert.equal(await page.textContent('h1'), 'Fællesspisning i Vestby');
	const img = page.locator('main img.lead-image');
	assert.equal(await img.getAttribute('alt'), 'Et langbord dækket til tyve');
	assert.match(await img.getAttribute('srcset'), /\/images\/[0-9a-f]+-320\.(jpg|png) 320w/);
	assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0), 'the photo loads');
	assert.deepEqual(await axeViolations(page), [], 'the new arena');
	await page.goto(server.url + '/areas');
	assert.match(await page.textContent('main'), /Vestby/);
	// The two forms sent with mistakes answered 400, as they should.
	assert.deepEqual(errors.filter((e) => !/status of 400/.test(e)), []);
	await context.close();
});

test('administration fits a phone and a screen, words whole', async () => {
	const context = await browser.newContext({ locale: 'da-DK', javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(server.url + '/login?next=%2Fadmin%2Froles');
	await page.fill('#email', 'it@vestby.dk');
	await page.fill('#password', 'vestby-har-et-kodeord');
	await submit(page);
	for (const width of [320, 1280]) {
		await page.setViewportSize({ width, height: 800 });
		for (const path of ['/admin', '/admin/roles', '/admin/audit', '/admin/areas', '/admin/organisations']) {
			await page.goto(server.url + path);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at ${width}px`);
			// A word broken inside itself ("Fjer/n") takes two line boxes.
			const broken = await page.evaluate(() => {
				const out = [];
				for (const cell of document.querySelectorAll('main td, main th, main button, main a')) {
					const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
					for (let n = walk.nextNode(); n; n = walk.nextNode())
						for (const m of n.data.matchAll(/[^\s\-/]+/g)) {
							const r = document.createRange();
							r.setStart(n, m.index);
							r.setEnd(n, m.index + m[0].length);
							if (r.getClientRects().length > 1) out.push(m[0]);
						}
				}
				return out;
			});
			assert.deepEqual(broken, [], `${path} at ${width}px: words broken inside`);
		}
	}
	await context.close();
});
