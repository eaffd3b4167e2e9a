/*
 * heap.c - the binary min-heap of heap.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "heap.h"

static int before(const mgi_heap_item *x, const mgi_heap_item *y)
{
    return x->key < y->key || (x->key == y->key && x->id < y->id);
}

int mgi_heap_init(mgi_heap *h, size_t cap)
{
    h->n = 0;
    h->cap = cap;
    h->items = malloc((cap ? cap : 1) * sizeof *h->items);
    return h->items ? 0 : -1;
}

void mgi_heap_push(mgi_heap *h, double key, mgi_id id)
{
    mgi_heap_item it = { key, id };
    size_t i = h->n++;

    while (i && before(&it, &h->items[(i - 1) / 2])) {
        h->items[i] = h->items[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->items[i] = it;
}

mgi_heap_item mgi_heap_pop(mgi_heap *h)
{
    mgi_heap_item top = h->items[0], last = h->items[--h->n];
    size_t i = 0;

    for (;;) {
        size_t c = 2 * i + 1;

        if (c >= h->n)
            break;
        if (c + 1 < h->n && before(&h->items[c + 1], &h->items[c]))
            c++;
        if (!before(&h->items[c], &last))
            break;
        h->items[i] = h->items[c];
        i = c;
    }
    if (h->n)
        h->items[i] = last;
    return top;
}

void mgi_heap_free(mgi_heap *h)
{
    free(h->items);
    memset(h, 0, sizeof *h);
}
