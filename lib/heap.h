/*
 * heap.h - the library's one priority queue (heap.c): a binary min-heap of
 * (key, id) items, for Dijkstra's algorithm (dijkstra.c).
 *
 * Items come out in order of key, and among equal keys in order of id, so
 * every search that uses the heap settles ties the same way on every run.
 * The heap holds a fixed number of items, reserved up front (a Dijkstra
 * pushes at most once per arc, plus the source), so a push never fails.
 *
 * Complexity: push and pop O(log n); memory 16 bytes an item.
 */
#ifndef MG_HEAP_H
#define MG_HEAP_H

#include <stddef.h>

#include "hash.h"

typedef struct mgi_heap_item {
    double key;
    mgi_id id;
} mgi_heap_item;

typedef struct mgi_heap {
    mgi_heap_item *items;
    size_t n, cap;
} mgi_heap;

/* Room for cap items. Returns 0, or -1 when out of memory. */
int mgi_heap_init(mgi_heap *h, size_t cap);
/* Adds an item; the heap must have room (n < cap). */
void mgi_heap_push(mgi_heap *h, double key, mgi_id id);
/* Removes and returns the least item; the heap must not be empty. */
mgi_heap_item mgi_heap_pop(mgi_heap *h);
void mgi_heap_free(mgi_heap *h);

#endif
