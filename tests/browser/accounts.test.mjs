// accounts.test.mjs: a person in a real browser signs up, opens the
// confirmation link from the outbox, signs in, changes language and signs
// out; an administrator grants a role. axe-core finds no WCAG 2.1 AA
// violation on any of these pages, with and without form errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, browser, server, useDemoSite, watchErrors } from './lib.mjs';

useDemoSite();

test('sign up, confirm from the outbox, sign in, change language, sign out', async () => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	const errors = watchErrors(page);
	await page.goto(server.url + '/');
	await page.click('nav.account >> text=Opret konto');
	assert.equal(await page.textContent('h1'), 'Opret konto');
	assert.deepEqual(await axeViolations(page), []);

	// Sent empty: errors in a summary and beside each field.
	await page.click('main button[type=submit]');
	assert.equal(await page.textContent('.error-summary h2'), 'Der er fejl i formularen');
	assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
	assert.deepEqual(await axeViolations(page), []);
	// The summary's links move focus to the field.
	await page.click('.error-summary a[href="#email"]');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'email');

	await page.fill('#name', 'Amina Haddad');
	await page.fill('#email', 'amina@example.dk');
	await page.fill('#password', 'en lang og god sætning');
	await page.check('#terms');
	await page.click('main button[type=submit]');
	assert.equal(await page.textContent('h1'), 'Tjek din e-mail');
	assert.deepEqual(await axeViolations(page), []);

	const mail = server.samskab(['outbox']);
	const link = /http:\/\/\S+\/verify\?token=\S+/.exec(mail)[0];
	await page.goto(link.replace(/^http:\/\/[^/]+/, server.url));
	assert.equal(await page.textContent('h1'), 'Bekræft din e-mailadresse');
	assert.deepEqual(await axeViolations(page), []);
	await page.click('main button[type=submit]');
	assert.match(page.url(), /\/me\?done=verified$/);
	assert.match(await page.textContent('.notice'), /bekræftet/);
	assert.equal(await page.textContent('nav.account a[href="/me"]'), 'Amina Haddad');
	assert.deepEqual(await axeViolations(page), []);

	// Sign out, then in again through the form.
	await page.click('nav.account button');
	assert.equal(await page.locator('nav.account >> text=Log ind').count(), 1);
	await page.click('nav.account >> text=Log ind');
	assert.deepEqual(await axeViolations(page), []);
	await page.fill('#email', 'amina@example.dk');
	await page.fill('#password', 'forkert adgangskode');
	await page.click('main button[type=submit]');
	assert.match(await page.textContent('.error-summary'), /forkert/);
	assert.deepEqual(await axeViolations(page), []);
	await page.fill('#password', 'en lang og god sætning');
	await page.click('main button[type=submit]');
	assert.match(page.url(), /\/me$/);

	// English from the profile: the whole interface follows.
	await page.selectOption('#lang', 'en');
	await page.locator('form[action="/me"] button[type=submit]').click();
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	assert.equal(await page.textContent('h1'), 'Your account');
	assert.match(await page.textContent('.notice'), /saved/);
	assert.deepEqual(await axeViolations(page), []);

	await page.click('nav.account button');
	assert.equal(await page.textContent('nav.account a[href="/login"]'), 'Sign in');
	assert.deepEqual(errors.filter((e) => !/status of 40[03]/.test(e)), [], 'no CSP violations or script errors');
	await context.close();
});

test('password reset, privacy and administration pages are accessible', async () => {
	server.samskab(['user', 'add', 'admin@example.dk', 'Anna Admin'], { SAMSKAB_PASSWORD: 'admin-password-1' });
	server.samskab(['user', 'grant', 'admin@example.dk', 'admin']);
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	for (const path of ['/password-reset', '/privacy', '/signup']) {
		await page.goto(server.url + path);
		assert.deepEqual(await axeViolations(page), [], path);
	}
	await page.goto(server.url + '/admin/roles');
	assert.match(page.url(), /\/login\?next=%2Fadmin%2Froles$/);
	await page.fill('#email', 'admin@example.dk');
	await page.fill('#password', 'admin-password-1');
	await page.click('main button[type=submit]');
	assert.match(page.url(), /\/admin\/roles$/);
	assert.deepEqual(await axeViolations(page), []);
	await page.fill('#email', 'admin@example.dk');
	await page.selectOption('#role', 'representative');
	await page.selectOption('#scope', { label: 'Organisation: DGI' });
	await page.click('main form[action="/admin/roles"] button[type=submit]');
	assert.match(await page.textContent('.notice'), /Rollen er givet/);
	assert.match(await page.textContent('table'), /Repræsentant for organisation\s*DGI/);
	// A role that cannot have that scope: an error beside the field.
	await page.fill('#email', 'admin@example.dk');
	await page.selectOption('#role', 'council');
	await page.selectOption('#scope', { label: 'Lokalområde: Haarby' });
	await page.click('main form[action="/admin/roles"] button[type=submit]');
	assert.match(await page.textContent('.error-summary'), /kan ikke gives/);
	assert.deepEqual(await axeViolations(page), []);
	await page.goto(server.url + '/admin/audit');
	// Read as sentences, naming who gave whom which role where.
	assert.match(await page.textContent('table'), /Anna Admin gav Anna Admin rollen som repræsentant for organisationen i DGI\./);
	assert.deepEqual(await axeViolations(page), []);
	await page.goto(server.url + '/me');
	assert.deepEqual(await axeViolations(page), []);
	await context.close();
});
