/*
 * images.h: images as uploads arrive, for the tests of image/ and of
 * uploads through the server: a camera's JPEG, the same with the EXIF
 * block a phone writes (orientation, GPS position) and a comment, and a
 * decompression bomb. Uses libvips (VIPS_INIT first) and cmocka.
 */
#ifndef SAMSKAB_TESTS_IMAGES_H
#define SAMSKAB_TESTS_IMAGES_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

/* Text inside the metadata test_with_metadata adds, none of which may
 * survive an upload. */
#define TEST_SECRET_DESC "SECRET-GPS-PLACE 55.2671N"
#define TEST_SECRET_COMMENT "SECRET-COMMENT-OF-THE-CAMERA"

/* A JPEG of w × h noise as a camera writes it (g_free it). */
unsigned char *test_camera_jpeg(int w, int h, size_t *n);
/* jpeg with an EXIF block (orientation 6: turned a quarter; a GPS
 * position 55° 16' 12.34" N; TEST_SECRET_DESC as its description) and
 * TEST_SECRET_COMMENT as a comment, as a phone writes them; malloc'd. */
unsigned char *test_with_metadata(const unsigned char *jpeg, size_t n, size_t *out_n);
/* A PNG whose header claims side × side pixels, with a little data
 * (static buffer). */
unsigned char *test_bomb_png(uint32_t side, size_t *n);
/* 1 if needle's bytes occur in the n bytes at hay. */
int test_bytes_contain(const unsigned char *hay, size_t n, const char *needle);

#endif
