/*
 * hash.c - the open-addressing hash map of hash.h, and the hash functions
 * every user of it shares.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

uint64_t mgi_hash_more(uint64_t h, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) { /* FNV-1a */
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

uint64_t mgi_hash_bytes(const char *s, size_t n)
{
    return mgi_hash_more(MGI_HASH_START, s, n);
}

uint64_t mgi_hash_mix(uint64_t x)
{
    /* splitmix64 finaliser: spreads packed id pairs over the table */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

uint64_t mgi_hash_pair(mgi_id a, mgi_id b, unsigned salt)
{
    return mgi_hash_mix(((uint64_t)a << 32 | b) ^ ((uint64_t)salt << 61));
}

mgi_id mgi_map_get(const mgi_map *map, uint64_t h, mgi_map_eq eq, const void *ctx)
{
    size_t mask, i;

    if (!map->cap)
        return MGI_NONE;
    mask = map->cap - 1;
    for (i = (size_t)h & mask; map->ids[i] != MGI_NONE; i = (i + 1) & mask)
        if (map->hashes[i] == h && eq(ctx, map->ids[i]))
            return map->ids[i];
    return MGI_NONE;
}

void mgi_map_prefetch(const mgi_map *map, uint64_t h)
{
    size_t i;

    if (!map->cap)
        return;
    i = (size_t)h & (map->cap - 1);
    MGI_PREFETCH(&map->ids[i]);
    MGI_PREFETCH(&map->hashes[i]);
}

mgi_id mgi_map_peek(const mgi_map *map, uint64_t h)
{
    return mgi_map_get(map, h, mgi_map_same_hash, NULL);
}

static void map_place(mgi_map *map, uint64_t h, mgi_id id)
{
    size_t mask = map->cap - 1, i;

    for (i = (size_t)h & mask; map->ids[i] != MGI_NONE; i = (i + 1) & mask)
        ;
    map->hashes[i] = h;
    map->ids[i] = id;
    map->n++;
}

static int map_resize(mgi_map *map, size_t cap)
{
    mgi_map bigger = { NULL, NULL, cap, 0 };
    size_t i;

    bigger.hashes = malloc(cap * sizeof *bigger.hashes);
    bigger.ids = malloc(cap * sizeof *bigger.ids);
    if (!bigger.hashes || !bigger.ids) {
        free(bigger.hashes);
        free(bigger.ids);
        return -1;
    }
    for (i = 0; i < cap; i++)
        bigger.ids[i] = MGI_NONE;
    for (i = 0; i < map->cap; i++)
        if (map->ids[i] != MGI_NONE)
            map_place(&bigger, map->hashes[i], map->ids[i]);
    free(map->hashes);
    free(map->ids);
    *map = bigger;
    return 0;
}

int mgi_map_put(mgi_map *map, uint64_t h, mgi_id id)
{
    if ((map->n + 1) * 2 > map->cap) {
        size_t cap = map->cap ? map->cap * 2 : 64;

        if (cap < map->cap || map_resize(map, cap) < 0)
            return -1;
    }
    map_place(map, h, id);
    return 0;
}

void mgi_map_clear(mgi_map *map)
{
    size_t i;

    for (i = 0; i < map->cap; i++)
        map->ids[i] = MGI_NONE;
    map->n = 0;
}

void mgi_map_free(mgi_map *map)
{
    free(map->hashes);
    free(map->ids);
    memset(map, 0, sizeof *map);
}

int mgi_map_same_hash(const void *ctx, mgi_id id)
{
    (void)ctx;
    (void)id;
    return 1;
}
