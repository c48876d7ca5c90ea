/* fair_booth: visitors at the centre's fair booth register (or are recognised when they
 * come back), get a visit receipt, and the staff see today's counts. Stores nothing
 * itself: people, registrations, visits (check-ins) and receipts go through the host. */
#ifndef FAIR_BOOTH_H
#define FAIR_BOOTH_H

#include "../common/kit.h"

enum fair_screen {
    FAIR_START = 0, /* register / I registered / scan */
    FAIR_PHONE,     /* the phone number: first step of both ways in */
    FAIR_ABOUT,     /* name, organisation and its kind */
    FAIR_PROVINCE,  /* province buttons */
    FAIR_INTERESTS, /* interests and a note */
    FAIR_CONSENT,   /* consents, then register */
    FAIR_FAST,      /* known phone: confirm the details shown */
    FAIR_WELCOME,   /* "Chào mừng trở lại" */
    FAIR_RECEIPT,   /* the visit receipt */
    FAIR_STAFF,     /* today's counts */
    FAIR_CLOSED,    /* no fair today */
};

/* How the visitor came to the phone screen. */
enum fair_phone_mode { FAIR_PHONE_NEW = 0, FAIR_PHONE_RETURNING };

#define FAIR_MSG_LEN 256
#define FAIR_MAX_INTERESTS 16
#define FAIR_LATEST 5
#define FAIR_STATS_REFRESH_MS                                                                      \
    30000 /* staff view: counts this fresh (a read of 10,000 visitors takes ~1 s) */

struct fair_province {
    const char *stored; /* as stored: "tỉnh Đồng Tháp" */
    const char *shown;  /* on its button: "Đồng Tháp"; NULL: the string "fair.province_other" */
};

struct fair {
    const struct kiosk_host_api *h;
    struct kit_api k;
    int screen;

    int have_event;
    struct kiosk_event ev;
    int have_session; /* today's fair day: visits are check-ins on it */
    struct kiosk_session sess;
    char closed[FAIR_MSG_LEN];
    char interests[FAIR_MAX_INTERESTS][KIOSK_TEXT_LEN];
    size_t interest_count;

    char notice[FAIR_MSG_LEN]; /* on the start screen: a refused scan, an error */
    int notice_kind;

    /* the form */
    int phone_mode;
    char phone[32];
    int no_phone;      /* "I have no phone": registered by name (docs/IDENTITY.md) */
    int focus_pending; /* the step opens with its field's keyboard up (ABI 2.3) */
    char err_phone[FAIR_MSG_LEN];
    char name[KIOSK_NAME_LEN];
    char err_name[FAIR_MSG_LEN];
    char org[KIOSK_TEXT_LEN];
    int org_kind;
    int province; /* index + 1 into fair_provinces, 0: none */
    char err_province[FAIR_MSG_LEN];
    int interest_on[FAIR_MAX_INTERESTS];
    char note[KIOSK_TEXT_LEN];
    int consent_contact, consent_share;
    char failure[FAIR_MSG_LEN];

    /* a person already known to the program (fast lane), or the visitor just handled */
    struct kiosk_person who;
    int editing_known; /* the form edits `who` (fast lane's "change my details") */

    struct kiosk_checkin visit;
    int visit_recorded;
    struct kiosk_receipt receipt;
    int registered_now; /* the receipt screen follows a new registration */

    /* staff view */
    struct kiosk_fair_stats stats;
    struct kiosk_array latest; /* struct kiosk_person, host memory */
    int64_t stats_at_ms;
    int stats_ok;
    int counting;  /* the day's first count runs on the host's thread (ABI 2.4) */
    int staff_tab; /* 0 interests, 1 by hour, 2 latest registrations */
};

extern const struct kiosk_string fair_strings[];
extern const struct fair_province fair_provinces[];
extern const size_t fair_province_count;

void fair_keep(char dst[FAIR_MSG_LEN], const char *msg);
void fair_to_start(struct fair *f);
/* The visitor is known and registered for this fair: record today's visit, welcome. */
void fair_welcome(struct fair *f, kiosk_ctx *ctx, const struct kiosk_person *p);
/* A known person (any receipt, any phone of the program) not yet registered here. */
void fair_fast_lane(struct fair *f, kiosk_ctx *ctx, const struct kiosk_person *p);
/* Issues (or finds) the visitor's visit receipt and shows it; on failure f->failure says why. */
void fair_show_receipt(struct fair *f, kiosk_ctx *ctx);
/* Records today's visit (one per day: a repeat keeps the first). 1 when recorded. */
int fair_record_visit(struct fair *f, kiosk_ctx *ctx, const char *person_id);

/* fair_form.c */
void fair_form_start(struct fair *f, kiosk_ctx *ctx, int phone_mode);
void fair_phone_frame(struct fair *f, kiosk_ctx *ctx);
void fair_about_frame(struct fair *f, kiosk_ctx *ctx);
void fair_province_frame(struct fair *f, kiosk_ctx *ctx);
void fair_interests_frame(struct fair *f, kiosk_ctx *ctx);
void fair_consent_frame(struct fair *f, kiosk_ctx *ctx);
void fair_fast_frame(struct fair *f, kiosk_ctx *ctx);
/* The interests checkboxes, two a row (shared by the form and the fast lane). */
void fair_interest_boxes(struct fair *f, kiosk_ctx *ctx);

/* fair_staff.c */
void fair_staff_frame(struct fair *f, kiosk_ctx *ctx, int with_back);
void fair_staff_forget(struct fair *f);

#endif
