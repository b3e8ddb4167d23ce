/*
 * site.c: the installation's settings for pages (see site.h).
 */
#include "web/site.h"

#include "model/story.h"

struct site site = {
	.contact_email = "kontakt@example.invalid",
	.base_url = "http://127.0.0.1:8080",
	.secure = 0,
	.rate_factor = 1,
	.participants_per_hour = 30,
	.licence = STORY_LICENCE_DEFAULT,
};
