// proposals.test.mjs: proposals in a real browser. The demo's proposal
// pages are axe-clean in Danish and English, for visitors and for those
// with forms; two people edit one proposal at the same time in two
// browsers and both edits are kept, and an overlapping edit is resolved
// by the second person (with script, and without); a facilitator, two
// citizens, an organisation's representative and a council member carry
// a proposal from a blank page to the council's decision; and the page
// prints without its forms and comments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, browser, server, useDemoSite, watchErrors } from './lib.mjs';

useDemoSite();

async function signedIn(email, options = {}) {
	const context = await browser.newContext({ locale: 'da-DK', ...options });
	const page = await context.newPage();
	await page.goto(server.url + '/login');
	await page.fill('#email', email);
	await page.fill('#password', 'demo-password');
	await page.click('main button[type=submit]');
	await page.waitForURL(/\/me$/);
	return { context, page };
}

const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();

test('the demo proposals are readable and accessible', async () => {
	const paths = ['/arenas/1', '/arenas/1/proposals', '/arenas/1/proposals?sort=support', '/arenas/1/proposals/1',
		'/arenas/1/proposals/2', '/arenas/2/proposals/3', '/arenas/1/proposals/compare?ids=1,2',
		'/arenas/1/proposals/1/history', '/arenas/1/proposals/1/diff?from=1&to=5', '/arenas/1/proposals/1/revisions/5',
		'/arenas/1/proposals/1/amendments', '/arenas/1/proposals/2/amendments', '/arenas/2/proposals/3/amendments'];
	for (const locale of ['da-DK', 'en-GB']) {
		const context = await browser.newContext({ locale });
		const page = await context.newPage();
		const errors = watchErrors(page);
		for (const path of paths) {
			const response = await page.goto(server.url + path);
			assert.equal(response.status(), 200, path);
			assert.deepEqual(await axeViolations(page), [], `${locale} ${path}`);
		}
		assert.deepEqual(errors, []);
		await context.close();
	}
	// The same pages with their forms: a facilitator's (steps, moderation)
	// and a council member's (the decision).
	for (const email of ['frida@demo.example', 'byraad@demo.example', 'amina@demo.example']) {
		const { context, page } = await signedIn(email);
		for (const path of ['/arenas/1/proposals/1', '/arenas/1/proposals/2', '/arenas/2/proposals/3',
			'/arenas/2/proposals/3/edit', '/arenas/2/proposals/3/amendments', '/arenas/1/proposals/1/revisions/3',
			'/arenas/1/proposals/1/comments/1/report']) {
			await page.goto(server.url + path);
			for (const details of await page.$$('main details')) await details.evaluate((d) => { d.open = true; });
			assert.deepEqual(await axeViolations(page), [], `${email} ${path}`);
		}
		await context.close();
	}
	const { context, page } = await signedIn('frida@demo.example');
	await page.goto(server.url + '/arenas/1/proposals/moderate');
	assert.deepEqual(await axeViolations(page), []);
	await context.close();
});

test('the council decision and its history can be found from the arena', async () => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	await page.goto(server.url + '/arenas/1');
	await page.click('text=Kolleger som vejvisere til foreningslivet');
	assert.match(await text(page, '.steps'), /Besluttet af Assens Byråd/);
	assert.match(await text(page, '.steps'), /De første 20 vejvisere er i gang/);
	await page.click('.tools-bar >> text=Historik');
	assert.match(await text(page, 'table'), /Dennis fra DGI · Ændringsforslag indarbejdet/);
	await page.click('text=Vis forskellen');
	assert.match(await text(page, '.diff ins'), /tilføjet: .*fast kontaktperson/);
	await context.close();
});

test('two browsers edit one proposal: both edits kept, an overlap resolved by the second', async () => {
	const amina = await signedIn('amina@demo.example');
	const karin = await signedIn('karin@demo.example');
	const path = '/arenas/2/proposals/3';
	// Both open the form on the same revision.
	await amina.page.goto(server.url + path + '/edit');
	await karin.page.goto(server.url + path + '/edit');
	const original = await amina.page.inputValue('#text');
	const [first, second] = original.split('\n\n');
	assert.ok(first && second);
	await amina.page.fill('#text', original.replace(first, first + ' Det gælder også i Sønderby.'));
	await amina.page.click('main button[type=submit]');
	assert.match(await text(amina.page, '.notice'), /gemt som en ny version/);
	await karin.page.fill('#text', original.replace(second, second + ' Maden laves af frivillige.'));
	await karin.page.click('main button[type=submit]');
	assert.match(await text(karin.page, '.notice'), /flettet sammen med det, andre skrev imens/);
	const both = await text(karin.page, '.proposal-text');
	assert.match(both, /Det gælder også i Sønderby\./);
	assert.match(both, /Maden laves af frivillige\./);

	// Now the same sentence: Amina saves first; Karin sees both versions
	// and, with script, takes both and edits them into one.
	await amina.page.goto(server.url + path + '/edit');
	await karin.page.goto(server.url + path + '/edit');
	const now = await amina.page.inputValue('#text');
	await amina.page.fill('#text', now.replace('Det gælder også i Sønderby.', 'Det gælder også i Sønderby og Helnæs.'));
	await amina.page.click('main button[type=submit]');
	await karin.page.fill('#text', now.replace('Det gælder også i Sønderby.', 'Det gælder hele kommunen.'));
	await karin.page.click('main button[type=submit]');
	assert.match(await text(karin.page, 'h1'), /Andre har skrevet det samme sted som dig/);
	assert.deepEqual(await axeViolations(karin.page), []);
	assert.match(await text(karin.page, '.versions'), /Sønderby og Helnæs.*Det gælder hele kommunen/);
	await karin.page.click('button[data-use=theirs]');
	assert.equal((await karin.page.inputValue('#part-1')).trim(), 'Det gælder hele kommunen.');
	await karin.page.click('button[data-use=both]');
	await karin.page.fill('#part-1', 'Det gælder i Sønderby, Helnæs og resten af kommunen. ');
	await karin.page.click('main button[type=submit]');
	assert.match(await text(karin.page, '.notice'), /gemt som en ny version/);
	const resolved = await text(karin.page, '.proposal-text');
	assert.match(resolved, /Det gælder i Sønderby, Helnæs og resten af kommunen\./);
	assert.match(resolved, /Maden laves af frivillige\./, 'the other paragraph is kept');

	// Once more without script: Karin edits the field by hand.
	const plain = await browser.newContext({ locale: 'da-DK', javaScriptEnabled: false });
	await plain.addCookies(await karin.context.cookies());
	const page = await plain.newPage();
	await amina.page.goto(server.url + path + '/edit');
	await page.goto(server.url + path + '/edit');
	const again = await page.inputValue('#text');
	await amina.page.fill('#text', again.replace('Maden laves af frivillige.', 'Maden laves af Netværket.'));
	await amina.page.click('main button[type=submit]');
	await page.fill('#text', again.replace('Maden laves af frivillige.', 'Maden laves af skolens elever.'));
	await page.click('main button[type=submit]');
	assert.match(await text(page, 'h1'), /Andre har skrevet det samme sted som dig/);
	assert.equal(await page.isVisible('.choose'), false, 'the buttons need script');
	const field = await page.inputValue('#part-1');
	assert.match(field, /Netværket/);
	assert.match(field, /skolens elever/);
	await page.fill('#part-1', 'Maden laves af Netværket og skolens elever.');
	await page.click('main button[type=submit]');
	const final = await text(page, '.proposal-text');
	assert.match(final, /Maden laves af Netværket og skolens elever\./);
	assert.match(final, /Det gælder i Sønderby, Helnæs og resten af kommunen\./);
	await page.goto(server.url + path + '/history');
	const history = await text(page, 'table');
	assert.match(history, /Karin Holm · Redigeret samtidig med andre/);
	assert.match(history, /Amina Haddad · Redigeret/);
	await plain.close();
	await amina.context.close();
	await karin.context.close();
});

test('from a blank page to the council decision, and printed', async () => {
	const frida = await signedIn('frida@demo.example');
	await frida.page.goto(server.url + '/arenas/2/proposals');
	await frida.page.click('text=Skriv et nyt forslag');
	assert.deepEqual(await axeViolations(frida.page), []);
	await frida.page.click('main button[type=submit]'); // neither title nor question
	assert.match(await text(frida.page, '.error-summary'), /Titel/);
	assert.deepEqual(await axeViolations(frida.page), []);
	const errors = watchErrors(frida.page); /* from here on, nothing fails */
	await frida.page.fill('#new_question', 'Hvordan får flere ældre lyst til at komme ud om aftenen?');
	await frida.page.click('main button[type=submit]');
	assert.match(await text(frida.page, 'h1'), /Hvordan får flere ældre lyst/);
	assert.match(await text(frida.page, '.blank'), /Forslaget er tomt endnu/);
	const path = new URL(frida.page.url()).pathname;

	const amina = await signedIn('amina@demo.example');
	await amina.page.goto(server.url + path);
	await amina.page.click('.tools-bar >> text=Skriv i forslaget');
	await amina.page.fill('#title', 'Aftenbus og følgevenner');
	await amina.page.fill('#text', 'En aftenbus fra landsbyerne til Haarby kl. 18 og hjem kl. 21.\n\nFølgevenner tager med de første gange.');
	await amina.page.fill('#note', 'Første udkast');
	await amina.page.click('main button[type=submit]');
	assert.match(await text(amina.page, 'h1'), /Aftenbus og følgevenner/);

	const karin = await signedIn('karin@demo.example');
	await karin.page.goto(server.url + path);
	await karin.page.click('.support-actions button');
	assert.match(await text(karin.page, '.notice'), /Tak for din støtte/);
	const dennis = await signedIn('dgi@demo.example');
	await dennis.page.goto(server.url + path);
	await dennis.page.click('text=Støt på vegne af DGI');
	assert.match(await text(dennis.page, '.support'), /DGI/);
	await dennis.page.fill('#body', 'DGI vil gerne stå for en gåtur efter bussen.');
	await dennis.page.click('section.comments > form button[type=submit]');
	assert.match(await text(dennis.page, '.comments'), /DGI vil gerne stå for en gåtur/);

	// The facilitator sends it to the council: the text is frozen.
	await frida.page.goto(server.url + path);
	await frida.page.click('summary:has-text("Sendt til politisk behandling")');
	await frida.page.fill('#submitted-council', 'Social- og Sundhedsudvalget');
	await frida.page.fill('#submitted-meeting_on', '2027-01-12');
	await frida.page.click('details.step-form[open] button[type=submit]');
	assert.match(await text(frida.page, '.notice'), /Trinnet er registreret/);
	assert.match(await text(frida.page, '.frozen'), /låst som version 2/);
	assert.equal(await frida.page.isVisible('text=Registrér byrådets beslutning'), false, 'only council members decide');

	// The council member records the decision.
	const council = await signedIn('byraad@demo.example');
	await council.page.goto(server.url + path);
	assert.deepEqual(await axeViolations(council.page), []);
	await council.page.check('#outcome-amended');
	await council.page.fill('#decided-council', 'Assens Byråd');
	await council.page.fill('#decided-body', 'Vedtaget som forsøg på to ruter i 2027.');
	await council.page.click('text=Registrér beslutningen');
	const steps = await text(council.page, '.steps');
	assert.match(steps, /Besluttet · .* Vedtaget med ændringer/);
	assert.match(steps, /Vedtaget som forsøg på to ruter i 2027\./);
	assert.match(await text(council.page, '.proposal .meta'), /Besluttet: Vedtaget med ændringer/);

	// Printed for the council's papers: the text, how it was written,
	// support by sector and the timeline; no forms, no comments.
	await amina.page.goto(server.url + path);
	await amina.page.emulateMedia({ media: 'print' });
	for (const hidden of ['section.comments', '.tools-bar', 'header.site nav']) {
		assert.equal(await amina.page.isVisible(hidden), false, `${hidden} is not printed`);
	}
	for (const shown of ['.proposal-text', '.written', '.support-tables', '.steps ol.timeline']) {
		assert.equal(await amina.page.isVisible(shown), true, `${shown} is printed`);
	}
	const pdf = await amina.page.pdf({ format: 'A4' });
	assert.ok(pdf.length > 1000);
	assert.deepEqual(errors, []);
	for (const who of [frida, amina, karin, dennis, council]) await who.context.close();
});
