/* The report summary's numbers: one row an event (classes first, then fairs, each by start),
 * counted by SQL over the store, and the fairs' interests as columns. Never writes files;
 * internal to kiosk/core/export. */
#ifndef KIOSK_EXPORT_SUMMARY_DATA_H
#define KIOSK_EXPORT_SUMMARY_DATA_H

#include "store/store.h"

struct summary_row {
    struct kiosk_event event;
    int sessions;   /* planned */
    int held;       /* sessions with a check-in, or started before now */
    int registered; /* registrations holding a seat (registered, walk-in) */
    int attended;   /* came at least once */
    int all;        /* came to every session held */
    int walkins;
    int visitors;   /* fairs: people registered at or visiting the booth */
    int returning;  /* fairs: visits on two days or more */
    int *interests; /* fairs: per summary interest column */
};

struct summary {
    struct summary_row *rows;
    size_t count;
    size_t classes;   /* rows[0..classes) are classes */
    char **interests; /* interest columns: the fairs' lists, then any other picked */
    size_t interest_count;
};

kiosk_status summary_load(store *s, int64_t now_ms, struct summary *out);
void summary_release(struct summary *sum);

#endif
