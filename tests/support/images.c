/*
 * images.c: images for the tests (see images.h).
 */
#include "support/images.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>
#include <zlib.h>

/* A JPEG of w × h noise as a camera writes it (no stripping). */
unsigned char *test_camera_jpeg(int w, int h, size_t *n)
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


/* jpeg with an EXIF block (orientation 6: turned a quarter, a GPS
 * position 55° 16' 12.34" N, a description) and a comment, as a phone
 * writes them; malloc'd. */
unsigned char *test_with_metadata(const unsigned char *jpeg, size_t n, size_t *out_n)
{
	unsigned char tiff[130];
	memset(tiff, 0, sizeof tiff);
	memcpy(tiff, "II*\0\x08\0\0\0", 8);
	le16(tiff + 8, 3);
	entry(tiff + 10, 0x010E, 2, sizeof TEST_SECRET_DESC, 50);  /* ImageDescription */
	entry(tiff + 22, 0x0112, 3, 1, 6);                    /* Orientation: 90° */
	entry(tiff + 34, 0x8825, 4, 1, 76);                   /* GPS IFD */
	le32(tiff + 46, 0);
	memcpy(tiff + 50, TEST_SECRET_DESC, sizeof TEST_SECRET_DESC);
	le16(tiff + 76, 2);
	entry(tiff + 78, 0x0001, 2, 2, 'N');                  /* GPSLatitudeRef */
	entry(tiff + 90, 0x0002, 5, 3, 106);                  /* GPSLatitude */
	le32(tiff + 102, 0);
	const uint32_t lat[6] = { 55, 1, 16, 1, 1234, 100 };
	for (int i = 0; i < 6; i++)
		le32(tiff + 106 + 4 * i, lat[i]);
	size_t app1 = 2 + 6 + sizeof tiff, com = 2 + sizeof TEST_SECRET_COMMENT - 1;
	unsigned char *out = malloc(n + 4 + app1 + com);
	size_t o = 0;
	out[o++] = 0xff, out[o++] = 0xd8;
	out[o++] = 0xff, out[o++] = 0xe1, out[o++] = (unsigned char)(app1 >> 8), out[o++] = (unsigned char)app1;
	memcpy(out + o, "Exif\0\0", 6), o += 6;
	memcpy(out + o, tiff, sizeof tiff), o += sizeof tiff;
	out[o++] = 0xff, out[o++] = 0xfe, out[o++] = (unsigned char)(com >> 8), out[o++] = (unsigned char)com;
	memcpy(out + o, TEST_SECRET_COMMENT, sizeof TEST_SECRET_COMMENT - 1), o += sizeof TEST_SECRET_COMMENT - 1;
	memcpy(out + o, jpeg + 2, n - 2), o += n - 2;
	*out_n = o;
	return out;
}

/* A PNG whose header claims side × side pixels, with a little data. */
unsigned char *test_bomb_png(uint32_t side, size_t *n)
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

int test_bytes_contain(const unsigned char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return 1;
	return 0;
}

