/*
 * hash.h - the library's one hash table (hash.c): an open-addressing map
 * from 64-bit hashes to ids, with linear probing and at most half full.
 *
 * The map stores only the hash and the id; the caller keeps the keys (names
 * in the model's arrays, pairs of ids, ...) and tells equal keys apart with
 * an `eq` callback on look-up, so one table serves every kind of key.
 * Where the 64-bit hash is the whole key (a packed pair, say), pass
 * mgi_map_same_hash as `eq`.
 *
 * Complexity: get and put O(1) expected; the table doubles when it would
 * be more than half full. Memory: 12 bytes a slot.
 */
#ifndef MG_HASH_H
#define MG_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "mlopsgraph.h"

/* A hint that *p will be read soon (nothing where the compiler has no such
 * builtin). */
#if defined(__GNUC__)
#define MGI_PREFETCH(p) __builtin_prefetch(p)
#else
#define MGI_PREFETCH(p) ((void)(p))
#endif

typedef uint32_t mgi_id;
#define MGI_NONE UINT32_MAX

typedef struct mgi_map {
    uint64_t *hashes;
    mgi_id *ids;
    size_t cap; /* a power of two, or 0 before the first put */
    size_t n;
} mgi_map;

/* Is the key of `id` the key being looked for (ctx describes it)? */
typedef int (*mgi_map_eq)(const void *ctx, mgi_id id);

/* The id stored under hash h whose key eq accepts, or MGI_NONE. */
mgi_id mgi_map_get(const mgi_map *map, uint64_t h, mgi_map_eq eq, const void *ctx);
/* Stores id under h (a second id under an equal key is the caller's
 * business: look up first). Returns 0, or -1 when out of memory (the map is
 * unchanged). */
int mgi_map_put(mgi_map *map, uint64_t h, mgi_id id);
/* Look-ahead, for callers that know a batch of look-ups to come: fetch the
 * slot where hash h starts into the cache (mgi_map_prefetch), and the
 * first id stored under h, or MGI_NONE (mgi_map_peek: a candidate only,
 * its key unchecked). Neither changes the map. */
void mgi_map_prefetch(const mgi_map *map, uint64_t h);
mgi_id mgi_map_peek(const mgi_map *map, uint64_t h);
/* Forgets every entry and keeps the memory. */
void mgi_map_clear(mgi_map *map);
void mgi_map_free(mgi_map *map);
/* An eq for keys that are their own hash. */
int mgi_map_same_hash(const void *ctx, mgi_id id);

/* FNV-1a of n bytes; mgi_hash_more continues a hash over more bytes, from
 * MGI_HASH_START: hashing "ab" equals hashing "a", then "b". */
#define MGI_HASH_START 1469598103934665603ULL
uint64_t mgi_hash_bytes(const char *s, size_t n);
uint64_t mgi_hash_more(uint64_t h, const char *s, size_t n);
/* The splitmix64 finaliser: spreads packed integers over the table. */
uint64_t mgi_hash_mix(uint64_t x);
/* A pair of ids, salted so that different kinds of pair differ. */
uint64_t mgi_hash_pair(mgi_id a, mgi_id b, unsigned salt);

#endif
