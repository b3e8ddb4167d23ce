// locallife.test.mjs: local life in a real browser. A newcomer who reads
// Arabic, on a 320 px phone without JavaScript, finds what happens in
// Haarby after 16:00 on a weekday, reads the practical information in
// Arabic (right to left inside the Danish page) and answers a welcome
// offer; a local makes an offer; staff import an association list (an
// error first, nothing kept); every page axe-clean (WCAG 2.1 AA; axe runs
// as a script, so pages seen without JavaScript are checked again with
// it), none scrolling sideways at 320 px.
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

// Every page of a context waits at most 10 s for anything.
async function newPage(context) {
	const page = await context.newPage();
	page.setDefaultTimeout(10000);
	return page;
}

async function noSidewaysScroll(page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	assert.ok(overflow <= 0, `${page.url()} scrolls sideways by ${overflow}px`);
}

async function clean(page) {
	assert.deepEqual(await axeViolations(page), [], page.url());
}

test('a newcomer who reads Arabic finds Haarby after 16:00, reads the practical information and answers an offer, at 320 px without JavaScript', async () => {
	const context = await browser.newContext({ locale: 'ar', viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
	const page = await newPage(context);
	const visited = []; // checked with axe below, which needs script
	await page.goto(server.url + '/local-life');
	await noSidewaysScroll(page);
	visited.push(page.url());
	await page.click('main .cards a:text-is("Haarby")');
	assert.match(page.url(), /\/areas\/5\/local-life$/);
	await page.selectOption('#f-day', 'weekdays');
	await page.selectOption('#f-from', '16:00');
	await page.click('form.filters button');
	assert.match(page.url(), /day=weekdays&from=16%3A00/);
	const week = await page.textContent('#week ~ *, section[aria-labelledby=week]');
	assert.match(week, /Haarby Boldklub/);
	assert.match(week, /Haarby Skakklub/);
	assert.doesNotMatch(week, /Haarby Seniorklub/);
	assert.match(await page.textContent('section[aria-labelledby=week] p.count'), /(^|\D)8(\D|$)/);
	await noSidewaysScroll(page);
	visited.push(page.url());

	// The practical information, in Arabic, right to left, on a page
	// in Arabic (the text needs no lang of its own).
	await page.click('a:text-is("الطبيب في هاربي")');
	assert.equal(await page.getAttribute('html', 'lang'), 'ar');
	assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
	assert.equal(await page.getAttribute('article', 'lang'), null);
	assert.equal(await page.textContent('article h1'), 'الطبيب في هاربي');
	assert.match(await page.textContent('article'), /70 11 07 07/);
	const direction = await page.evaluate(() => getComputedStyle(document.querySelector('article p')).direction);
	assert.equal(direction, 'rtl');
	await noSidewaysScroll(page);
	visited.push(page.url());

	// A welcome offer, read in Arabic, answered after signing in.
	await page.goto(server.url + '/areas/5/local-life');
	await page.click('a:text-is("اركضوا معنا أيام الثلاثاء")');
	assert.equal(await page.textContent('article h1'), 'اركضوا معنا أيام الثلاثاء');
	visited.push(page.url());
	await page.click('text=سجّل الدخول لترد');
	await page.fill('#email', 'amina@demo.example');
	await page.fill('#password', 'demo-password');
	await page.click('main button[type=submit]');
	assert.match(page.url(), /\/offers\/1$/, 'signing in returns to the offer');
	await noSidewaysScroll(page);
	visited.push(page.url());
	await page.fill('#people', '2');
	await page.fill('#contact', '+45 20 30 40 50');
	await page.fill('#message', 'مرحبا! أنا وابني نحب الجري.');
	await page.click('section[aria-labelledby=answer] button[type=submit]');
	assert.match(page.url(), /\/answers\/\d+$/);
	assert.match(await page.textContent('dl.facts'), /بانتظار الرد/);
	assert.match(await page.textContent('section.contact'), /بعد أن يقول المضيف نعم/);
	assert.doesNotMatch(await page.textContent('main'), /20 30 40 50/);
	assert.equal(await page.getAttribute('.messages .user-text', 'dir'), 'auto');
	await noSidewaysScroll(page);
	visited.push(page.url());
	await context.close();

	// axe-core runs as a script: the same pages, the same phone, in
	// Arabic, with script on, and the same person signed in.
	const checking = await browser.newContext({ locale: 'ar', viewport: { width: 320, height: 640 } });
	const again = await newPage(checking);
	await signIn(again, 'amina@demo.example');
	for (const url of visited) {
		await again.goto(url);
		await clean(again);
	}
	await checking.close();
});

test('a local makes a welcome offer', async () => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await newPage(context);
	const errors = watchErrors(page);
	await signIn(page, 'jens@demo.example');
	await page.goto(server.url + '/offers');
	await page.click('text=Lav et velkomsttilbud');
	await clean(page);
	await page.click('main button[type=submit]'); // empty: errors
	assert.match(await page.textContent('.error-summary'), /Hvad inviterer du til\?/);
	await clean(page);
	await page.selectOption('#area', { label: 'Glamsbjerg' });
	await page.fill('#title', 'Gåtur med hunden');
	await page.fill('#body', 'Vi går en tur rundt om søen hver søndag. Hunden er venlig.');
	await page.fill('#starts_on', '2031-05-04');
	await page.fill('#ends_on', '2031-06-29');
	await page.fill('#at_time', '10:30');
	await page.check('#languages-da');
	await page.check('#languages-en');
	await page.fill('#places', '3');
	await page.click('main button[type=submit]');
	assert.equal(await page.textContent('article h1'), 'Gåtur med hunden');
	assert.match(await page.textContent('dl.facts'), /kl\. 10:30/);
	assert.match(await page.textContent('dl.facts'), /3 ledige af 3/);
	await clean(page);
	// In Arabic too, for the neighbours who read it.
	await page.click('text=Skriv på et andet sprog');
	await clean(page);
	await page.selectOption('#lang', 'ar');
	await page.fill('#title', 'نزهة مع الكلب');
	await page.fill('#body', 'نتمشى حول البحيرة كل يوم أحد. الكلب لطيف.');
	await page.click('main button[type=submit]');
	assert.equal(await page.textContent('article h1'), 'نزهة مع الكلب');
	assert.deepEqual(errors.filter((e) => !/status of 400/.test(e)), []);
	await context.close();
});

test('staff import an association list', async () => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await newPage(context);
	await signIn(page, 'frida@demo.example');
	await page.goto(server.url + '/associations');
	await page.click('text=Indlæs foreningsliste (CSV)');
	await clean(page);
	const header = 'name,area,category,languages,fee_kr,fritidspas,age_min,meetings\n';
	await page.fill('#csv', header +
		'Haarby Badminton,Haarby,sport,da en,300,ja,8,"mon 18:00-20:00 | Haarby Hallen | Alle"\n' +
		'Haarby Bridgeklub,Haarby,spil,da,200,nej,,"thu 19:00-22:00 | Biblioteket"\n');
	await page.click('main button[type=submit]');
	assert.match(await page.textContent('.error-summary'), /Linje 3, kolonne category/);
	await clean(page);
	await page.goto(server.url + '/associations?area=5&day=mon');
	assert.doesNotMatch(await page.textContent('main'), /Haarby Badminton/, 'nothing of a refused file is kept');
	await page.goto(server.url + '/associations/import');
	await page.fill('#csv', header +
		'Haarby Badminton,Haarby,sport,da en,300,ja,8,"mon 18:00-20:00 | Haarby Hallen | Alle"\n' +
		'Haarby Bridgeklub,Haarby,games,da,200,nej,,"thu 19:00-22:00 | Biblioteket"\n');
	await page.click('main button[type=submit]');
	assert.match(await page.textContent('.notice'), /2 rækker indlæst\. 2 foreninger oprettet\. 0 foreninger opdateret\./);
	await clean(page);
	await page.goto(server.url + '/associations?area=5&day=mon&from=17%3A00');
	assert.match(await page.textContent('main'), /Haarby Badminton/);
	assert.match(await page.textContent('main'), /mandag 18\.00–20\.00/);
	await context.close();
});

test('the local-life pages are accessible, for visitors and for those who keep them', async () => {
	const visitor = await browser.newContext({ locale: 'da-DK' });
	let page = await newPage(visitor);
	for (const path of ['/areas/5', '/associations', '/associations?day=weekend&language=ar', '/associations/23',
		'/associations/23?in=ar', '/associations/23/events/1', '/practical', '/practical/2', '/offers', '/offers/2']) {
		await page.goto(server.url + path);
		await clean(page);
	}
	await visitor.close();
	const people = {
		'lise@demo.example': ['/associations/23', '/associations/23/edit', '/associations/23/version?lang=ar',
			'/associations/23/events/new', '/offers/2', '/offers/mine', '/offers/2/edit'],
		'amina@demo.example': ['/answers/1', '/offers/mine'],
		'anna@demo.example': ['/offers/moderate', '/practical/new', '/practical/1/version?lang=uk', '/associations/new'],
	};
	for (const [email, paths] of Object.entries(people)) {
		const context = await browser.newContext({ locale: 'da-DK' });
		page = await newPage(context);
		await signIn(page, email);
		for (const path of paths) {
			await page.goto(server.url + path);
			await clean(page);
		}
		await context.close();
	}
	// The edit form with its errors is accessible too.
	const lise = await browser.newContext({ locale: 'da-DK' });
	page = await newPage(lise);
	await signIn(page, 'lise@demo.example');
	await page.goto(server.url + '/associations/23/edit');
	await page.fill('#m1_from', '25:00');
	await page.fill('#fee_kr', '-4');
	await page.click('main form button[type=submit]');
	assert.match(await page.textContent('.error-summary'), /Mødetid|ugedag/);
	await clean(page);
	await lise.close();
});
