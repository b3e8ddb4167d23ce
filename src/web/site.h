/*
 * site.h: facts about this installation that pages show: the contact
 * address for the accessibility statement, the licence stories are
 * published under, and whether the site is served over TLS (cookies get
 * Secure). Set once by `samskab serve` before the server starts;
 * read-only afterwards.
 */
#ifndef SAMSKAB_WEB_SITE_H
#define SAMSKAB_WEB_SITE_H

struct site {
	const char *contact_email;
	const char *base_url;  /* e.g. https://samskab.kommune.example, for links in mail */
	int secure;            /* served over https */
	int rate_factor;       /* multiplies every rate limit (tests, big events) */
	const char *licence;   /* of published stories, e.g. "CC BY 4.0" */
	int participants_per_hour; /* new pseudonymous participants one address
				    * may make in an hour (times rate_factor); 0: no limit */
};

extern struct site site;

#endif
