/*
 * image_test.c: uploads through image_process (src/image/image.c): a
 * phone photo's GPS position and every other piece of metadata never
 * survive; the photo comes out upright; responsive widths; transparency
 * kept as PNG; and refusals: not an image (text, SVG, PDF), too many
 * bytes, a decompression bomb (refused from its header, at once), a
 * broken file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <vips/vips.h>

#include "image/image.h"
#include "support/images.h"

static void test_gps_and_all_metadata_are_gone(void **state)
{
	(void)state;
	size_t n, m;
	unsigned char *plain = test_camera_jpeg(2000, 1000, &n);
	unsigned char *photo = test_with_metadata(plain, n, &m);
	/* The input does carry what must go (checked by libvips itself). */
	VipsImage *in = vips_image_new_from_buffer(photo, m, "", NULL);
	assert_non_null(in);
	assert_int_equal(vips_image_get_typeof(in, "exif-data") != 0, 1);
	assert_int_equal(vips_image_get_orientation(in), 6);
	g_object_unref(in);
	assert_true(test_bytes_contain(photo, m, TEST_SECRET_DESC) && test_bytes_contain(photo, m, TEST_SECRET_COMMENT));

	struct image_result r;
	assert_int_equal(image_process(photo, m, &r), IMAGE_OK);
	assert_int_equal(r.format, IMAGE_JPEG);
	/* Upright: 2000 × 1000 turned a quarter is 1000 × 2000; widths up to 1000. */
	assert_int_equal(r.nvariants, 3);
	const int widths[] = { 320, 640, 1000 };
	for (int i = 0; i < r.nvariants; i++) {
		const struct image_variant *v = &r.variants[i];
		assert_int_equal(v->width, widths[i]);
		assert_int_equal(v->height, v->width * 2);
		assert_false(test_bytes_contain(v->bytes, v->size, "Exif"));
		assert_false(test_bytes_contain(v->bytes, v->size, TEST_SECRET_DESC));
		assert_false(test_bytes_contain(v->bytes, v->size, TEST_SECRET_COMMENT));
		assert_false(test_bytes_contain(v->bytes, v->size, "http://ns.adobe.com/xap")); /* XMP */
		assert_false(test_bytes_contain(v->bytes, v->size, "ICC_PROFILE"));
		VipsImage *out = vips_image_new_from_buffer(v->bytes, v->size, "", NULL);
		assert_non_null(out);
		assert_int_equal(vips_image_get_typeof(out, "exif-data"), 0);
		assert_int_equal(vips_image_get_typeof(out, "xmp-data"), 0);
		assert_int_equal(vips_image_get_typeof(out, "jpeg-comment-0"), 0);
		g_object_unref(out);
	}
	image_result_free(&r);
	free(photo);
	g_free(plain);
}

static void test_variants_and_hash(void **state)
{
	(void)state;
	size_t n;
	unsigned char *big = test_camera_jpeg(3000, 2000, &n);
	struct image_result a, b;
	assert_int_equal(image_process(big, n, &a), IMAGE_OK);
	int w[IMAGE_NWIDTHS];
	assert_int_equal(image_widths(a.variants[a.nvariants - 1].width, w), 4);
	assert_int_equal(a.nvariants, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(a.variants[i].width, IMAGE_WIDTHS[i]);
		assert_int_equal(a.variants[i].width, w[i]);
		assert_true(a.variants[i].size > 0);
	}
	assert_int_equal(a.variants[3].height, 1067); /* 1600 × 2000 / 3000, rounded */
	assert_int_equal(strlen(a.hash), IMAGE_HASH_LEN);
	/* The same upload gives the same bytes, so the same address. */
	assert_int_equal(image_process(big, n, &b), IMAGE_OK);
	assert_string_equal(a.hash, b.hash);
	image_result_free(&a);
	image_result_free(&b);
	g_free(big);

	/* A small one is served at its own width only. */
	unsigned char *small = test_camera_jpeg(100, 80, &n);
	assert_int_equal(image_process(small, n, &a), IMAGE_OK);
	assert_int_equal(a.nvariants, 1);
	assert_int_equal(a.variants[0].width, 100);
	assert_int_equal(a.variants[0].height, 80);
	image_result_free(&a);
	g_free(small);
}

static void test_transparency_stays_png(void **state)
{
	(void)state;
	VipsImage *black = NULL, *rgba = NULL, *u8 = NULL;
	void *buf = NULL;
	size_t n;
	assert_int_equal(vips_black(&black, 400, 100, "bands", 4, NULL), 0);
	assert_int_equal(vips_cast_uchar(black, &u8, NULL), 0);
	assert_int_equal(vips_copy(u8, &rgba, "interpretation", VIPS_INTERPRETATION_sRGB, NULL), 0);
	assert_int_equal(vips_pngsave_buffer(rgba, &buf, &n, NULL), 0);
	struct image_result r;
	assert_int_equal(image_process(buf, n, &r), IMAGE_OK);
	assert_int_equal(r.format, IMAGE_PNG);
	assert_int_equal(r.nvariants, 2); /* 320 and 400 */
	assert_true(test_bytes_contain(r.variants[0].bytes, 8, "PNG"));
	VipsImage *out = vips_image_new_from_buffer(r.variants[1].bytes, r.variants[1].size, "", NULL);
	assert_non_null(out);
	assert_true(vips_image_hasalpha(out));
	g_object_unref(out);
	image_result_free(&r);
	g_free(buf);
	g_object_unref(black);
	g_object_unref(u8);
	g_object_unref(rgba);
}

static void test_refusals(void **state)
{
	(void)state;
	struct image_result r;
	const char *text = "Dette er ikke et billede, men en tekst.";
	assert_int_equal(image_process(text, strlen(text), &r), IMAGE_NOT_AN_IMAGE);
	const char *svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>";
	assert_int_equal(image_process(svg, strlen(svg), &r), IMAGE_NOT_AN_IMAGE);
	const char *pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n";
	assert_int_equal(image_process(pdf, strlen(pdf), &r), IMAGE_NOT_AN_IMAGE);
	assert_int_equal(image_process("", 0, &r), IMAGE_NOT_AN_IMAGE);

	/* A header claiming 60000 × 60000 (10.8 GB of pixels): refused from
	 * the header, without decoding (well under a second). */
	size_t n;
	unsigned char *bomb = test_bomb_png(60000, &n);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(image_process(bomb, n, &r), IMAGE_TOO_MANY_PIXELS);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(t1.tv_sec - t0.tv_sec < 2);
	/* 8000 × 8000 is within the sides but past the pixels. */
	bomb = test_bomb_png(8000, &n);
	assert_int_equal(image_process(bomb, n, &r), IMAGE_TOO_MANY_PIXELS);

	/* More bytes than an upload may have. */
	size_t big = IMAGE_MAX_BYTES + 1;
	unsigned char *huge = calloc(1, big);
	memcpy(huge, "\xff\xd8\xff", 3);
	assert_int_equal(image_process(huge, big, &r), IMAGE_TOO_LARGE);
	free(huge);

	/* A photo cut off halfway does not decode whole. */
	unsigned char *jpeg = test_camera_jpeg(800, 600, &n);
	assert_int_equal(image_process(jpeg, n / 2, &r), IMAGE_BROKEN);
	image_result_free(&r);
	g_free(jpeg);
}

int main(void)
{
	if (VIPS_INIT("image_test") != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gps_and_all_metadata_are_gone),
		cmocka_unit_test(test_variants_and_hash),
		cmocka_unit_test(test_transparency_stays_png),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
