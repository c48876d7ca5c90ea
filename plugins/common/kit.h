/* Helpers the kiosk's own plugins share: text templates, field checks, JSON text, the
 * program's places. Built into each plugin; includes only the plugin ABI, keeps no state. */
#ifndef KIOSK_PLUGIN_KIT_H
#define KIOSK_PLUGIN_KIT_H

#include <kiosk/plugin.h>

#include <stddef.h>
#include <stdlib.h>

#define KIT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The kit's own strings (kit.*, plugins/common/strings/) join every plugin's table at build
 * time (strings_embed). */

/* The host's sub-tables the kiosk's own plugins use, looked up once in create. */
struct kit_api {
    const struct kiosk_program_api *program;
    const struct kiosk_people_api *people;
    const struct kiosk_receipt_api *receipt;
    const struct kiosk_fair_api *fair;
};
/* KIOSK_E_UNAVAILABLE with err naming the first sub-table the host lacks. */
kiosk_status kit_api_open(const struct kiosk_host_api *h, struct kit_api *out, char *err,
                          size_t cap);

/* A plugin's state: size bytes zeroed, with the host table at h_off and the kit's sub-tables at
 * k_off filled (KIT_STATE_NEW names them by the struct's members h and k). On failure nothing
 * is kept: KIOSK_E_NOMEM, or kit_api_open's status with err set. */
kiosk_status kit_state_new(size_t size, size_t h_off, size_t k_off, const struct kiosk_host_api *h,
                           void **state, char *err, size_t cap);
#define KIT_STATE_NEW(type, host, state, err, cap)                                                 \
    kit_state_new(sizeof(type), offsetof(type, h), offsetof(type, k), host, state, err, cap)

/* The four lifecycle callbacks pfx_create, pfx_destroy, pfx_enter and pfx_leave of a plugin
 * whose state is `type` (with members h and k, see KIT_STATE_NEW) and whose first screen is 0:
 * create zeroes the state, destroy gives back what forget names then frees it, enter resets and
 * loads (reset(type *), load(type *, kiosk_ctx *)), leave resets. The host table is host. */
#define KIT_LIFECYCLE(pfx, type, host, forget, reset, load)                                        \
    static kiosk_status pfx##_create(kiosk_ctx *ctx, void **state, char *err, size_t err_cap)      \
    {                                                                                              \
        (void)ctx;                                                                                 \
        return KIT_STATE_NEW(type, host, state, err, err_cap);                                     \
    }                                                                                              \
    static void pfx##_destroy(void *state)                                                         \
    {                                                                                              \
        if (state)                                                                                 \
            forget((type *)state);                                                                 \
        free(state);                                                                               \
    }                                                                                              \
    static void pfx##_enter(void *state, kiosk_ctx *ctx)                                           \
    {                                                                                              \
        reset((type *)state);                                                                      \
        load((type *)state, ctx);                                                                  \
    }                                                                                              \
    static void pfx##_leave(void *state, kiosk_ctx *ctx)                                           \
    {                                                                                              \
        (void)ctx;                                                                                 \
        reset((type *)state);                                                                      \
    }

/* The events of kind this kiosk serves now, into out[0..max): the coordinator's choice alone
 * when there is one (*served 1), else those with a session going on, in the program's order
 * (*served 0). Returns how many. */
size_t kit_events_now(const struct kiosk_host_api *h, const struct kit_api *k, kiosk_ctx *ctx,
                      int kind, struct kiosk_event *out, size_t max, int *served);

/* "Quay lại" and the next step's button side by side: -1 back, 1 next, 0 neither tapped. */
int kit_nav_row(const struct kiosk_host_api *h, kiosk_ctx *ctx, const char *next_key);

/* One choice of a row of big buttons: its value and the key of its label. */
struct kit_choice {
    int value;
    const char *key;
};
/* Draws the n choices in one row, the current one highlighted, and returns the value now
 * chosen: a tapped one; with toggle, a second tap on the current one gives none. */
int kit_choice_row(const struct kiosk_host_api *h, kiosk_ctx *ctx, const struct kit_choice *c,
                   size_t n, int current, int toggle, int none);

/* out = tmpl with "{1}" replaced by a and "{2}" by b (NULL: left as is). Always ends. */
void kit_fill(char *out, size_t cap, const char *tmpl, const char *a, const char *b);
/* Appends part to a " · "-joined line (kit.join); an empty part adds nothing. */
void kit_join(const struct kiosk_host_api *h, kiosk_ctx *ctx, char *line, size_t cap,
              const char *part);
/* Trims spaces at both ends into out. */
void kit_trim(const char *in, char *out, size_t cap);
/* The local calendar year of the kiosk clock. */
int kit_year_now(const struct kiosk_host_api *h, kiosk_ctx *ctx);

/* Field checks: each returns 1 when the value is good (out filled), else 0 with *err set to
 * a string for people (the host's language). */
int kit_check_name(const struct kiosk_host_api *h, kiosk_ctx *ctx, const char *typed, char *out,
                   size_t cap, const char **err);
/* required 0: an empty phone is good and out is "". */
int kit_check_phone(const struct kiosk_host_api *h, kiosk_ctx *ctx, const char *typed, int required,
                    char out[KIOSK_PHONE_LEN], const char **err);
/* err_buf keeps a message built with numbers (the year range). */
int kit_check_year(const struct kiosk_host_api *h, kiosk_ctx *ctx, const char *typed, int required,
                   int *year, const char **err, char *err_buf, size_t err_cap);

/* A status the person should hear about after a failed write (full disk, read-only...). */
const char *kit_storage_error(const struct kiosk_host_api *h, kiosk_ctx *ctx, kiosk_status st);

/* JSON text: appends s as a quoted JSON string at out[*len]; returns 0 when it did not fit
 * (out stays terminated). */
int kit_json_append_str(char *out, size_t cap, size_t *len, const char *s);
int kit_json_append_raw(char *out, size_t cap, size_t *len, const char *raw);
/* The string value of a top-level key in a flat JSON object ("note"); 1 when found. */
int kit_json_get_str(const char *json, const char *key, char *out, size_t cap);

/* "word-prefix" match on folded text: every typed word starts a word of the text. */
int kit_folded_match(const char *folded_text, const char *folded_typed);

/* The communes named in the program (events' places), a choice list for address fields. */
#define KIT_MAX_PLACES 48
struct kit_place {
    char commune[KIOSK_PLACE_LEN];  /* "xã Mỹ Khánh" */
    char district[KIOSK_PLACE_LEN]; /* "huyện Phong Điền", may be empty */
    char province[KIOSK_PLACE_LEN]; /* "TP Cần Thơ" */
    char label[KIOSK_TEXT_LEN];     /* "xã Mỹ Khánh, huyện Phong Điền" */
    char folded[KIOSK_TEXT_LEN];
};
struct kit_places {
    struct kit_place items[KIT_MAX_PLACES];
    size_t count;
};
void kit_places_load(const struct kiosk_host_api *h, const struct kit_api *k, kiosk_ctx *ctx,
                     struct kit_places *out);
/* Indices of the places matching typed (all when typed is empty), at most max. */
size_t kit_places_match(const struct kiosk_host_api *h, const struct kit_places *places,
                        const char *typed, size_t *idx, size_t max);

/* An address field: the matching places to tap (above: the on-screen keyboard covers what
 * is below), then the text field that filters them. The place picked (or the text typed)
 * goes to commune/district/province. Returns 1 when a place was picked. */
#define KIT_PLACE_COLUMNS 3
struct kit_place_field {
    char typed[KIOSK_PLACE_LEN];
    int picked;   /* index + 1 of the picked place, 0: free text */
    int reopened; /* back on the step after a pick: the tiles show again to change it */
};
int kit_place_field(const struct kiosk_host_api *h, kiosk_ctx *ctx, const struct kit_places *places,
                    struct kit_place_field *f, const char *label, size_t max_shown);
/* Copies the picked place (or the typed text as commune) into a person. */
void kit_place_to_person(const struct kit_places *places, const struct kit_place_field *f,
                         struct kiosk_person *p);

#endif
