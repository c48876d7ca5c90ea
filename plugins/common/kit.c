/* Helpers the kiosk's own plugins share (see kit.h). */
#include "kit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy(char *out, size_t cap, const char *in)
{
    size_t n;

    if (cap == 0)
        return;
    n = strlen(in);
    if (n >= cap) {
        n = cap - 1;
        /* never cut inside a UTF-8 sequence */
        while (n > 0 && ((unsigned char)in[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, in, n);
    out[n] = '\0';
}

void kit_fill(char *out, size_t cap, const char *tmpl, const char *a, const char *b)
{
    size_t len = 0;

    if (cap == 0)
        return;
    out[0] = '\0';
    while (*tmpl && len + 1 < cap) {
        const char *arg = NULL;

        if (tmpl[0] == '{' && (tmpl[1] == '1' || tmpl[1] == '2') && tmpl[2] == '}')
            arg = tmpl[1] == '1' ? a : b;
        if (arg) {
            copy(out + len, cap - len, arg);
            len += strlen(out + len);
            tmpl += 3;
        } else {
            out[len++] = *tmpl++;
            out[len] = '\0';
        }
    }
    /* a cut in the middle of a character would show as garbage */
    while (len > 0 && ((unsigned char)out[len - 1] & 0xC0) == 0x80 && *tmpl)
        out[--len] = '\0';
    if (len > 0 && ((unsigned char)out[len - 1] & 0xC0) == 0xC0 && *tmpl)
        out[--len] = '\0';
}

void kit_join(const struct kiosk_host_api *h, kiosk_ctx *ctx, char *line, size_t cap,
              const char *part)
{
    char joined[1024];

    if (!part || !part[0])
        return;
    if (!line[0]) {
        copy(line, cap, part);
        return;
    }
    kit_fill(joined, sizeof joined, h->tr(ctx, "kit.join"), line, part);
    copy(line, cap, joined);
}

void kit_trim(const char *in, char *out, size_t cap)
{
    size_t n;

    while (*in == ' ' || *in == '\t' || *in == '\n')
        in++;
    copy(out, cap, in);
    n = strlen(out);
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t' || out[n - 1] == '\n'))
        out[--n] = '\0';
}

int kit_year_now(const struct kiosk_host_api *h, kiosk_ctx *ctx)
{
    char buf[16];

    h->format_time(ctx, h->now_ms(ctx), "%Y", buf, sizeof buf);
    return atoi(buf);
}

static int has_letter(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        /* any non-ASCII byte is part of a letter in the names people type here */
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return 1;
    }
    return 0;
}

int kit_check_name(const struct kiosk_host_api *h, kiosk_ctx *ctx, const char *typed, char *out,
                   size_t cap, const char **err)
{
    h->name_tidy(typed, out, cap);
    if (out[0] == '\0') {
        *err = h->tr(ctx, "kit.err.name_empty");
        return 0;
    }
    if (!has_letter(out)) {
        *err = h->tr(ctx, "kit.err.name_letters");
        return 0;
    }
    for (const char *d = out; *d; d++) { /* the store refuses it too (vn_name_has_digit) */
        if (*d >= '0' && *d <= '9') {
            *err = h->tr(ctx, "kit.err.name_digits");
            return 0;
        }
    }
    *err = NULL;
    return 1;
}

int kit_check_phone(const struct kiosk_host_api *h, kiosk_ctx *ctx, const char *typed, int required,
                    char out[KIOSK_PHONE_LEN], const char **err)
{
    char trimmed[64];
    const char *why = NULL;

    kit_trim(typed, trimmed, sizeof trimmed);
    out[0] = '\0';
    *err = NULL;
    if (trimmed[0] == '\0') {
        if (!required)
            return 1;
        *err = h->tr(ctx, "kit.err.phone_empty");
        return 0;
    }
    if (h->phone_normalise(ctx, trimmed, out, &why) != KIOSK_OK) {
        out[0] = '\0';
        *err = why ? why : h->tr(ctx, "kit.err.phone_empty");
        return 0;
    }
    return 1;
}

int kit_check_year(const struct kiosk_host_api *h, kiosk_ctx *ctx, const char *typed, int required,
                   int *year, const char **err, char *err_buf, size_t err_cap)
{
    char trimmed[16];
    char lo[16], hi[16];
    int now = kit_year_now(h, ctx);
    int min_year = now - 100, max_year = now - 10; /* trainees and visitors are adults or teens */
    int y = 0;
    size_t i;

    kit_trim(typed, trimmed, sizeof trimmed);
    *year = 0;
    *err = NULL;
    if (trimmed[0] == '\0') {
        if (!required)
            return 1;
        *err = h->tr(ctx, "kit.err.year_empty");
        return 0;
    }
    for (i = 0; trimmed[i]; i++) {
        if (trimmed[i] < '0' || trimmed[i] > '9' || i >= 4) {
            *err = h->tr(ctx, "kit.err.year_empty");
            return 0;
        }
        y = y * 10 + (trimmed[i] - '0');
    }
    if (i != 4) {
        *err = h->tr(ctx, "kit.err.year_empty");
        return 0;
    }
    if (y < min_year || y > max_year) {
        snprintf(lo, sizeof lo, "%d", min_year);
        snprintf(hi, sizeof hi, "%d", max_year);
        kit_fill(err_buf, err_cap, h->tr(ctx, "kit.err.year_bad"), lo, hi);
        *err = err_buf;
        return 0;
    }
    *year = y;
    return 1;
}

const char *kit_storage_error(const struct kiosk_host_api *h, kiosk_ctx *ctx, kiosk_status st)
{
    if (st == KIOSK_E_FULL)
        return h->tr(ctx, "kit.err.full_disk");
    if (st == KIOSK_E_READONLY) /* a read-only card, a folder gone: not "full" */
        return h->tr(ctx, "kit.err.readonly");
    return h->tr(ctx, "kit.err.storage");
}

int kit_json_append_raw(char *out, size_t cap, size_t *len, const char *raw)
{
    size_t n = strlen(raw);

    if (*len + n + 1 > cap)
        return 0;
    memcpy(out + *len, raw, n + 1);
    *len += n;
    return 1;
}

int kit_json_append_str(char *out, size_t cap, size_t *len, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t start = *len;

    if (!kit_json_append_raw(out, cap, len, "\""))
        return 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];

        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            esc[2] = '\0';
        } else if (c < 0x20) {
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            esc[6] = '\0';
        } else {
            esc[0] = (char)c;
            esc[1] = '\0';
        }
        if (!kit_json_append_raw(out, cap, len, esc)) {
            *len = start;
            out[start] = '\0';
            return 0;
        }
    }
    if (!kit_json_append_raw(out, cap, len, "\"")) {
        *len = start;
        out[start] = '\0';
        return 0;
    }
    return 1;
}

/* Reads a JSON string starting at the opening quote into out; returns the char after it. */
static const char *json_read_str(const char *p, char *out, size_t cap)
{
    size_t n = 0;

    p++;
    while (*p && *p != '"') {
        char c = *p++;

        if (c == '\\' && *p) {
            char e = *p++;
            c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
            if (e == 'u') {
                /* only the control characters kit_json_append_str writes */
                unsigned v = 0;
                int i;
                for (i = 0; i < 4 && *p; i++, p++) {
                    char d = *p;
                    v = v * 16 + (unsigned)(d >= 'a'   ? d - 'a' + 10
                                            : d >= 'A' ? d - 'A' + 10
                                                       : d - '0');
                }
                c = v < 0x80 ? (char)v : '?';
            }
        }
        if (out && n + 1 < cap)
            out[n++] = c;
    }
    if (out && cap)
        out[n] = '\0';
    return *p == '"' ? p + 1 : p;
}

int kit_json_get_str(const char *json, const char *key, char *out, size_t cap)
{
    const char *p = json;
    size_t klen = strlen(key);
    int depth = 0;

    if (!json)
        return 0;
    while (*p) {
        if (*p == '"') {
            char name[64];
            const char *after = json_read_str(p, name, sizeof name);
            const char *q = after;

            while (*q == ' ')
                q++;
            if (depth == 1 && *q == ':' && strlen(name) == klen && strcmp(name, key) == 0) {
                q++;
                while (*q == ' ')
                    q++;
                if (*q != '"')
                    return 0;
                json_read_str(q, out, cap);
                return 1;
            }
            p = after;
            continue;
        }
        if (*p == '{' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ']')
            depth--;
        p++;
    }
    return 0;
}

int kit_folded_match(const char *text, const char *typed)
{
    const char *t = typed;

    while (*t == ' ')
        t++;
    while (*t) {
        char word[64];
        size_t n = 0;
        const char *s;
        int found = 0;

        while (*t && *t != ' ' && n + 1 < sizeof word)
            word[n++] = *t++;
        word[n] = '\0';
        while (*t && *t != ' ')
            t++;
        while (*t == ' ')
            t++;
        for (s = text; *s; s++) {
            if ((s == text || s[-1] == ' ' || s[-1] == ',') && strncmp(s, word, n) == 0) {
                found = 1;
                break;
            }
        }
        if (!found)
            return 0;
    }
    return 1;
}

kiosk_status kit_api_open(const struct kiosk_host_api *h, struct kit_api *out, char *err,
                          size_t cap)
{
    const char *missing = NULL;

    /* version 1 is enough: the calls of version 2 (presence, checkout undo; the fair's
     * stats_async) are used only when KIOSK_API_HAS finds them */
    out->program = (const struct kiosk_program_api *)h->api(KIOSK_PROGRAM_API, 1);
    out->people = KIOSK_API_GET(h, people, PEOPLE);
    out->receipt = KIOSK_API_GET(h, receipt, RECEIPT);
    out->fair = (const struct kiosk_fair_api *)h->api(KIOSK_FAIR_API, 1);
    if (!out->program)
        missing = KIOSK_PROGRAM_API;
    else if (!out->people)
        missing = KIOSK_PEOPLE_API;
    else if (!out->receipt)
        missing = KIOSK_RECEIPT_API;
    else if (!out->fair)
        missing = KIOSK_FAIR_API;
    if (!missing)
        return KIOSK_OK;
    snprintf(err, cap, "the kiosk offers no '%s' sub-table of version 1", missing);
    return KIOSK_E_UNAVAILABLE;
}

kiosk_status kit_state_new(size_t size, size_t h_off, size_t k_off, const struct kiosk_host_api *h,
                           void **state, char *err, size_t cap)
{
    unsigned char *p = calloc(1, size);
    if (!p)
        return KIOSK_E_NOMEM;
    memcpy(p + h_off, &h, sizeof h);
    kiosk_status st = kit_api_open(h, (struct kit_api *)(void *)(p + k_off), err, cap);
    if (st != KIOSK_OK) {
        free(p);
        return st;
    }
    *state = p;
    return KIOSK_OK;
}

size_t kit_events_now(const struct kiosk_host_api *h, const struct kit_api *k, kiosk_ctx *ctx,
                      int kind, struct kiosk_event *out, size_t max, int *served)
{
    const struct kiosk_program_api *pg = k->program;
    struct kiosk_array all;
    size_t n = 0;
    *served = max > 0 && pg->event_served(ctx, kind, &out[0], sizeof out[0]) == KIOSK_OK;
    if (*served)
        return 1;
    if (max == 0 || pg->events_list(ctx, kind, &all) != KIOSK_OK)
        return 0;
    for (size_t i = 0; i < all.count && n < max; i++) {
        const struct kiosk_event *one = KIOSK_AT(all, const struct kiosk_event, i);
        struct kiosk_session sess;
        if (pg->session_current(ctx, one->id, &sess, sizeof sess) == KIOSK_OK)
            out[n++] = *one;
    }
    h->free_mem(all.items);
    return n;
}

int kit_nav_row(const struct kiosk_host_api *h, kiosk_ctx *ctx, const char *next_key)
{
    int r = 0;
    h->ui_row_begin(ctx, 2);
    if (h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL))
        r = -1;
    if (h->ui_button(ctx, h->tr(ctx, next_key), KIOSK_STYLE_PRIMARY))
        r = 1;
    h->ui_row_end(ctx);
    return r;
}

int kit_choice_row(const struct kiosk_host_api *h, kiosk_ctx *ctx, const struct kit_choice *c,
                   size_t n, int current, int toggle, int none)
{
    int chosen = current;
    h->ui_row_begin(ctx, (int)n);
    for (size_t i = 0; i < n; i++) {
        int on = current == c[i].value;
        if (h->ui_button(ctx, h->tr(ctx, c[i].key), on ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL))
            chosen = on && toggle ? none : c[i].value;
    }
    h->ui_row_end(ctx);
    return chosen;
}

void kit_places_load(const struct kiosk_host_api *h, const struct kit_api *k, kiosk_ctx *ctx,
                     struct kit_places *out)
{
    struct kiosk_array events;
    size_t i, j;

    out->count = 0;
    if (k->program->events_list(ctx, 0, &events) != KIOSK_OK)
        return;
    for (i = 0; i < events.count && out->count < KIT_MAX_PLACES; i++) {
        const struct kiosk_event *ev = KIOSK_AT(events, const struct kiosk_event, i);
        const char *place = ev->place;
        const char *comma = strchr(place, ',');
        struct kit_place *pl = &out->items[out->count];
        int dup = 0;
        size_t n;

        /* a place without a comma names a province or a city only: no commune to offer */
        if (!comma)
            continue;
        n = (size_t)(comma - place);
        if (n >= sizeof pl->commune)
            n = sizeof pl->commune - 1;
        memcpy(pl->commune, place, n);
        pl->commune[n] = '\0';
        kit_trim(comma + 1, pl->district, sizeof pl->district);
        copy(pl->province, sizeof pl->province, ev->province);
        copy(pl->label, sizeof pl->label, place);
        for (j = 0; j < out->count; j++)
            if (strcmp(out->items[j].commune, pl->commune) == 0)
                dup = 1;
        if (dup)
            continue;
        h->fold(pl->label, pl->folded, sizeof pl->folded);
        out->count++;
    }
    h->free_mem(events.items);
}

size_t kit_places_match(const struct kiosk_host_api *h, const struct kit_places *places,
                        const char *typed, size_t *idx, size_t max)
{
    char folded[KIOSK_TEXT_LEN];
    size_t i, n = 0;

    h->fold(typed, folded, sizeof folded);
    for (i = 0; i < places->count && n < max; i++)
        if (folded[0] == '\0' || kit_folded_match(places->items[i].folded, folded))
            idx[n++] = i;
    return n;
}

int kit_place_field(const struct kiosk_host_api *h, kiosk_ctx *ctx, const struct kit_places *places,
                    struct kit_place_field *f, const char *label, size_t max_shown)
{
    size_t idx[KIT_MAX_PLACES];
    size_t n, i;
    int picked = 0;

    if (max_shown > KIT_MAX_PLACES)
        max_shown = KIT_MAX_PLACES;
    /* The choices above the field: the on-screen keyboard covers what is below it. A place
     * picked on an earlier visit shows the tiles again (to change it), the picked one among
     * them; just picked, they give way to the field and the way on. */
    n = f->picked && !f->reopened
            ? 0
            : kit_places_match(h, places, f->picked ? "" : f->typed, idx, max_shown);
    if (f->picked > 0 && n > 0) {
        size_t want = (size_t)f->picked - 1;
        for (i = 0; i < n && idx[i] != want; i++)
            ;
        if (i == n)
            idx[n - 1] = want;
    }
    for (i = 0; i < n; i++) {
        const struct kit_place *pl = &places->items[idx[i]];

        if (i % KIT_PLACE_COLUMNS == 0)
            h->ui_row_begin(ctx, KIT_PLACE_COLUMNS);
        if (h->ui_list_item(ctx, pl->commune, pl->district)) {
            copy(f->typed, sizeof f->typed, pl->commune);
            f->picked = (int)idx[i] + 1;
            f->reopened = 0;
            picked = 1;
        }
        if (i % KIT_PLACE_COLUMNS == KIT_PLACE_COLUMNS - 1 || i + 1 == n)
            h->ui_row_end(ctx);
    }
    if (h->ui_field(ctx, label, f->typed, sizeof f->typed, KIOSK_FIELD_TEXT, NULL))
        f->picked = f->reopened = 0;
    return picked;
}

void kit_place_to_person(const struct kit_places *places, const struct kit_place_field *f,
                         struct kiosk_person *p)
{
    if (f->picked > 0 && (size_t)f->picked <= places->count) {
        const struct kit_place *pl = &places->items[f->picked - 1];
        copy(p->commune, sizeof p->commune, pl->commune);
        copy(p->district, sizeof p->district, pl->district);
        copy(p->province, sizeof p->province, pl->province);
        return;
    }
    kit_trim(f->typed, p->commune, sizeof p->commune);
}
