// opinion.test.mjs: the opinion map in a real browser. axe-core finds no
// WCAG 2.1 AA violation on the map page in Danish and in English (with a
// map, and with not enough to show yet), the map is an image with an
// accessible name and a description, also as SVG alone; a visitor who
// votes through the dialogue finds their own place on it; a Pol.is
// conversation imported with polis-import is drawn the same way; and a
// dialogue of 5,000 participants is drawn as density (hexagons per
// group, bounded in size) with the reader still marked and the text
// alternative complete.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { axeViolations, browser, server, useDemoSite, watchErrors } from './lib.mjs';

useDemoSite();

const languages = [
	{ locale: 'da-DK', title: 'Opinionskort: Ensomme ældre i Haarby', groups: /Gruppe A \(blå cirkler\): \d+ deltagere\./,
		notEnough: 'Der er ikke nok at vise endnu' },
	{ locale: 'en-GB', title: 'Opinion map: Ensomme ældre i Haarby', groups: /Group A \(blue circles\): \d+ participants\./,
		notEnough: 'There is not enough to show yet' },
];

for (const l of languages) {
	test(`the map page is accessible (${l.locale})`, async () => {
		const context = await browser.newContext({ locale: l.locale });
		const page = await context.newPage();
		const errors = watchErrors(page);
		await page.goto(server.url + '/arenas/2/opinion');
		assert.deepEqual(await axeViolations(page), []);
		const map = page.getByRole('img', { name: l.title });
		assert.equal(await map.count(), 1);
		// Its description is the list of groups in words.
		assert.equal(await map.getAttribute('aria-describedby'), 'groups-text');
		assert.match(await page.textContent('#groups-text'), l.groups);
		await page.goto(server.url + '/arenas/1/opinion');
		assert.match(await page.textContent('main'), new RegExp(l.notEnough));
		assert.deepEqual(await axeViolations(page), []);
		assert.deepEqual(errors, []);
		await context.close();
	});
}

test('the SVG alone has a title and a description', async () => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	const response = await page.goto(server.url + '/arenas/2/opinion.svg');
	assert.equal(response.headers()['content-type'], 'image/svg+xml; charset=utf-8');
	const svg = await page.evaluate(() => {
		const root = document.documentElement;
		const byId = (id) => document.getElementById(id)?.textContent;
		return { tag: root.tagName, role: root.getAttribute('role'), name: byId(root.getAttribute('aria-labelledby')),
			description: byId(root.getAttribute('aria-describedby')) };
	});
	assert.equal(svg.tag, 'svg');
	assert.equal(svg.role, 'img');
	assert.equal(svg.name, 'Opinionskort: Ensomme ældre i Haarby');
	assert.match(svg.description, /Gruppe A \(blå cirkler\): \d+ deltagere\. Er mest enig i »/);
	await context.close();
});

test('a visitor votes and finds their own place on the map', async () => {
	// Plain forms to vote; then the same visitor (cookies) with script,
	// which axe-core needs.
	const voting = await browser.newContext({ locale: 'da-DK', javaScriptEnabled: false });
	const form = await voting.newPage();
	await form.goto(server.url + '/arenas/2/dialogue');
	for (let i = 0; i < 12; i++)
		await form.click(`#card button[value=${i % 2 ? 'disagree' : 'agree'}]`);
	const context = await browser.newContext({ locale: 'da-DK' });
	await context.addCookies(await voting.cookies());
	await voting.close();
	const page = await context.newPage();
	await page.goto(server.url + '/arenas/2/dialogue');
	await page.click('text=Se opinionskortet');
	// The map is recomputed in the background a moment after the votes.
	for (let i = 0; i < 40 && !(await page.textContent('main')).includes('Du er markeret med en ring'); i++) {
		await page.waitForTimeout(250);
		await page.reload();
	}
	assert.match(await page.textContent('#map-desc'), /Du er markeret med en ring\./);
	assert.match(await page.textContent('section[aria-labelledby=map]'), /Du er i Gruppe [A-E]\.|Du står på kortet/);
	assert.equal(await page.locator('svg.opinion-map text', { hasText: 'Dig' }).count(), 2); // on the map and in the legend
	assert.deepEqual(await axeViolations(page), []);
	await context.close();
});

// In the repository (tests/data/polis-opendata, CC BY 4.0, see its README).
const polis = fileURLToPath(new URL('../data/polis-opendata/scoop-hivemind.ubi', import.meta.url));

test('an imported Pol.is conversation', { skip: !existsSync(polis) && `missing: Pol.is openData at ${polis}` }, async () => {
	const arena = /^arena (\d+):/.exec(server.samskab(['polis-import', polis]))[1];
	const context = await browser.newContext({ locale: 'en-GB' });
	const page = await context.newPage();
	await page.goto(`${server.url}/arenas/${arena}/opinion`);
	assert.match(await page.textContent('.lead'), /^234 people have voted\. The map finds 3 groups/);
	assert.equal(await page.getByRole('img', { name: 'Opinion map: A Universal Basic Income for Aotearoa NZ?' }).count(), 1);
	assert.deepEqual(await axeViolations(page), []);
	await context.close();
});

// A conversation in Pol.is's openData form: n participants in two camps,
// each voting on 10 of 30 statements, one vote in five against their
// camp (a fixed pseudo-random sequence); returns its directory.
function camps(n) {
	let seed = 1;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	const dir = mkdtempSync(join(tmpdir(), 'samskab-camps-'));
	let comments = 'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n';
	for (let s = 0; s < 30; s++)
		comments += `1700000000000,d,${s},0,0,0,1,Statement number ${s}\n`;
	const votes = ['timestamp,datetime,comment-id,voter-id,vote'];
	let t = 1700000000000;
	for (let p = 0; p < n; p++)
		for (let j = 0; j < 10; j++) {
			const s = (p * 7 + j * 3) % 30, camp = p % 2, side = (s + camp) % 2 ? 1 : -1;
			votes.push(`${t++},d,${s},${p},${random() < 0.2 ? -side : side}`);
		}
	writeFileSync(join(dir, 'comments.csv'), comments);
	writeFileSync(join(dir, 'votes.csv'), votes.join('\n') + '\n');
	return dir;
}

test('a map of thousands is drawn as density, the reader still marked', async () => {
	const dir = camps(5000);
	let arena;
	try {
		arena = /^arena (\d+):/.exec(server.samskab(['polis-import', dir]))[1];
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	// A visitor votes like the first camp (plain forms), then looks.
	const voting = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
	const form = await voting.newPage();
	await form.goto(`${server.url}/arenas/${arena}/dialogue`);
	for (let i = 0; i < 12; i++)
		await form.click(`#card button[value=${i % 3 ? 'agree' : 'disagree'}]`);
	const context = await browser.newContext({ locale: 'en-GB' });
	await context.addCookies(await voting.cookies());
	await voting.close();
	const page = await context.newPage();
	const errors = watchErrors(page);
	await page.goto(`${server.url}/arenas/${arena}/opinion`);
	for (let i = 0; i < 40 && !(await page.textContent('#map-desc')).includes('You are marked with a ring'); i++) {
		await page.waitForTimeout(250);
		await page.reload();
	}
	const desc = await page.textContent('#map-desc');
	assert.match(desc, /^5001 participants placed by how they voted, in \d groups\. So many cannot be shown one by one: each hexagon/);
	assert.match(desc, /You are marked with a ring\./);
	const map = page.locator('svg.opinion-map');
	// Hexagons, not a mark per participant; the legend says how to read them.
	const cells = await map.locator('use[href^="#cell-"]').count();
	assert.ok(cells > 10 && cells < 1000, `${cells} hexagons`);
	assert.equal(await map.locator('use[href^="#mark-"]').count() <= 6, true);
	assert.equal(await map.locator('text', { hasText: 'Darker: more participants' }).count(), 1);
	assert.equal(await map.locator('text', { hasText: 'You' }).count(), 2);
	// The groups in words, as for a small map.
	assert.match(await page.textContent('#groups-text'), /Group A \(blue circles\): \d+ participants\./);
	assert.deepEqual(await axeViolations(page), []);
	assert.deepEqual(errors, []);
	await context.close();
});
