/*
 * heap.c - the binary heap of heap.h (Williams 1964): item i's children are
 * 2i+1 and 2i+2, and no child comes before its parent. Both sifts move a
 * hole rather than swapping, so an item is copied once per level.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "heap.h"
#include "util.h"

static unsigned char *slot(const mgi_heap *h, size_t i)
{
    return h->items + i * h->size;
}

/* Puts `item` at the hole i or above it. */
static void sift_up(mgi_heap *h, size_t i, const void *item)
{
    while (i && h->before(item, slot(h, (i - 1) / 2))) {
        memcpy(slot(h, i), slot(h, (i - 1) / 2), h->size);
        i = (i - 1) / 2;
    }
    memcpy(slot(h, i), item, h->size);
}

/* Puts `item` at the hole i or below it; `item` may be the slot at n. */
static void sift_down(mgi_heap *h, size_t i, const void *item)
{
    for (;;) {
        size_t c = 2 * i + 1;

        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->before(slot(h, c + 1), slot(h, c)))
            c++;
        if (!h->before(slot(h, c), item))
            break;
        memcpy(slot(h, i), slot(h, c), h->size);
        i = c;
    }
    memcpy(slot(h, i), item, h->size);
}

int mgi_heap_init(mgi_heap *h, size_t size, mgi_heap_before before, size_t cap)
{
    memset(h, 0, sizeof *h);
    h->size = size;
    h->before = before;
    if (cap && !(h->items = malloc(cap * size)))
        return -1;
    h->cap = cap;
    return 0;
}

void mgi_heap_push(mgi_heap *h, const void *item)
{
    sift_up(h, h->n++, item);
}

void mgi_heap_pop(mgi_heap *h, void *out)
{
    memcpy(out, slot(h, 0), h->size);
    /* the last item fills the hole at the top; its slot, now past the end,
     * is read while the hole sinks but never written */
    if (--h->n)
        sift_down(h, 0, slot(h, h->n));
}

int mgi_heap_keep(mgi_heap *h, const void *item, size_t k)
{
    if (h->n < k) {
        if (mgi_grow(&h->items, &h->cap, h->n + 1, h->size) < 0)
            return -1;
        mgi_heap_push(h, item);
    } else if (h->n && h->before(slot(h, 0), item)) {
        sift_down(h, 0, item);
    }
    return 0;
}

const void *mgi_heap_at(const mgi_heap *h, size_t i)
{
    return slot(h, i);
}

void mgi_heap_clear(mgi_heap *h)
{
    h->n = 0;
}

void mgi_heap_free(mgi_heap *h)
{
    free(h->items);
    memset(h, 0, sizeof *h);
}
