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
#include <zlib.h>

#include "image/image.h"

/* A JPEG of w × h noise as a camera writes it (no stripping). */
static unsigned char *camera_jpeg(int w, int h, size_t *n)
{
	VipsImage *noise = NULL, *rgb = NULL, *u8 = NULL;
	void *buf = NULL;
	assert_int_equal(vips_gaussnoise(&noise, w, h, "mean", 128.0, "sigma", 40.0, NULL), 0);
	assert_int_equal(vips_bandjoin_const1(noise, &rgb, 90.0, NULL), 0);
	VipsImage *three = NULL;
	assert_int_equal(vips_bandjoin_const1(rgb, &three, 200.0, NULL), 0);
	assert_int_equal(vips_cast_uchar(three, &u8, NULL), 0);
	assert_int_equal(vips_jpegsave_buffer(u8, &buf, n, "Q", 90, NULL), 0);
	g_object_unref(noise);
	g_object_unref(rgb);
	g_object_unref(three);
	g_object_unref(u8);
	return buf;
}

static void le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void entry(unsigned char *p, unsigned tag, unsigned type, uint32_t count, uint32_t value)
{
	le16(p, tag);
	le16(p + 2, type);
	le32(p + 4, count);
	le32(p + 8, value);
}

#define SECRET_DESC "SECRET-GPS-PLACE 55.2671N"
#define SECRET_COMMENT "SECRET-COMMENT-OF-THE-CAMERA"

/* jpeg with an EXIF block (orientation 6: turned a quarter, a GPS
 * position 55° 16' 12.34" N, a description) and a comment, as a phone
 * writes them; malloc'd. */
static unsigned char *with_metadata(const unsigned char *jpeg, size_t n, size_t *out_n)
{
	unsigned char tiff[130];
	memset(tiff, 0, sizeof tiff);
	memcpy(tiff, "II*\0\x08\0\0\0", 8);
	le16(tiff + 8, 3);
	entry(tiff + 10, 0x010E, 2, sizeof SECRET_DESC, 50);  /* ImageDescription */
	entry(tiff + 22, 0x0112, 3, 1, 6);                    /* Orientation: 90° */
	entry(tiff + 34, 0x8825, 4, 1, 76);                   /* GPS IFD */
	le32(tiff + 46, 0);
	memcpy(tiff + 50, SECRET_DESC, sizeof SECRET_DESC);
	le16(tiff + 76, 2);
	entry(tiff + 78, 0x0001, 2, 2, 'N');                  /* GPSLatitudeRef */
	entry(tiff + 90, 0x0002, 5, 3, 106);                  /* GPSLatitude */
	le32(tiff + 102, 0);
	const uint32_t lat[6] = { 55, 1, 16, 1, 1234, 100 };
	for (int i = 0; i < 6; i++)
		le32(tiff + 106 + 4 * i, lat[i]);
	size_t app1 = 2 + 6 + sizeof tiff, com = 2 + sizeof SECRET_COMMENT - 1;
	unsigned char *out = malloc(n + 4 + app1 + com);
	size_t o = 0;
	out[o++] = 0xff, out[o++] = 0xd8;
	out[o++] = 0xff, out[o++] = 0xe1, out[o++] = (unsigned char)(app1 >> 8), out[o++] = (unsigned char)app1;
	memcpy(out + o, "Exif\0\0", 6), o += 6;
	memcpy(out + o, tiff, sizeof tiff), o += sizeof tiff;
	out[o++] = 0xff, out[o++] = 0xfe, out[o++] = (unsigned char)(com >> 8), out[o++] = (unsigned char)com;
	memcpy(out + o, SECRET_COMMENT, sizeof SECRET_COMMENT - 1), o += sizeof SECRET_COMMENT - 1;
	memcpy(out + o, jpeg + 2, n - 2), o += n - 2;
	*out_n = o;
	return out;
}

static int contains(const unsigned char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return 1;
	return 0;
}

static void test_gps_and_all_metadata_are_gone(void **state)
{
	(void)state;
	size_t n, m;
	unsigned char *plain = camera_jpeg(2000, 1000, &n);
	unsigned char *photo = with_metadata(plain, n, &m);
	/* The input does carry what must go (checked by libvips itself). */
	VipsImage *in = vips_image_new_from_buffer(photo, m, "", NULL);
	assert_non_null(in);
	assert_int_equal(vips_image_get_typeof(in, "exif-data") != 0, 1);
	assert_int_equal(vips_image_get_orientation(in), 6);
	g_object_unref(in);
	assert_true(contains(photo, m, SECRET_DESC) && contains(photo, m, SECRET_COMMENT));

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
		assert_false(contains(v->bytes, v->size, "Exif"));
		assert_false(contains(v->bytes, v->size, SECRET_DESC));
		assert_false(contains(v->bytes, v->size, SECRET_COMMENT));
		assert_false(contains(v->bytes, v->size, "http://ns.adobe.com/xap")); /* XMP */
		assert_false(contains(v->bytes, v->size, "ICC_PROFILE"));
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
	unsigned char *big = camera_jpeg(3000, 2000, &n);
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
	unsigned char *small = camera_jpeg(100, 80, &n);
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
	assert_true(contains(r.variants[0].bytes, 8, "PNG"));
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

/* A PNG whose header claims side × side pixels, with a little data. */
static unsigned char *bomb_png(uint32_t side, size_t *n)
{
	static unsigned char out[256];
	size_t o = 0;
	memcpy(out, "\x89PNG\r\n\x1a\n", 8), o = 8;
	unsigned char ihdr[17] = { 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
	for (int i = 0; i < 4; i++) {
		ihdr[8 + i] = (unsigned char)(side >> (24 - 8 * i));
		ihdr[12 + i] = (unsigned char)(side >> (24 - 8 * i));
	}
	memcpy(out + o, ihdr, 8), o += 8;
	memcpy(out + o, ihdr + 8, 8), o += 8;
	out[o++] = 8, out[o++] = 2, out[o++] = 0, out[o++] = 0, out[o++] = 0; /* 8-bit RGB */
	uLong crc = crc32(0, out + 12, 17);
	for (int i = 0; i < 4; i++)
		out[o++] = (unsigned char)(crc >> (24 - 8 * i));
	/* A few compressed bytes of the first row: all a bomb needs to be
	 * read as an image (and, decoded, a row of zeros repeats well). */
	unsigned char raw[64] = { 0 }, z[64];
	uLongf zn = sizeof z;
	assert_int_equal(compress(z, &zn, raw, sizeof raw), Z_OK);
	size_t at = o;
	out[o++] = 0, out[o++] = 0, out[o++] = (unsigned char)(zn >> 8), out[o++] = (unsigned char)zn;
	memcpy(out + o, "IDAT", 4), o += 4;
	memcpy(out + o, z, zn), o += zn;
	crc = crc32(0, out + at + 4, (uInt)(4 + zn));
	for (int i = 0; i < 4; i++)
		out[o++] = (unsigned char)(crc >> (24 - 8 * i));
	memcpy(out + o, "\0\0\0\0IEND\xae\x42\x60\x82", 12), o += 12;
	*n = o;
	return out;
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
	unsigned char *bomb = bomb_png(60000, &n);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(image_process(bomb, n, &r), IMAGE_TOO_MANY_PIXELS);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(t1.tv_sec - t0.tv_sec < 2);
	/* 8000 × 8000 is within the sides but past the pixels. */
	bomb = bomb_png(8000, &n);
	assert_int_equal(image_process(bomb, n, &r), IMAGE_TOO_MANY_PIXELS);

	/* More bytes than an upload may have. */
	size_t big = IMAGE_MAX_BYTES + 1;
	unsigned char *huge = calloc(1, big);
	memcpy(huge, "\xff\xd8\xff", 3);
	assert_int_equal(image_process(huge, big, &r), IMAGE_TOO_LARGE);
	free(huge);

	/* A photo cut off halfway does not decode whole. */
	unsigned char *jpeg = camera_jpeg(800, 600, &n);
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
