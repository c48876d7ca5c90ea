/* The kiosk plugin ABI: the one header a plugin includes.
 * It declares what the host offers (data, text, receipts, widgets) and what a plugin
 * returns; it never exposes SDL, SQLite or any host-internal type. */
#ifndef KIOSK_PLUGIN_H
#define KIOSK_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A plugin built against major M, minor m loads in a host of major M and minor >= m.
 * Structs only grow at their end; a new member bumps the minor and is commented with it.
 * Major 2 (was 1): arrays carry their element size and OUT structs their caller's size,
 * domain calls moved into versioned sub-tables, create reports an error, plugins may
 * migrate their own data and claim scanned receipts. docs/PLUGINS.md says why. */
#define KIOSK_ABI_MAJOR 2
#define KIOSK_ABI_MINOR 5

#if defined(__GNUC__)
#define KIOSK_EXPORT __attribute__((visibility("default")))
#else
#define KIOSK_EXPORT
#endif

/* Every host function that can fail returns one of these; OK is 0. */
typedef enum kiosk_status {
    KIOSK_OK = 0,
    KIOSK_E_INVALID,   /* bad input a person can fix (the message says what) */
    KIOSK_E_NOT_FOUND, /* no such record */
    KIOSK_E_EXISTS,    /* already there: the existing record is returned instead */
    KIOSK_E_FULL,      /* the disk is full: nothing was stored */
    KIOSK_E_READONLY,  /* storage is read-only or gone: nothing was stored */
    KIOSK_E_IO,        /* other storage or device error */
    KIOSK_E_NEWER,     /* a file written by a newer version */
    KIOSK_E_CORRUPT,   /* not a kiosk file, or damaged */
    KIOSK_E_DENIED,    /* forged, untrusted, wrong PIN, no consent */
    KIOSK_E_NOMEM,
    KIOSK_E_CAPACITY,    /* the class is full (registration went to the waiting list) */
    KIOSK_E_UNAVAILABLE, /* a device or server is not reachable */
} kiosk_status;

/* Sizes of the fixed text fields below, in bytes, including the NUL. All text is UTF-8 NFC. */
#define KIOSK_ID_LEN 33       /* 128-bit id as 32 lower-case hex digits */
#define KIOSK_NAME_LEN 160    /* a full name */
#define KIOSK_PART_LEN 64     /* a name part, a code */
#define KIOSK_PLACE_LEN 96    /* commune, district, province */
#define KIOSK_TEXT_LEN 256    /* a title, a note, an organisation */
#define KIOSK_PHONE_LEN 20    /* E.164: +84912345678 */
#define KIOSK_RECEIPT_LEN 192 /* a receipt text (KC1....) */
#define KIOSK_SHORT_LEN 12    /* short code with its dash: 7KQ3-M9XT */

/* ---- the domain, as plugins see it ----
 * These structs grow at their end in a minor bump. So that a plugin built against an older
 * minor keeps working, every call that fills one takes the size the plugin allocated
 * (out_size: pass sizeof *out) and writes no more than that; arrays come back as a
 * struct kiosk_array with the host's element size, walked with KIOSK_AT. */

enum kiosk_event_kind { KIOSK_EVENT_CLASS = 1, KIOSK_EVENT_FAIR = 2 };

struct kiosk_event {
    char id[KIOSK_ID_LEN];
    char code[KIOSK_PART_LEN]; /* MDN-MK */
    int kind;                  /* enum kiosk_event_kind */
    char title[KIOSK_TEXT_LEN];
    char place[KIOSK_TEXT_LEN]; /* as people read it: "xã Mỹ Khánh, huyện Phong Điền" */
    char province[KIOSK_PLACE_LEN];     /* "TP Cần Thơ", "tỉnh Đồng Tháp" */
    int64_t starts_at_ms;               /* first session's start */
    int64_t ends_at_ms;                 /* last session's end */
    int capacity;                       /* 0: no limit */
    int registered;                     /* registrations that hold a seat */
    int signup_open;                    /* 1 when sign-up is open */
    int signature_required;             /* class asks each trainee to sign each day */
    int late_after_min;                 /* minutes after a session's start that count as late */
    char interests[KIOSK_TEXT_LEN * 2]; /* fairs: interests separated by '\n' */
};

struct kiosk_session {
    char id[KIOSK_ID_LEN];
    char event_id[KIOSK_ID_LEN];
    int number; /* 1, 2, ... within its event */
    int64_t starts_at_ms;
    int64_t ends_at_ms;
};

enum kiosk_org_kind {
    KIOSK_ORG_NONE = 0,
    KIOSK_ORG_HOUSEHOLD = 1,   /* hộ kinh doanh */
    KIOSK_ORG_COOPERATIVE = 2, /* hợp tác xã */
    KIOSK_ORG_ENTERPRISE = 3,  /* doanh nghiệp */
    KIOSK_ORG_OTHER = 4,
};

struct kiosk_person {
    char id[KIOSK_ID_LEN];           /* empty: a new person (person_save fills it) */
    char full_name[KIOSK_NAME_LEN];  /* display form, NFC */
    char given_name[KIOSK_PART_LEN]; /* empty: the last word of full_name */
    int birth_year;                  /* 0: unknown */
    char phone[KIOSK_PHONE_LEN];     /* E.164 or empty */
    char commune[KIOSK_PLACE_LEN];
    char district[KIOSK_PLACE_LEN]; /* old two-level addresses; may be empty */
    char province[KIOSK_PLACE_LEN];
    char organisation[KIOSK_TEXT_LEN];
    int org_kind;           /* enum kiosk_org_kind */
    const char *extra_json; /* plugin's own fields, borrowed; NULL: none. Not filled by reads. */
};

/* One search hit: how well the typed text matched, and the person (last, so it can grow). */
struct kiosk_person_hit {
    int score;      /* higher first: typed accents also matched, whole words, ... */
    int registered; /* registered for the event the search was limited to */
    struct kiosk_person person;
};

enum kiosk_reg_status {
    KIOSK_REG_REGISTERED = 1,
    KIOSK_REG_WAITLIST = 2,
    KIOSK_REG_WALKIN = 3,
    KIOSK_REG_CANCELLED = 4,
};

struct kiosk_registration {
    char id[KIOSK_ID_LEN];
    char event_id[KIOSK_ID_LEN];
    char person_id[KIOSK_ID_LEN];
    int status;            /* enum kiosk_reg_status */
    int waitlist_position; /* 1-based when on the waiting list */
    int64_t created_at_ms;
};

/* KIOSK_CHECK_RETURN (since 2.2): in again after a check-out, recorded by the host when a
 * plugin asks for KIOSK_CHECK_IN from a person who left (docs/IDENTITY.md). */
enum kiosk_checkin_kind { KIOSK_CHECK_IN = 1, KIOSK_CHECK_OUT = 2, KIOSK_CHECK_RETURN = 3 };

struct kiosk_checkin {
    char id[KIOSK_ID_LEN];
    char session_id[KIOSK_ID_LEN];
    char person_id[KIOSK_ID_LEN];
    int kind;   /* enum kiosk_checkin_kind */
    int late;   /* arrived after the event's late threshold */
    int walkin; /* was not on the roster */
    int64_t at_ms;
};

/* Whether a person is in the room for a session (since 2.2; program sub-table version 2). */
enum kiosk_presence_state {
    KIOSK_PRESENCE_NONE = 0, /* not checked in */
    KIOSK_PRESENCE_IN = 1,   /* checked in (or back after leaving) */
    KIOSK_PRESENCE_LEFT = 2, /* checked out */
};
struct kiosk_presence {
    int state;             /* enum kiosk_presence_state */
    int64_t first_in_ms;   /* her first check-in; 0: none */
    int64_t last_out_ms;   /* KIOSK_PRESENCE_LEFT: when she checked out; else 0 */
    int64_t undo_until_ms; /* she may undo that check-out herself until then; 0: not now */
    int returns;           /* times she came back after leaving */
};

/* A signature: finger strokes in pad coordinates (0..width, 0..height). A point with
 * x == -1 ends a stroke. */
struct kiosk_point {
    int16_t x, y;
};
struct kiosk_signature {
    int width, height;
    size_t count; /* points used */
    struct kiosk_point points[4096];
};

enum kiosk_receipt_kind {
    KIOSK_RECEIPT_SIGNUP = 1,
    KIOSK_RECEIPT_ATTENDANCE = 2,
    KIOSK_RECEIPT_VISIT = 3
};

struct kiosk_receipt {
    char id[KIOSK_ID_LEN];
    int kind; /* enum kiosk_receipt_kind */
    char event_id[KIOSK_ID_LEN];
    char event_code[KIOSK_PART_LEN];
    char session_id[KIOSK_ID_LEN]; /* empty for sign-up */
    int session_number;            /* 0 for sign-up */
    char person_id[KIOSK_ID_LEN];  /* filled by the host's own look-up, never from the text */
    char short_code[KIOSK_SHORT_LEN];
    char text[KIOSK_RECEIPT_LEN];
    char key_id[KIOSK_PART_LEN];
    int64_t issued_at_ms;
};

enum kiosk_consent_purpose {
    KIOSK_CONSENT_ATTENDANCE = 1, /* attendance records for the report */
    KIOSK_CONSENT_CONTACT = 2,    /* being contacted about later classes / after the fair */
    KIOSK_CONSENT_SHARE = 3,      /* details shared with the program's exhibitors */
};

/* A plugin's strings: one row a key, Vietnamese first. The table ends with a NULL key.
 * A key missing from the table and the host's tables is shown as the key itself. */
struct kiosk_string {
    const char *key;
    const char *vi;
    const char *en;
};

/* Counts for a fair's staff view, for one day. */
struct kiosk_fair_stats {
    int visitors;        /* distinct visitors today */
    int new_visitors;    /* registered today */
    int returning;       /* came back today, registered before */
    int by_hour[24];     /* visits by local hour */
    int by_interest[16]; /* visitors today by the event's interests, in their order */
};

enum kiosk_field_kind {
    KIOSK_FIELD_TEXT = 0,  /* free text, Telex/VNI composer */
    KIOSK_FIELD_NAME = 1,  /* a person's name: composer, tidied when stored */
    KIOSK_FIELD_PHONE = 2, /* digits pad */
    KIOSK_FIELD_YEAR = 3,  /* digits pad, 4 digits */
    KIOSK_FIELD_PIN = 4,   /* digits pad, shown as dots */
};

enum kiosk_style { KIOSK_STYLE_NORMAL = 0, KIOSK_STYLE_PRIMARY = 1, KIOSK_STYLE_DANGER = 2 };
enum kiosk_msg { KIOSK_MSG_INFO = 0, KIOSK_MSG_OK = 1, KIOSK_MSG_ERROR = 2 };

/* An array the host returns: count elements of elem_size bytes each, in one block the
 * plugin releases with free_mem(items). elem_size is the host's sizeof and may exceed the
 * plugin's (members added by a later minor): walk it with KIOSK_AT, never items[i]. */
struct kiosk_array {
    void *items;
    size_t count;
    size_t elem_size;
};
#define KIOSK_AT(arr, type, i)                                                                     \
    ((type *)(void *)((char *)(arr).items + (size_t)(i) * (arr).elem_size))

/* 1 when a table (the host table or a sub-table: each starts with its size) is large
 * enough to hold member and the member is set. Use it for calls added by a later minor. */
#define KIOSK_API_HAS(tbl, member)                                                                 \
    ((tbl) != NULL &&                                                                              \
     (size_t)((const char *)&(tbl)->member - (const char *)(tbl)) + sizeof((tbl)->member) <=       \
         (tbl)->size &&                                                                            \
     (tbl)->member != NULL)

/* Per-call context: what a callback was called for. Opaque; never kept past the call. */
typedef struct kiosk_ctx kiosk_ctx;

/* ---- sub-tables: domain calls, each with its own version, reached through
 * host->api(name, version). A sub-table grows at its end; its version counts its
 * additions, so a plugin asks for the version that has the calls it uses and gets NULL from
 * a host without it. Each starts with size and version, like the host table. ---- */

/* "program": events, sessions, registrations and check-ins. */
#define KIOSK_PROGRAM_API "program"
#define KIOSK_PROGRAM_API_VERSION 2
struct kiosk_program_api {
    size_t size;
    uint32_t version;
    /* -- version 1 -- */
    /* kind 0: every kind. Ordered by start. */
    kiosk_status (*events_list)(kiosk_ctx *ctx, int kind, struct kiosk_array *out);
    kiosk_status (*event_get)(kiosk_ctx *ctx, const char *id_or_code, struct kiosk_event *out,
                              size_t out_size);
    /* The event of this kind the kiosk serves: the coordinator's choice, else the one
     * event of the kind with a session today. */
    kiosk_status (*event_served)(kiosk_ctx *ctx, int kind, struct kiosk_event *out,
                                 size_t out_size);
    /* The session running at now_ms, else the next one the same day. */
    kiosk_status (*session_current)(kiosk_ctx *ctx, const char *event_id, struct kiosk_session *out,
                                    size_t out_size);
    /* The first session of the event that ends after from_ms (any day); NOT_FOUND: none. */
    kiosk_status (*session_next)(kiosk_ctx *ctx, const char *event_id, int64_t from_ms,
                                 struct kiosk_session *out, size_t out_size);
    kiosk_status (*session_get)(kiosk_ctx *ctx, const char *session_id, struct kiosk_session *out,
                                size_t out_size);
    /* Registers once: an existing registration (same person, or same phone, or same folded
     * name and birth year) comes back with KIOSK_E_EXISTS and p filled with the registered
     * person. A full class puts the person on the waiting list (status WAITLIST, OK). */
    kiosk_status (*register_person)(kiosk_ctx *ctx, const char *event_id, struct kiosk_person *p,
                                    size_t p_size, int walkin, struct kiosk_registration *out,
                                    size_t out_size);
    kiosk_status (*registration_get)(kiosk_ctx *ctx, const char *event_id, const char *person_id,
                                     struct kiosk_registration *out, size_t out_size);
    /* One check-in per person, session and kind: a repeat returns KIOSK_E_EXISTS with the
     * first one. The signature may be NULL. Committed durably before it returns OK. */
    kiosk_status (*check_in)(kiosk_ctx *ctx, const char *session_id, const char *person_id,
                             int kind, const struct kiosk_signature *sig, struct kiosk_checkin *out,
                             size_t out_size);
    /* -- version 2 (ABI 2.2): leaving, undo and return (docs/IDENTITY.md) --
     * Since version 2, check_in(KIOSK_CHECK_IN) from a person who checked out records a
     * return (out->kind KIOSK_CHECK_RETURN, OK); from one who is in, KIOSK_E_EXISTS with
     * her first check-in. check_in(KIOSK_CHECK_OUT) from one who is out: KIOSK_E_EXISTS
     * with that check-out. */
    /* Whether she is in the room for the session, and until when she may undo her
     * check-out (the kiosk's checkout_undo_min). */
    kiosk_status (*presence)(kiosk_ctx *ctx, const char *session_id, const char *person_id,
                             struct kiosk_presence *out, size_t out_size);
    /* She has not left after all: cancels her check-out, as a synced fact made by the
     * trainee at this kiosk; out (may be NULL) is her presence after it. KIOSK_E_NOT_FOUND:
     * she is not checked out; KIOSK_E_DENIED: the check-out is older than the window. */
    kiosk_status (*checkout_undo)(kiosk_ctx *ctx, const char *session_id, const char *person_id,
                                  struct kiosk_presence *out, size_t out_size);
};

/* "people": the people of the program and their consents. */
#define KIOSK_PEOPLE_API "people"
#define KIOSK_PEOPLE_API_VERSION 1
struct kiosk_people_api {
    size_t size;
    uint32_t version;
    /* -- version 1 -- */
    /* Word-prefix search, accents optional. event_id non-NULL: only people registered for
     * it. out: struct kiosk_person_hit elements. */
    kiosk_status (*search)(kiosk_ctx *ctx, const char *typed, const char *event_id, size_t max,
                           struct kiosk_array *out);
    kiosk_status (*get)(kiosk_ctx *ctx, const char *id, struct kiosk_person *out, size_t out_size);
    kiosk_status (*by_phone)(kiosk_ctx *ctx, const char *e164, struct kiosk_person *out,
                             size_t out_size);
    /* Insert (empty id: fills p->id) or store a new version. Tidies and validates the name. */
    kiosk_status (*save)(kiosk_ctx *ctx, struct kiosk_person *p, size_t p_size);
    kiosk_status (*consent_set)(kiosk_ctx *ctx, const char *person_id, int purpose, int granted,
                                const char *text_version);
};

/* "receipt": signed QR receipts and the receipt screen. */
#define KIOSK_RECEIPT_API "receipt"
#define KIOSK_RECEIPT_API_VERSION 1
struct kiosk_receipt_api {
    size_t size;
    uint32_t version;
    /* -- version 1 -- */
    /* Issues (or returns the existing) receipt of a kind for person and event/session. */
    kiosk_status (*issue)(kiosk_ctx *ctx, int kind, const char *event_id, const char *session_id,
                          const char *person_id, struct kiosk_receipt *out, size_t out_size);
    /* Verifies a scanned text (signature, trusted key, this program) and looks it up.
     * On failure *why says why, for people. */
    kiosk_status (*verify)(kiosk_ctx *ctx, const char *text, struct kiosk_receipt *out,
                           size_t out_size, const char **why);
    /* The receipt screen: the QR (large), short code, event, the person's name (on screen
     * only), for a sign-up receipt the place and the first session to come (also under the
     * QR and on paper), a print button when a printer is configured, and "Xong". Returns 1 when the
     * person tapped "Xong". Call it from frame. */
    int (*screen)(kiosk_ctx *ctx, const struct kiosk_receipt *r, const char *person_name);
};

/* "fair": a fair's figures for its staff. */
#define KIOSK_FAIR_API "fair"
#define KIOSK_FAIR_API_VERSION 2
struct kiosk_fair_api {
    size_t size;
    uint32_t version;
    /* -- version 1 -- */
    /* Counts of the local day holding day_ms (0: today). */
    kiosk_status (*stats)(kiosk_ctx *ctx, const char *event_id, int64_t day_ms,
                          struct kiosk_fair_stats *out, size_t out_size);
    /* Latest visitors (newest first), struct kiosk_person elements whose extra_json is the
     * visit's note, inside the same block. */
    kiosk_status (*latest)(kiosk_ctx *ctx, const char *event_id, size_t max,
                           struct kiosk_array *out);
    /* -- version 2 (ABI 2.4) -- */
    /* stats without waiting: the count runs on a host thread (the first of a day reads every
     * visit: 100 ms at 10,000 visitors) and the screen is drawn again when it ends. Gives the
     * counts last finished for event_id's day of day_ms (0: today), KIOSK_OK; or
     * KIOSK_E_NOT_FOUND while the first count of that day runs (say that it is counting).
     * A new count starts when none runs and the last began more than max_age_ms of kiosk
     * time ago. Cheap: call it every frame. */
    kiosk_status (*stats_async)(kiosk_ctx *ctx, const char *event_id, int64_t day_ms,
                                int max_age_ms, struct kiosk_fair_stats *out, size_t out_size);
};

/* "data": a plugin's own small values (its settings, counters, the version of its data),
 * kept in the kiosk's database under the plugin's id. Keys: [a-z0-9_.], up to 63 bytes. */
#define KIOSK_DATA_API "data"
#define KIOSK_DATA_API_VERSION 1
struct kiosk_data_api {
    size_t size;
    uint32_t version;
    /* -- version 1 -- */
    /* NOT_FOUND when unset; the value is cut to cap. */
    kiosk_status (*get)(kiosk_ctx *ctx, const char *key, char *out, size_t cap);
    /* value NULL: remove. Committed durably before it returns OK. */
    kiosk_status (*set)(kiosk_ctx *ctx, const char *key, const char *value);
};

/* A sub-table of at least that version, typed: KIOSK_API_GET(host, program, PROGRAM). */
#define KIOSK_API_GET(host, name, NAME)                                                            \
    ((const struct kiosk_##name##_api *)(host)->api(KIOSK_##NAME##_API, KIOSK_##NAME##_API_VERSION))

/* What the host offers: the basics, the generic widgets and the sub-table look-up.
 * Handed to kiosk_plugin_entry; valid until the plugin is destroyed.
 * Ownership: pointers passed in are borrowed for the call. Arrays the host returns are the
 * plugin's to release with free_mem. Strings returned as const char * belong to the host
 * and live until the next frame. */
struct kiosk_host_api {
    size_t size; /* sizeof(struct kiosk_host_api) as the host knows it */
    uint16_t abi_major, abi_minor;

    /* -- since 2.0: basics -- */
    void (*free_mem)(void *p);                          /* IN: memory from the host */
    const char *(*tr)(kiosk_ctx *ctx, const char *key); /* string in the current language */
    const char *(*lang)(kiosk_ctx *ctx);                /* "vi" or "en" */
    int64_t (*now_ms)(kiosk_ctx *ctx);                  /* kiosk wall clock, UTC ms */
    void (*format_time)(kiosk_ctx *ctx, int64_t at_ms, const char *strftime_fmt, char *out,
                        size_t cap);                         /* local time */
    const char *(*setting)(kiosk_ctx *ctx, const char *key); /* NULL: not set */
    void (*log)(kiosk_ctx *ctx, const char *msg);            /* no names or phones in it */
    void (*go_home)(kiosk_ctx *ctx);                         /* back to the home screen */
    /* A sub-table by name (KIOSK_PROGRAM_API, ...) of at least that version; NULL when this
     * host has none. Static: look it up once, in kiosk_plugin_entry or create. */
    const void *(*api)(const char *name, uint32_t min_version);

    /* -- since 2.0: text (Vietnamese) -- */
    void (*name_tidy)(const char *in, char *out, size_t cap); /* "  TRẦN  văn" -> "Trần Văn" */
    void (*fold)(const char *in, char *out, size_t cap);      /* search key: "nguyen thi hoa" */
    kiosk_status (*phone_normalise)(kiosk_ctx *ctx, const char *in, char out[KIOSK_PHONE_LEN],
                                    const char **why); /* OUT why: a string for people */

    /* -- since 2.0: widgets (immediate mode; call them from frame) --
     * Layout: widgets stack top to bottom in the content area. row_begin(n) puts the next
     * n widgets side by side. A widget returns 1 on the frame it was activated. */
    void (*ui_heading)(kiosk_ctx *ctx, const char *text);
    void (*ui_text)(kiosk_ctx *ctx, const char *text);
    void (*ui_message)(kiosk_ctx *ctx, int kind, const char *text); /* enum kiosk_msg */
    int (*ui_button)(kiosk_ctx *ctx, const char *label, int style); /* enum kiosk_style */
    void (*ui_row_begin)(kiosk_ctx *ctx, int columns);
    void (*ui_row_end)(kiosk_ctx *ctx);
    /* A text field with its label; focus brings up the on-screen keyboard for its kind.
     * Returns 1 when the text changed. error: shown under the field, NULL for none. */
    int (*ui_field)(kiosk_ctx *ctx, const char *label, char *buf, size_t cap, int kind,
                    const char *error);
    int (*ui_checkbox)(kiosk_ctx *ctx, const char *label, int *value);
    int (*ui_list_item)(kiosk_ctx *ctx, const char *title, const char *detail);
    void (*ui_qr)(kiosk_ctx *ctx, const char *text, const char *caption);
    /* A pad the finger signs on; strokes accumulate into sig. Returns 1 when it changed. */
    int (*ui_signature)(kiosk_ctx *ctx, struct kiosk_signature *sig);
    void (*ui_bar_chart)(kiosk_ctx *ctx, const char *title, const char *const *labels,
                         const int *values, size_t count);
    void (*ui_spacer)(kiosk_ctx *ctx, int height_px);

    /* -- since 2.1 -- */
    /* Where the screen invites a scan (after "scan your receipt"): the camera's live picture
     * with a caption, so a person can aim the paper or the phone. Draws nothing when the
     * kiosk has no camera or it sends no frames; the host keeps it moving. */
    void (*ui_scan_view)(kiosk_ctx *ctx);

    /* -- since 2.3 -- */
    /* The next ui_field drawn (this frame) takes focus and brings up its keyboard: call it
     * once, on the frame a screen opens whose first step is typing (a search, a phone
     * number), so nobody taps the field first. Not every frame: "Xong" must close it. */
    void (*ui_focus_next_field)(kiosk_ctx *ctx);

    /* -- since 2.4 -- */
    /* This frame's title in the header bar beside "Trang chủ", instead of the plugin's name:
     * what the person is in (the class she checks into), seen whatever the keyboard moved out
     * of view. Call it every frame it should show; the voice says it before the step. */
    void (*ui_header_title)(kiosk_ctx *ctx, const char *text);

    /* -- since 2.5 -- */
    /* A button at the header bar's right end, beside the title, where the keyboard never
     * covers it: the step's way back ("Chọn lớp khác"). Call it every frame it should show;
     * returns 1 on the frame it was tapped. */
    int (*ui_header_button)(kiosk_ctx *ctx, const char *label);
};

/* How strongly a plugin claims a scanned receipt (claims_receipt). The host hands the
 * receipt to the strongest claim; on a tie, to the plugin first on the home screen. */
enum kiosk_claim {
    KIOSK_CLAIM_NONE = 0,   /* not mine */
    KIOSK_CLAIM_OWNER = 1,  /* its kind and event are mine (a class receipt: attendance) */
    KIOSK_CLAIM_SERVED = 2, /* not mine by kind, but this kiosk was set to serve my event and
                               I take it here (a fair's fast lane for a class receipt) */
};

/* What a plugin is. Kept static by the plugin; the host reads it, never writes it.
 * KIOSK_PLUGIN_DEFINE fills size and version. */
struct kiosk_plugin {
    size_t size; /* sizeof(struct kiosk_plugin) as the plugin was built */
    uint16_t abi_major, abi_minor;
    const char *id;                     /* unique, [a-z0-9_]: "class_attendance" */
    const char *title_key;              /* string key of its home tile */
    const struct kiosk_string *strings; /* may be NULL */

    /* -- required -- */
    /* Makes the plugin's state (*state, owned by it). Anything but KIOSK_OK: the plugin is
     * not started and err (one line, for the coordinator, no names) goes to the log. */
    kiosk_status (*create)(kiosk_ctx *ctx, void **state, char *err, size_t err_cap);
    void (*destroy)(void *state);               /* IN: frees what create made */
    void (*frame)(void *state, kiosk_ctx *ctx); /* draw the plugin's screen, handle taps */

    /* -- optional: NULL when not implemented -- */
    void (*enter)(void *state, kiosk_ctx *ctx); /* its tile was tapped */
    void (*leave)(void *state, kiosk_ctx *ctx); /* home, or the idle timeout: forget input */
    /* A scanned text that is not a receipt of this kiosk, while this plugin is shown (or,
     * on the home screen, offered to each plugin in turn). Returns 1 when it took it. */
    int (*on_scan)(void *state, kiosk_ctx *ctx, const char *payload);
    void (*admin_frame)(void *state, kiosk_ctx *ctx); /* its part of the admin screen */

    /* The version of the plugin's own data (what it keeps through the "data" sub-table, the
     * extra_json it writes); 0: it keeps none. */
    uint32_t data_version;
    /* Called before create when the kiosk holds data of an older version (from < to;
     * from 0: none yet). OK: the host records `to`. Anything else: the plugin is not
     * started, err is logged, and the next start tries again. A kiosk holding data newer
     * than data_version does not start the plugin. */
    kiosk_status (*migrate)(kiosk_ctx *ctx, uint32_t from, uint32_t to, char *err, size_t err_cap);

    /* A scanned receipt, verified by the host (signature, trusted key, this program), on
     * any screen: each plugin says how strongly it claims it (enum kiosk_claim) from its
     * kind (enum kiosk_receipt_kind) and event. Must not draw or write. */
    int (*claims_receipt)(void *state, kiosk_ctx *ctx, const struct kiosk_receipt *r,
                          const struct kiosk_event *ev);
    /* The receipt the host gave this plugin (the strongest claim): the host shows its
     * screen, and the plugin acts on it (marks her present, welcomes the visitor back). */
    void (*on_receipt)(void *state, kiosk_ctx *ctx, const struct kiosk_receipt *r,
                       const struct kiosk_event *ev);
};

/* The one exported symbol. Returns the plugin's static descriptor, or NULL to refuse. */
typedef const struct kiosk_plugin *(*kiosk_plugin_entry_fn)(const struct kiosk_host_api *host);
#define KIOSK_PLUGIN_ENTRY_NAME "kiosk_plugin_entry"
KIOSK_EXPORT const struct kiosk_plugin *kiosk_plugin_entry(const struct kiosk_host_api *host);

/* Defines kiosk_plugin_entry, keeping the host table in host_var (a
 * `static const struct kiosk_host_api *`) and returning &desc. No check is needed in the
 * plugin: the loader refuses a descriptor of another major or of a newer minor than the
 * host's (so every member this header declares is in the host's table), with one log line.
 * Fill desc's size and version with KIOSK_PLUGIN_HEADER. */
#define KIOSK_PLUGIN_HEADER                                                                        \
    .size = sizeof(struct kiosk_plugin), .abi_major = KIOSK_ABI_MAJOR, .abi_minor = KIOSK_ABI_MINOR
#define KIOSK_PLUGIN_DEFINE(desc, host_var)                                                        \
    KIOSK_EXPORT const struct kiosk_plugin *kiosk_plugin_entry(const struct kiosk_host_api *h_)    \
    {                                                                                              \
        host_var = h_;                                                                             \
        return &(desc);                                                                            \
    }

#ifdef __cplusplus
}
#endif
#endif
