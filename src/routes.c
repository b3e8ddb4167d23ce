/*
 * routes.c: the route table (see routes.h). Order matters only where two
 * patterns match the same path: the first wins.
 */
#include "routes.h"

#include "api/api.h"
#include "http/asset.h"
#include "web/web.h"

const struct route app_routes[] = {
	{ HTTP_GET, "/", web_home, 0 },
	{ HTTP_GET, "/areas", web_area_list, 0 },
	{ HTTP_GET, "/areas/{id}", web_area_show, 0 },
	{ HTTP_GET, "/themes", web_theme_list, 0 },
	{ HTTP_GET, "/themes/{id}", web_theme_show, 0 },
	{ HTTP_GET, "/organisations", web_organisation_list, 0 },
	{ HTTP_GET, "/organisations/{id}", web_organisation_show, 0 },
	{ HTTP_GET, "/accessibility", web_accessibility, ROUTE_NO_DB },
	{ HTTP_GET, "/language", web_language, ROUTE_NO_DB },

	{ HTTP_GET, "/api/v1/areas", api_area_list, 0 },
	{ HTTP_GET, "/api/v1/areas/{id}", api_area_show, 0 },
	{ HTTP_GET, "/api/v1/themes", api_theme_list, 0 },
	{ HTTP_GET, "/api/v1/themes/{id}", api_theme_show, 0 },
	{ HTTP_GET, "/api/v1/organisations", api_organisation_list, 0 },
	{ HTTP_GET, "/api/v1/organisations/{id}", api_organisation_show, 0 },

	{ HTTP_GET, "/healthz", api_healthz, 0 },
	{ HTTP_GET, "/metrics", api_metrics, ROUTE_NO_DB },
	{ HTTP_GET, "/assets/*", asset_handler, ROUTE_NO_DB },
};

const size_t app_routes_count = sizeof app_routes / sizeof app_routes[0];
