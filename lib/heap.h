/*
 * heap.h - the library's one priority queue (heap.c): a binary heap of
 * fixed-size items in the order of the caller's `before`, for Dijkstra's
 * algorithm (dijkstra.c) and for keeping the k best of a stream (gaps.c,
 * the latent collaborations).
 *
 * The top is the item that comes first: no other item is before it. Give
 * `before` a total order (settle ties, e.g. by id) and the items come out
 * the same way on every run. A heap filled by mgi_heap_push holds a fixed
 * number of items, reserved up front (a Dijkstra pushes at most once per
 * arc, plus the source), so a push never fails; mgi_heap_keep grows it as
 * needed up to its bound.
 *
 * Complexity: push, pop and keep O(log n) calls of `before`; memory n items.
 */
#ifndef MG_HEAP_H
#define MG_HEAP_H

#include <stddef.h>

/* Nonzero when x comes out of the heap before y. */
typedef int (*mgi_heap_before)(const void *x, const void *y);

typedef struct mgi_heap {
    unsigned char *items;
    size_t n, cap, size;
    mgi_heap_before before;
} mgi_heap;

/* An empty heap of items of `size` bytes with room for cap of them (0: none
 * yet). Returns 0, or -1 when out of memory. */
int mgi_heap_init(mgi_heap *h, size_t size, mgi_heap_before before, size_t cap);
/* Copies an item in; the heap must have room (n < cap). */
void mgi_heap_push(mgi_heap *h, const void *item);
/* Copies the top out to `out` and removes it; the heap must not be empty. */
void mgi_heap_pop(mgi_heap *h, void *out);
/*
 * Bounded mode, the k items that come last of all those offered: while it
 * holds fewer than k, the item goes in; then it replaces the top (the first
 * of the kept) if the top is before it, and is dropped otherwise. With
 * `before` meaning "worse than", the heap keeps the k best, in memory O(k).
 * Returns 0, or -1 when out of memory (the heap is unchanged).
 */
int mgi_heap_keep(mgi_heap *h, const void *item, size_t k);
/* The i-th item held (0 <= i < n), in no particular order but the top first. */
const void *mgi_heap_at(const mgi_heap *h, size_t i);
/* Empties the heap and keeps its memory. */
void mgi_heap_clear(mgi_heap *h);
void mgi_heap_free(mgi_heap *h);

#endif
