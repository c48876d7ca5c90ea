/* kioskctl receipt: list the stored receipts (for reprints and look-ups), verify a text
 * offline, write one as a picture (its QR, and the class, place and session to come to under
 * it, as the receipt screen shows them). Names are printed by `list` only: the coordinator's
 * own look-up, never a log. */
#include "ctl.h"
#include "kiosk_png.h"
#include "i18n.h"
#include "receipt/picture.h"
#include "receipt/qr.h"
#include "receipt/receipt.h"
#include "sdl_text_lazy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int receipt_list_cmd(struct ctl *c, int argc, char **argv)
{
    const char *event = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--event") == 0) {
            event = ctl_flag_value(argc, argv, &i);
            if (!event)
                return CTL_USAGE;
        } else {
            ctl_error("unknown argument '%s'", argv[i]);
            return CTL_USAGE;
        }
    }
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    struct receipt_row *rows = NULL;
    size_t n = 0;
    kiosk_status st = receipt_list(s, event, &rows, &n);
    if (st == KIOSK_E_NOT_FOUND) {
        ctl_error("no event with code '%s' (kioskctl event list shows the codes)", event);
        return CTL_REFUSED;
    }
    if (st != KIOSK_OK) {
        ctl_error("cannot read the receipts in '%s': %s", store_path(s), kiosk_status_name(st));
        return CTL_REFUSED;
    }
    for (size_t i = 0; i < n; i++)
        printf("%s\t%s\t%s\t%s\n", rows[i].r.short_code, receipt_kind_name(rows[i].r.kind),
               rows[i].person_name, rows[i].r.text);
    free(rows);
    return CTL_OK;
}

static int receipt_verify_cmd(struct ctl *c, int argc, char **argv)
{
    if (argc != 1)
        return CTL_USAGE;
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    struct kiosk_receipt r;
    const char *why = NULL;
    char detail[256] = "";
    kiosk_status st = receipt_verify(s, argv[0], &r, &why, detail, sizeof detail);
    if (st != KIOSK_OK) {
        ctl_error("receipt refused: %s", detail[0] ? detail : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    char title[KIOSK_TEXT_LEN] = "", kiosk_id[KIOSK_ID_LEN] = "?", when[64];
    int own = 0;
    receipt_event_title(s, r.event_id, title, sizeof title);
    receipt_key_kiosk(s, r.key_id, kiosk_id, &own);
    struct tm tm;
    kiosk_local_tm(r.issued_at_ms, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S %Z", &tm);
    printf("valid receipt %s\n", r.short_code);
    printf("kind: %s\n", receipt_kind_name(r.kind));
    printf("event: %s (%s)\n", r.event_code, title);
    if (r.session_number > 0)
        printf("session: %d\n", r.session_number);
    else
        printf("session: none\n");
    printf("issued: %s\n", when);
    printf("kiosk: %s (key %s%s)\n", kiosk_id, r.key_id, own ? ", this kiosk" : "");
    printf("stored here: %s\n", r.person_id[0] ? "yes" : "no");
    return CTL_OK;
}

/* The picture's text in the kiosk's font through SDL_ttf opened on first use. */
struct png_text {
    char font[4096];
    struct i18n *t;
    char why[512]; /* the first failure */
};

static const char *png_tr(void *user, const char *key)
{
    return i18n_tr(((struct png_text *)user)->t, key);
}

static kiosk_status png_raster(void *user, const char *text, int font_px, int max_width_px,
                               uint8_t **out, int *width, int *height)
{
    struct png_text *pt = user;
    return sdl_text_lazy_raster(pt->font, text, font_px, max_width_px, out, width, height, pt->why,
                                sizeof pt->why);
}

/* The QR with the words of the receipt screen under it; the QR alone when no text can be
 * rendered here (said on stderr). */
static kiosk_status write_picture(store *s, const struct receipt_row *row, const char *lang,
                                  const char *out, int *w, int *h)
{
    struct png_text pt = {0};
    char dir[4096];
    /* bold, as the paper's (the kiosk's text_raster): thin strokes blur in a phone's photo */
    kiosk_data_path("fonts/NotoSans-Bold.ttf", pt.font, sizeof pt.font);
    kiosk_data_path("assets/strings", dir, sizeof dir);
    if (i18n_open(dir, lang, &pt.t) != KIOSK_OK || !pt.t)
        return KIOSK_E_NOMEM;
    /* 0644: the picture holds the signed text and the class, no name or phone */
    kiosk_status st =
        receipt_picture_write(s, &row->r, png_tr, &pt, png_raster, &pt, out, 0644, w, h);
    i18n_free(pt.t);
    if (st == KIOSK_E_UNAVAILABLE) {
        fprintf(stderr, "kioskctl: the picture has the QR only: %s\n", pt.why);
        st = qr_write_png(row->r.text, RECEIPT_PICTURE_MODULE_PX, out, 0644, w);
        *h = *w;
    }
    return st;
}

static int receipt_png_cmd(struct ctl *c, int argc, char **argv)
{
    const char *code = NULL, *out = NULL, *lang = "vi";
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 || strcmp(argv[i], "--lang") == 0) {
            const char **v = argv[i][2] == 'o' ? &out : &lang;
            if (!(*v = ctl_flag_value(argc, argv, &i)))
                return CTL_USAGE;
        } else if (!code && argv[i][0] != '-') {
            code = argv[i];
        } else {
            ctl_error("unknown argument '%s'", argv[i]);
            return CTL_USAGE;
        }
    }
    if (!code || !out || (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0))
        return CTL_USAGE;
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    struct receipt_row row;
    kiosk_status st = receipt_by_short_code(s, code, &row);
    if (st == KIOSK_E_INVALID) {
        ctl_error("'%s' is not a short code (8 characters, like 7KQ3-M9XT)", code);
        return CTL_REFUSED;
    }
    if (st != KIOSK_OK) {
        ctl_error("no receipt with short code '%s' in '%s' (kioskctl receipt list shows them)",
                  code, store_path(s));
        return CTL_REFUSED;
    }
    int w = 0, h = 0;
    st = write_picture(s, &row, lang, out, &w, &h);
    if (st != KIOSK_OK) {
        ctl_error("cannot write '%s': %s", out, kiosk_status_name(st));
        return CTL_REFUSED;
    }
    printf("wrote '%s' (%dx%d px, receipt %s)\n", out, w, h, row.r.short_code);
    return CTL_OK;
}

int ctl_cmd_receipt(struct ctl *c, int argc, char **argv)
{
    if (argc < 1)
        return CTL_USAGE;
    if (strcmp(argv[0], "list") == 0)
        return receipt_list_cmd(c, argc - 1, argv + 1);
    if (strcmp(argv[0], "verify") == 0)
        return receipt_verify_cmd(c, argc - 1, argv + 1);
    if (strcmp(argv[0], "png") == 0)
        return receipt_png_cmd(c, argc - 1, argv + 1);
    return CTL_USAGE;
}
