/*
 * site.c: the installation's settings for pages (see site.h).
 */
#include "web/site.h"

struct site site = {
	.contact_email = "kontakt@example.invalid",
	.secure = 0,
};
