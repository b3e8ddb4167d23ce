/*
 * image.h: turning an upload into images a page can show, with libvips.
 * Pure computation on bytes: no SQL, no HTTP (model/image.c stores the
 * result, web/ serves it).
 *
 * Every upload is decoded and encoded again, never passed on: what is
 * not a JPEG, PNG, WebP or GIF is refused from its first bytes; a header
 * claiming more pixels than IMAGE_MAX_PIXELS (a decompression bomb) is
 * refused before any pixel is decoded; a file that does not decode whole
 * is refused. The pixels are turned upright (EXIF orientation), into
 * sRGB, and written without any metadata: no EXIF (GPS position, camera,
 * time), no XMP, no comments, no ICC profile. Photos become JPEG, images
 * with transparency (logos) PNG, each in the widths of IMAGE_WIDTHS up
 * to its own, for srcset. Memory stays bounded: libvips reads the upload
 * sequentially, shrinks while decoding (JPEG), keeps no cache and uses
 * one thread per image.
 */
#ifndef SAMSKAB_IMAGE_IMAGE_H
#define SAMSKAB_IMAGE_IMAGE_H

#include <stddef.h>

#define IMAGE_MAX_BYTES (10u << 20)  /* an upload's size */
#define IMAGE_MAX_PIXELS 50000000L   /* width × height an upload may claim */
#define IMAGE_MAX_SIDE 20000         /* pixels on either side */
#define IMAGE_NWIDTHS 4
#define IMAGE_HASH_LEN 16            /* hex characters in addresses */

/* The widths served (a smaller image: its own width only). */
extern const int IMAGE_WIDTHS[IMAGE_NWIDTHS];

enum image_format { IMAGE_JPEG, IMAGE_PNG, IMAGE_FORMAT__MAX };

enum image_err {
	IMAGE_OK = 0,
	IMAGE_NOT_AN_IMAGE,  /* not JPEG, PNG, WebP or GIF */
	IMAGE_TOO_LARGE,     /* more than IMAGE_MAX_BYTES */
	IMAGE_TOO_MANY_PIXELS, /* past IMAGE_MAX_PIXELS or IMAGE_MAX_SIDE */
	IMAGE_BROKEN,        /* does not decode whole */
	IMAGE_ERROR,         /* libvips failed otherwise (logged) */
};

struct image_variant {
	int width, height;
	unsigned char *bytes; /* owned (g_free'd by image_result_free) */
	size_t size;
};

struct image_result {
	enum image_format format;
	int nvariants;              /* widest last */
	struct image_variant variants[IMAGE_NWIDTHS];
	char hash[IMAGE_HASH_LEN + 1]; /* of the widest variant's bytes */
};

/* "jpeg", "png": the format's code as stored; its file extension and
 * media type. */
const char *image_format_code(enum image_format f);
int image_format_parse(const char *code); /* -1 if unknown */
const char *image_format_ext(enum image_format f);
const char *image_format_type(enum image_format f);

/* The widths to serve for an image whose widest variant is width wide:
 * out[IMAGE_NWIDTHS], smallest first; returns how many. */
int image_widths(int width, int out[IMAGE_NWIDTHS]);

/* Decodes data and writes the variants into out (free them with
 * image_result_free, also after a failure). Thread-safe. */
enum image_err image_process(const void *data, size_t size, struct image_result *out);
void image_result_free(struct image_result *r);

#endif
