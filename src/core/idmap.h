/*
 * idmap.h: a hash map from a 64-bit id (a database or Pol.is id) to a
 * 32-bit index, for numbering the participants and statements of a
 * dialogue densely. Open addressing with linear probing; a lookup does
 * not depend on insertion order, so results built with it are
 * deterministic.
 */
#ifndef SAMSKAB_CORE_IDMAP_H
#define SAMSKAB_CORE_IDMAP_H

#include <stddef.h>
#include <stdint.h>

#define IDMAP_NONE UINT32_MAX

struct idmap;

struct idmap *idmap_new(void);
void idmap_free(struct idmap *m);
/* The index stored for id, or IDMAP_NONE. */
uint32_t idmap_get(const struct idmap *m, int64_t id);
/* Stores index (not IDMAP_NONE) for id, replacing what was there. */
void idmap_put(struct idmap *m, int64_t id, uint32_t index);
size_t idmap_count(const struct idmap *m);

#endif
