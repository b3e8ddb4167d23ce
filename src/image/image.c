/*
 * image.c: decoding, checking and encoding uploads (see image.h).
 */
#include "image/image.h"

#include <dlfcn.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <vips/vips.h>

#include "core/log.h"

const int IMAGE_WIDTHS[IMAGE_NWIDTHS] = { 320, 640, 1024, 1600 };

static const struct {
	const char *code, *ext, *type;
} formats[] = {
	[IMAGE_JPEG] = { "jpeg", "jpg", "image/jpeg" },
	[IMAGE_PNG] = { "png", "png", "image/png" },
};
_Static_assert(sizeof formats / sizeof formats[0] == IMAGE_FORMAT__MAX, "a row for every image format");

/* What an upload may be, by its first bytes, and libvips's loader for it:
 * only these run on uploads (the others, ImageMagick, PDF, SVG and
 * friends among them, are blocked). */
static const struct {
	const char *magic;
	size_t at, n;
	const char *loader;
} accepted[] = {
	{ "\xff\xd8\xff", 0, 3, "VipsForeignLoadJpegBuffer" },
	{ "\x89PNG\r\n\x1a\n", 0, 8, "VipsForeignLoadPngBuffer" },
	{ "GIF87a", 0, 6, "VipsForeignLoadGifBuffer" },
	{ "GIF89a", 0, 6, "VipsForeignLoadGifBuffer" },
	{ "WEBP", 8, 4, "VipsForeignLoadWebpBuffer" },
};

const char *image_format_code(enum image_format f)
{
	return (unsigned)f < IMAGE_FORMAT__MAX ? formats[f].code : "jpeg";
}

int image_format_parse(const char *code)
{
	for (int i = 0; code && i < IMAGE_FORMAT__MAX; i++)
		if (strcmp(code, formats[i].code) == 0)
			return i;
	return -1;
}

const char *image_format_ext(enum image_format f)
{
	return (unsigned)f < IMAGE_FORMAT__MAX ? formats[f].ext : "jpg";
}

const char *image_format_type(enum image_format f)
{
	return (unsigned)f < IMAGE_FORMAT__MAX ? formats[f].type : "image/jpeg";
}

int image_widths(int width, int out[IMAGE_NWIDTHS])
{
	int n = 0;
	for (int i = 0; i < IMAGE_NWIDTHS && IMAGE_WIDTHS[i] < width; i++)
		out[n++] = IMAGE_WIDTHS[i];
	if (n < IMAGE_NWIDTHS)
		out[n++] = width;
	return n;
}

/*
 * libvips is opened at the first upload, not linked: with its loaders'
 * libraries it brings a hundred, whose loading made every samskab
 * command and server start take 32 ms instead of 15. Its functions are
 * called through lib, with the types its headers give them.
 */
#define VIPS_FUNCTIONS(X)                                                                   \
	X(vips_init) X(vips_error_buffer) X(vips_error_clear) X(vips_cache_set_max)           \
	X(vips_concurrency_set) X(vips_block_untrusted_set) X(vips_operation_block_set)       \
	X(vips_image_new_from_buffer) X(vips_image_get_width) X(vips_image_get_height)        \
	X(vips_image_hasalpha) X(vips_thumbnail_buffer) X(vips_colourspace) X(vips_cast_uchar) \
	X(vips_pngsave_buffer) X(vips_jpegsave_buffer) X(g_object_unref) X(g_free)            \
	X(g_log_set_handler)

static struct {
#define VIPS_FIELD(name) __typeof__(name) *name;
	VIPS_FUNCTIONS(VIPS_FIELD)
#undef VIPS_FIELD
} lib;

static int vips_ready;

/* libvips's warnings (a truncated file, a chunk out of place) are about
 * uploads, which are refused with a message anyway: our log, at debug. */
static void vips_warning(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
	(void)domain;
	(void)level;
	(void)data;
	struct logline l;
	log_begin(&l, LOG_DEBUG, "libvips");
	log_str(&l, "message", message);
	log_end(&l);
}

/* Opens the libvips of the ABI the headers are for (glib's functions come
 * with it) and finds its functions; 0, or -1 logged. */
static int vips_open(void)
{
	char name[32];
	snprintf(name, sizeof name, "libvips.so.%d", VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
	void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		log_error("cannot open libvips", dlerror());
		return -1;
	}
#define VIPS_FIND(fn)                                                      \
	if ((lib.fn = (__typeof__(lib.fn))dlsym(h, #fn)) == NULL) {        \
		log_error("libvips lacks a function", #fn);                 \
		return -1;                                                 \
	}
	VIPS_FUNCTIONS(VIPS_FIND)
#undef VIPS_FIND
	return 0;
}

static void image_init(void)
{
	if (vips_open() != 0)
		return;
	if (lib.vips_init("samskab") != 0) {
		log_error("cannot start libvips", lib.vips_error_buffer());
		return;
	}
	lib.g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO, vips_warning,
			      NULL);
	lib.vips_cache_set_max(0);
	lib.vips_concurrency_set(1);
	/* No loader but the four above ever sees an upload. */
	lib.vips_block_untrusted_set(TRUE);
	lib.vips_operation_block_set("VipsForeignLoad", TRUE);
	for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++)
		lib.vips_operation_block_set(accepted[i].loader, FALSE);
	vips_ready = 1;
}

/* The loader for data's first bytes, or NULL. */
static const char *sniff(const unsigned char *data, size_t size)
{
	for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++)
		if (size >= accepted[i].at + accepted[i].n &&
		    memcmp(data + accepted[i].at, accepted[i].magic, accepted[i].n) == 0 &&
		    (accepted[i].at == 0 || memcmp(data, "RIFF", 4) == 0))
			return accepted[i].loader;
	return NULL;
}

static enum image_err vips_failed(const char *what)
{
	struct logline l;
	log_begin(&l, LOG_WARN, "image refused");
	log_str(&l, "during", what);
	log_str(&l, "error", lib.vips_error_buffer());
	log_end(&l);
	lib.vips_error_clear();
	return IMAGE_BROKEN;
}

/* Encodes img (sRGB, 8 bits, alpha or not) as the format, no metadata. */
static int encode(VipsImage *img, enum image_format f, struct image_variant *v)
{
	void *buf = NULL;
	size_t len = 0;
	int rc = f == IMAGE_PNG
			 ? lib.vips_pngsave_buffer(img, &buf, &len, "strip", TRUE, "compression", 9, "bitdepth", 8, NULL)
			 : lib.vips_jpegsave_buffer(img, &buf, &len, "strip", TRUE, "Q", 82, "optimize_coding", TRUE,
						"interlace", TRUE, NULL);
	if (rc != 0)
		return -1;
	v->bytes = buf;
	v->size = len;
	v->width = lib.vips_image_get_width(img);
	v->height = lib.vips_image_get_height(img);
	return 0;
}

/* One variant at most width wide: decoded again from data, shrunk while
 * decoding, upright, in sRGB. */
static enum image_err variant(const void *data, size_t size, int width, enum image_format *f,
			      struct image_variant *v)
{
	VipsImage *thumb = NULL, *srgb = NULL, *flat = NULL;
	enum image_err rc = IMAGE_OK;
	if (lib.vips_thumbnail_buffer((void *)data, size, &thumb, width, "height", VIPS_MAX_COORD, "size",
				  VIPS_SIZE_DOWN, "option_string", "fail_on=error", NULL) != 0) {
		rc = vips_failed("decode");
		goto out;
	}
	if (lib.vips_colourspace(thumb, &srgb, VIPS_INTERPRETATION_sRGB, NULL) != 0) {
		rc = vips_failed("colourspace");
		goto out;
	}
	/* Photos as JPEG; what has transparency stays PNG. */
	*f = lib.vips_image_hasalpha(srgb) ? IMAGE_PNG : IMAGE_JPEG;
	if (lib.vips_cast_uchar(srgb, &flat, NULL) != 0) {
		rc = vips_failed("cast");
		goto out;
	}
	if (encode(flat, *f, v) != 0)
		rc = vips_failed("encode");
out:
	if (flat)
		lib.g_object_unref(flat);
	if (srgb)
		lib.g_object_unref(srgb);
	if (thumb)
		lib.g_object_unref(thumb);
	return rc;
}

enum image_err image_process(const void *data, size_t size, struct image_result *out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	memset(out, 0, sizeof *out);
	if (size > IMAGE_MAX_BYTES)
		return IMAGE_TOO_LARGE;
	if (sniff(data, size) == NULL)
		return IMAGE_NOT_AN_IMAGE;
	pthread_once(&once, image_init);
	if (!vips_ready)
		return IMAGE_ERROR;
	/* The header alone: what the file claims, before any pixel. */
	VipsImage *head = lib.vips_image_new_from_buffer(data, size, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
	if (head == NULL)
		return vips_failed("header");
	long w = lib.vips_image_get_width(head), h = lib.vips_image_get_height(head);
	lib.g_object_unref(head);
	if (w < 1 || h < 1 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || w * h > IMAGE_MAX_PIXELS)
		return IMAGE_TOO_MANY_PIXELS;
	/* Widest first: its size says how many narrower ones to make. */
	struct image_variant widest;
	enum image_format f;
	enum image_err rc = variant(data, size, IMAGE_WIDTHS[IMAGE_NWIDTHS - 1], &f, &widest);
	if (rc != IMAGE_OK)
		return rc;
	int widths[IMAGE_NWIDTHS];
	int n = image_widths(widest.width, widths);
	out->format = f;
	for (int i = 0; i < n - 1; i++) {
		enum image_format fi;
		rc = variant(data, size, widths[i], &fi, &out->variants[out->nvariants]);
		if (rc != IMAGE_OK) {
			lib.g_free(widest.bytes);
			return rc;
		}
		out->nvariants++;
	}
	out->variants[out->nvariants++] = widest;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, widest.bytes, widest.size);
	for (int i = 0; i < IMAGE_HASH_LEN / 2; i++)
		snprintf(out->hash + 2 * i, 3, "%02x", digest[i]);
	return IMAGE_OK;
}

void image_result_free(struct image_result *r)
{
	for (int i = 0; i < r->nvariants; i++)
		lib.g_free(r->variants[i].bytes);
	r->nvariants = 0;
}
