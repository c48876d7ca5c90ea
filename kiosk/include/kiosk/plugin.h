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
 * Structs only grow at their end; a new member bumps the minor and is commented with it. */
#define KIOSK_ABI_MAJOR 1
#define KIOSK_ABI_MINOR 0

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
    KIOSK_E_CAPACITY, /* the class is full (registration went to the waiting list) */
    KIOSK_E_UNAVAILABLE, /* a device or server is not reachable */
} kiosk_status;

/* Sizes of the fixed text fields below, in bytes, including the NUL. All text is UTF-8 NFC. */
#define KIOSK_ID_LEN 33     /* 128-bit id as 32 lower-case hex digits */
#define KIOSK_NAME_LEN 160  /* a full name */
#define KIOSK_PART_LEN 64   /* a name part, a code */
#define KIOSK_PLACE_LEN 96  /* commune, district, province */
#define KIOSK_TEXT_LEN 256  /* a title, a note, an organisation */
#define KIOSK_PHONE_LEN 20  /* E.164: +84912345678 */
#define KIOSK_RECEIPT_LEN 192 /* a receipt text (KC1....) */
#define KIOSK_SHORT_LEN 12  /* short code with its dash: 7KQ3-M9XT */

/* ---- the domain, as plugins see it (frozen for ABI major 1) ---- */

enum kiosk_event_kind { KIOSK_EVENT_CLASS = 1, KIOSK_EVENT_FAIR = 2 };

struct kiosk_event {
    char id[KIOSK_ID_LEN];
    char code[KIOSK_PART_LEN]; /* MDN-MK */
    int kind;                  /* enum kiosk_event_kind */
    char title[KIOSK_TEXT_LEN];
    char place[KIOSK_TEXT_LEN];     /* as people read it: "xã Mỹ Khánh, huyện Phong Điền" */
    char province[KIOSK_PLACE_LEN]; /* "TP Cần Thơ", "tỉnh Đồng Tháp" */
    int64_t starts_at_ms;           /* first session's start */
    int64_t ends_at_ms;             /* last session's end */
    int capacity;                   /* 0: no limit */
    int registered;                 /* registrations that hold a seat */
    int signup_open;                /* 1 when sign-up is open */
    int signature_required;         /* class asks each trainee to sign each day */
    int late_after_min;             /* minutes after a session's start that count as late */
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
    char id[KIOSK_ID_LEN];         /* empty: a new person (person_save fills it) */
    char full_name[KIOSK_NAME_LEN]; /* display form, NFC */
    char given_name[KIOSK_PART_LEN]; /* empty: the last word of full_name */
    int birth_year;                 /* 0: unknown */
    char phone[KIOSK_PHONE_LEN];    /* E.164 or empty */
    char commune[KIOSK_PLACE_LEN];
    char district[KIOSK_PLACE_LEN]; /* old two-level addresses; may be empty */
    char province[KIOSK_PLACE_LEN];
    char organisation[KIOSK_TEXT_LEN];
    int org_kind; /* enum kiosk_org_kind */
    const char *extra_json; /* plugin's own fields, borrowed; NULL: none. Not filled by reads. */
};

/* One search hit: the person and how well the typed text matched. */
struct kiosk_person_hit {
    struct kiosk_person person;
    int score;       /* higher first: typed accents also matched, whole words, ... */
    int registered;  /* registered for the event the search was limited to */
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
    int status; /* enum kiosk_reg_status */
    int waitlist_position; /* 1-based when on the waiting list */
    int64_t created_at_ms;
};

enum kiosk_checkin_kind { KIOSK_CHECK_IN = 1, KIOSK_CHECK_OUT = 2 };

struct kiosk_checkin {
    char id[KIOSK_ID_LEN];
    char session_id[KIOSK_ID_LEN];
    char person_id[KIOSK_ID_LEN];
    int kind;  /* enum kiosk_checkin_kind */
    int late;  /* arrived after the event's late threshold */
    int walkin; /* was not on the roster */
    int64_t at_ms;
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

enum kiosk_receipt_kind { KIOSK_RECEIPT_SIGNUP = 1, KIOSK_RECEIPT_ATTENDANCE = 2, KIOSK_RECEIPT_VISIT = 3 };

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
    int visitors;      /* distinct visitors today */
    int new_visitors;  /* registered today */
    int returning;     /* came back today, registered before */
    int by_hour[24];   /* visits by local hour */
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

/* Per-call context: what a callback was called for. Opaque; never kept past the call. */
typedef struct kiosk_ctx kiosk_ctx;

/* What the host offers. Handed to kiosk_plugin_entry; valid until the plugin is destroyed.
 * Ownership: pointers passed in are borrowed for the call. Arrays the host returns through
 * an OUT pointer are the plugin's to release with free_mem. Strings returned as
 * const char * belong to the host and live until the next frame. */
struct kiosk_host_api {
    size_t size; /* sizeof(struct kiosk_host_api) as the host knows it */
    uint16_t abi_major, abi_minor;

    /* -- since 1.0: basics -- */
    void (*free_mem)(void *p);                                 /* IN: memory from the host */
    const char *(*tr)(kiosk_ctx *ctx, const char *key);        /* string in the current language */
    const char *(*lang)(kiosk_ctx *ctx);                       /* "vi" or "en" */
    int64_t (*now_ms)(kiosk_ctx *ctx);                         /* kiosk wall clock, UTC ms */
    void (*format_time)(kiosk_ctx *ctx, int64_t at_ms, const char *strftime_fmt, char *out,
                        size_t cap);                           /* local time */
    const char *(*setting)(kiosk_ctx *ctx, const char *key);   /* NULL: not set */
    void (*log)(kiosk_ctx *ctx, const char *msg);              /* no names or phones in it */
    void (*go_home)(kiosk_ctx *ctx);                           /* back to the home screen */

    /* -- since 1.0: text (Vietnamese) -- */
    void (*name_tidy)(const char *in, char *out, size_t cap);  /* "  TRẦN  văn" -> "Trần Văn" */
    void (*fold)(const char *in, char *out, size_t cap);       /* search key: "nguyen thi hoa" */
    kiosk_status (*phone_normalise)(kiosk_ctx *ctx, const char *in, char out[KIOSK_PHONE_LEN],
                                    const char **why);         /* OUT why: a string for people */

    /* -- since 1.0: the program -- */
    kiosk_status (*events_list)(kiosk_ctx *ctx, int kind, struct kiosk_event **out,
                                size_t *count);                 /* OUT: free with free_mem */
    kiosk_status (*event_get)(kiosk_ctx *ctx, const char *id_or_code, struct kiosk_event *out);
    kiosk_status (*event_served)(kiosk_ctx *ctx, int kind, struct kiosk_event *out);
    /* The session running at now_ms (or the next one today) of an event. */
    kiosk_status (*session_current)(kiosk_ctx *ctx, const char *event_id,
                                    struct kiosk_session *out);
    kiosk_status (*session_get)(kiosk_ctx *ctx, const char *session_id, struct kiosk_session *out);

    /* -- since 1.0: people -- */
    /* Word-prefix search, accents optional. event_id non-NULL: only people registered for it. */
    kiosk_status (*people_search)(kiosk_ctx *ctx, const char *typed, const char *event_id,
                                  size_t max, struct kiosk_person_hit **out, size_t *count);
    kiosk_status (*person_get)(kiosk_ctx *ctx, const char *id, struct kiosk_person *out);
    kiosk_status (*person_by_phone)(kiosk_ctx *ctx, const char *e164, struct kiosk_person *out);
    /* Insert (empty id: fills p->id) or store a new version. Tidies and validates the name. */
    kiosk_status (*person_save)(kiosk_ctx *ctx, struct kiosk_person *p);
    kiosk_status (*consent_set)(kiosk_ctx *ctx, const char *person_id, int purpose, int granted,
                                const char *text_version);

    /* -- since 1.0: registrations, check-ins, receipts -- */
    /* Registers once: an existing registration (same person, or same phone, or same folded
     * name and birth year) comes back with KIOSK_E_EXISTS. A full class puts the person on
     * the waiting list (status WAITLIST, returns OK). */
    kiosk_status (*register_person)(kiosk_ctx *ctx, const char *event_id,
                                    struct kiosk_person *p, int walkin,
                                    struct kiosk_registration *out);
    kiosk_status (*registration_get)(kiosk_ctx *ctx, const char *event_id, const char *person_id,
                                     struct kiosk_registration *out);
    /* One check-in per person, session and kind: a repeat returns KIOSK_E_EXISTS with the
     * first one. The signature may be NULL. Committed durably before it returns OK. */
    kiosk_status (*check_in)(kiosk_ctx *ctx, const char *session_id, const char *person_id,
                             int kind, const struct kiosk_signature *sig,
                             struct kiosk_checkin *out);
    /* Issues (or returns the existing) receipt of a kind for person and event/session. */
    kiosk_status (*receipt_issue)(kiosk_ctx *ctx, int kind, const char *event_id,
                                  const char *session_id, const char *person_id,
                                  struct kiosk_receipt *out);
    /* Verifies a scanned text (signature, trusted key, this program) and looks it up.
     * On failure *why says why, for people. */
    kiosk_status (*receipt_verify)(kiosk_ctx *ctx, const char *text, struct kiosk_receipt *out,
                                   const char **why);
    kiosk_status (*fair_stats)(kiosk_ctx *ctx, const char *event_id, int64_t day_ms,
                               struct kiosk_fair_stats *out);
    /* Latest visitors of a fair (newest first) with their note, for the staff view. */
    kiosk_status (*fair_latest)(kiosk_ctx *ctx, const char *event_id, size_t max,
                                struct kiosk_person **out, size_t *count);

    /* -- since 1.0: widgets (immediate mode; call them from frame) --
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
    /* The receipt screen: the QR (large), short code, event, the person's name (on screen
     * only), a print button when a printer is configured, and "Xong". Returns 1 when the
     * person tapped "Xong". */
    int (*ui_receipt)(kiosk_ctx *ctx, const struct kiosk_receipt *r, const char *person_name);
};

/* What a plugin is. Kept static by the plugin; the host reads it, never writes it. */
struct kiosk_plugin {
    size_t size; /* sizeof(struct kiosk_plugin) as the plugin was built */
    uint16_t abi_major, abi_minor;
    const char *id;        /* unique, [a-z0-9_]: "class_attendance" */
    const char *title_key; /* string key of its home tile */
    const struct kiosk_string *strings; /* may be NULL */

    /* -- required -- */
    void *(*create)(kiosk_ctx *ctx);             /* OUT: the plugin's state (owned by it) */
    void (*destroy)(void *state);                /* IN: frees what create made */
    void (*frame)(void *state, kiosk_ctx *ctx);  /* draw the plugin's screen, handle taps */

    /* -- optional: NULL when not implemented -- */
    void (*enter)(void *state, kiosk_ctx *ctx);  /* its tile was tapped */
    void (*leave)(void *state, kiosk_ctx *ctx);  /* home, or the idle timeout: forget input */
    /* A scanned payload while this plugin is shown. Returns 1 when it took it. */
    int (*on_scan)(void *state, kiosk_ctx *ctx, const char *payload);
    void (*admin_frame)(void *state, kiosk_ctx *ctx); /* its part of the admin screen */
};

/* The one exported symbol. Returns the plugin's static descriptor, or NULL to refuse. */
typedef const struct kiosk_plugin *(*kiosk_plugin_entry_fn)(const struct kiosk_host_api *host);
#define KIOSK_PLUGIN_ENTRY_NAME "kiosk_plugin_entry"
KIOSK_EXPORT const struct kiosk_plugin *kiosk_plugin_entry(const struct kiosk_host_api *host);

#ifdef __cplusplus
}
#endif
#endif
