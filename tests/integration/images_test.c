/*
 * images_test.c: an image on an arena, through the real server: uploaded
 * from the arena form (multipart/form-data), decoded and encoded anew so
 * a phone photo's GPS position is gone from every served size, shown with
 * its sizes (srcset) and alt text, cached for a year under its content
 * hash, in the page's link preview; alt text required (the upload kept
 * meanwhile); refusals with a clear message and 4xx: not an image, a
 * decompression bomb, more bytes than an upload may have; and the images
 * carried by `samskab backup` and `samskab db-copy`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>

#include "store/store.h"
#include "support/images.h"
#include "support/support.h"

static struct test_server srv;
static struct test_client frida;

static int setup(void **state)
{
	(void)state;
	if (VIPS_INIT("images_test") != 0)
		return -1;
	const char *extra[] = { "--rate-factor", "100", NULL };
	test_db_create(&srv, 1);
	test_server_start(&srv, extra);
	memset(&frida, 0, sizeof frida);
	test_sign_in(&srv, &frida, "frida%40demo.example", "demo-password", 303);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

/* The arena form's fields for arena 2, with alt text alt (NULL: none). */
static void edit_arena(const char *alt, const struct test_upload *file, const char *keep, struct http_resp *r)
{
	struct http_resp form;
	client_get(&srv, &frida, "/arenas/2/edit", &form);
	assert_int_equal(form.status, 200);
	assert_contains(form.body, "enctype=\"multipart/form-data\"");
	http_resp_free(&form);
	const char *fields[] = { "title", "Ensomme ældre i Haarby", "theme", "3", "areas", "5", "lang", "da",
				 "description", "Mange ældre bor alene.", "image_alt", alt ? alt : "",
				 "image_keep", keep ? keep : "", NULL };
	client_post_multipart(&srv, &frida, "/arenas/2/edit", fields, file, r);
}

/* The value of the attribute attr of the first tag holding marker. */
static char *attr(const char *body, const char *marker, const char *attr_name)
{
	const char *at = strstr(body, marker);
	if (at == NULL)
		fail_msg("no %s in:\n%.3000s", marker, body);
	while (at > body && *at != '<')
		at--;
	char key[64];
	snprintf(key, sizeof key, " %s=\"", attr_name);
	const char *v = strstr(at, key);
	assert_non_null(v);
	v += strlen(key);
	return strndup(v, strcspn(v, "\""));
}

static void test_photo_upload_loses_its_gps(void **state)
{
	(void)state;
	size_t n, m;
	unsigned char *plain = test_camera_jpeg(2400, 1600, &n);
	unsigned char *photo = test_with_metadata(plain, n, &m);
	const struct test_upload up = { "image", "IMG_0042.JPG", "image/jpeg", photo, m };
	struct http_resp r;

	/* Without alt text: refused beside the field, the upload kept. */
	edit_arena(NULL, &up, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "<p class=\"error\" id=\"image_alt-error\">Skriv, hvad billedet viser");
	assert_contains(r.body, "name=\"image_keep\" value=\"");
	char *keep = attr(r.body, "name=\"image_keep\"", "value");
	http_resp_free(&r);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM arena WHERE id = 2 AND image_id IS NOT NULL"), 0);

	/* With it, and no new file: the kept upload is used. */
	edit_arena("Ældre og naboer ved kaffebordet i Haarby Hallen", NULL, keep, &r);
	assert_int_equal(r.status, 303);
	http_resp_free(&r);
	free(keep);
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM arena WHERE id = 2 AND image_id IS NOT NULL"), 1);

	struct test_client anon = { 0 };
	client_get(&srv, &anon, "/arenas/2", &r);
	assert_int_equal(r.status, 200);
	char *srcset = attr(r.body, "class=\"lead-image\"", "srcset");
	char *alt = attr(r.body, "class=\"lead-image\"", "alt");
	assert_string_equal(alt, "Ældre og naboer ved kaffebordet i Haarby Hallen");
	/* 2400 wide: every served width up to 1600. */
	assert_contains(srcset, "-320.jpg 320w");
	assert_contains(srcset, "-640.jpg 640w");
	assert_contains(srcset, "-1024.jpg 1024w");
	assert_contains(srcset, "-1600.jpg 1600w");
	char *og = attr(r.body, "property=\"og:image\"", "content");
	assert_contains(og, "/images/");
	assert_contains(og, "-1024.jpg");
	assert_contains(r.body, "<meta property=\"og:image:alt\" content=\"Ældre og naboer");
	http_resp_free(&r);

	/* Every size: a JPEG with nothing of the phone's metadata. */
	for (const char *p = srcset; *p;) {
		char url[128];
		size_t len = strcspn(p, " ");
		snprintf(url, sizeof url, "%.*s", (int)len, p);
		client_get(&srv, &anon, url, &r);
		assert_int_equal(r.status, 200);
		char *type = http_header(&r, "Content-Type"), *cache = http_header(&r, "Cache-Control"),
		     *etag = http_header(&r, "ETag");
		assert_string_equal(type, "image/jpeg");
		assert_string_equal(cache, "public, max-age=31536000, immutable");
		assert_true(r.len > 1000 && (unsigned char)r.body[0] == 0xff && (unsigned char)r.body[1] == 0xd8);
		assert_false(test_bytes_contain((unsigned char *)r.body, r.len, "Exif"));
		assert_false(test_bytes_contain((unsigned char *)r.body, r.len, TEST_SECRET_DESC));
		assert_false(test_bytes_contain((unsigned char *)r.body, r.len, TEST_SECRET_COMMENT));
		VipsImage *img = vips_image_new_from_buffer(r.body, r.len, "", NULL);
		assert_non_null(img);
		assert_int_equal(vips_image_get_typeof(img, "exif-data"), 0);
		/* Upright: the photo was taken turned a quarter (orientation 6). */
		assert_true(vips_image_get_height(img) > vips_image_get_width(img));
		g_object_unref(img);
		http_resp_free(&r);
		/* Asked again with its validator: 304, no body. */
		char inm[128];
		snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
		const char *h[] = { inm, NULL };
		http_request(&srv, "GET", url, NULL, h, &r);
		assert_int_equal(r.status, 304);
		http_resp_free(&r);
		free(type);
		free(cache);
		free(etag);
		p += len;
		p += strcspn(p, ",");
		p += strspn(p, ", ");
	}
	/* Another address than a variant's is nothing. */
	client_get(&srv, &anon, "/images/0000000000000000-640.jpg", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	client_get(&srv, &anon, "/images/../../etc/passwd", &r);
	assert_int_equal(r.status, 404);
	http_resp_free(&r);
	free(srcset);
	free(alt);
	free(og);
	free(photo);
	g_free(plain);
}

static void test_refusals_say_why(void **state)
{
	(void)state;
	struct http_resp r;
	const char *text = "Kære Frida, her er dagsordenen.";
	const struct test_upload doc = { "image", "dagsorden.txt", "image/jpeg", text, strlen(text) };
	edit_arena("Noget", &doc, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "<p class=\"error\" id=\"image-error\">Filen er ikke et billede");
	http_resp_free(&r);

	size_t n;
	unsigned char *bomb = test_bomb_png(60000, &n);
	const struct test_upload b = { "image", "bomb.png", "image/png", bomb, n };
	edit_arena("Noget", &b, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "Billedet har for mange pixels");
	http_resp_free(&r);

	/* More than an upload may be: 413 with what to do. */
	size_t big = 12u << 20;
	unsigned char *huge = calloc(1, big);
	memcpy(huge, "\xff\xd8\xff", 3);
	const struct test_upload h = { "image", "huge.jpg", "image/jpeg", huge, big };
	edit_arena("Noget", &h, NULL, &r);
	assert_int_equal(r.status, 413);
	assert_contains(r.body, "Et billede må højst fylde 10 MB");
	http_resp_free(&r);
	free(huge);

	/* A form with a file where none is taken: 415. */
	const char *fields[] = { "text", "Et udsagn", NULL };
	const struct test_upload one = { "image", "x.jpg", "image/jpeg", "x", 1 };
	client_post_multipart(&srv, &frida, "/arenas/2/dialogue/statements", fields, &one, &r);
	assert_int_equal(r.status, 415);
	http_resp_free(&r);
	/* Nothing of this was kept: arena 2 still shows the photo of the
	 * test before (or none, run alone). */
	assert_int_equal(test_sql_int(&srv, "SELECT COUNT(*) FROM image i WHERE i.width > 10000"), 0);
}

/* The image variants of a database: count and a digest of their bytes. */
static void variants(const char *url, int64_t *count, uint64_t *sum)
{
	char err[256];
	struct store *db = store_open(url, NULL, err, sizeof err);
	if (db == NULL)
		fail_msg("%s", err);
	struct store_stmt *st = store_prepare_text(db, "SELECT bytes FROM image_variant ORDER BY image_id, width");
	assert_non_null(st);
	*count = 0;
	*sum = 1469598103934665603ull;
	while (store_step(st) == STORE_ROW) {
		size_t n;
		const unsigned char *p = store_col_blob(st, 0, &n);
		for (size_t i = 0; i < n; i++)
			*sum = (*sum ^ p[i]) * 1099511628211ull;
		(*count)++;
	}
	store_finalize(st);
	store_close(db);
}

static void test_backup_and_db_copy_carry_images(void **state)
{
	(void)state;
	int64_t n0;
	uint64_t s0;
	variants(srv.db, &n0, &s0);
	assert_true(n0 >= 4);
	char copy[600], backup[600];
	snprintf(copy, sizeof copy, "%s/copy.db", srv.dir);
	snprintf(backup, sizeof backup, "%s/backup.db", srv.dir);
	const char *migrate[] = { "migrate", "--db", copy, "--log-level", "warn", NULL };
	assert_int_equal(test_run(migrate, NULL, NULL), 0);
	const char *dbcopy[] = { "db-copy", srv.db, copy, "--log-level", "warn", NULL };
	char *out = NULL, *err = NULL;
	if (test_run(dbcopy, &out, &err) != 0)
		fail_msg("db-copy: %s %s", out, err);
	free(out);
	free(err);
	int64_t n1;
	uint64_t s1;
	variants(copy, &n1, &s1);
	assert_int_equal(n1, n0);
	assert_true(s1 == s0);
	if (getenv("SAMSKAB_TEST_PG"))
		return; /* backup is SQLite's (PostgreSQL has pg_dump); db-copy above read PostgreSQL */
	const char *bk[] = { "backup", "--db", srv.db, backup, "--log-level", "warn", NULL };
	assert_int_equal(test_run(bk, NULL, NULL), 0);
	variants(backup, &n1, &s1);
	assert_int_equal(n1, n0);
	assert_true(s1 == s0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_photo_upload_loses_its_gps),
		TEST_CASE(test_refusals_say_why),
		TEST_CASE(test_backup_and_db_copy_carry_images),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
