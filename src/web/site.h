/*
 * site.h: facts about this installation that pages show: the contact
 * address for the accessibility statement, and whether the site is served
 * over TLS (cookies get Secure). Set once by `samskab serve` before the
 * server starts; read-only afterwards.
 */
#ifndef SAMSKAB_WEB_SITE_H
#define SAMSKAB_WEB_SITE_H

struct site {
	const char *contact_email;
	int secure; /* served over https */
};

extern struct site site;

#endif
