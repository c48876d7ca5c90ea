/* class_attendance: a trainee finds her name (or scans her receipt) and is marked present
 * for the session running now; walk-ins, late arrivals, check-out and signatures. Stores
 * nothing itself: every record goes through the host. */
#ifndef CLASS_ATTENDANCE_H
#define CLASS_ATTENDANCE_H

#include "../common/kit.h"

enum att_screen {
    ATT_PICK_CLASS = 0, /* no class set for this kiosk: today's classes to choose from */
    ATT_SEARCH,         /* type a name, or scan */
    ATT_CONFIRM,        /* "is this you?" */
    ATT_SIGN,           /* the signature pad, for classes that ask for it */
    ATT_DONE,           /* present / late / already / left */
    ATT_RECEIPT,        /* the attendance receipt */
    ATT_WALKIN,         /* not on the list: name, year, phone */
    ATT_WALKIN_PLACE,   /* commune */
    ATT_WALKIN_CONSENT, /* consents, then register and check in */
    ATT_CLOSED,         /* no session today: a message */
    ATT_RETURN,         /* she left earlier: "Bạn quay lại?" (and undo within minutes) */
    ATT_SEARCH_ALL,     /* several classes now: one name search across them all */
};

#define ATT_MSG_LEN 256
#define ATT_MAX_HITS 4 /* two rows of two: all above the on-screen keyboard */
#define ATT_MAX_TODAY 8
#define ATT_SEEN_MAX 512
#define ATT_MIN_TYPED 2 /* folded bytes before searching: one letter matches half the class */

/* A name found by the search across the classes running now, and in which class. */
struct att_all_hit {
    int score;
    size_t cls; /* index into today[] */
    struct kiosk_person person;
};

struct attendance {
    const struct kiosk_host_api *h;
    struct kit_api k;
    int screen;

    int have_event; /* ev and sess are set */
    struct kiosk_event ev;
    struct kiosk_session sess;
    struct kiosk_event today[ATT_MAX_TODAY]; /* ATT_PICK_CLASS */
    size_t today_count;
    int64_t today_from[ATT_MAX_TODAY]; /* the start of each one's session now */
    int all_mode;                      /* several classes now: the search across them */
    struct att_all_hit all_hits[ATT_MAX_HITS];
    size_t all_count;
    char closed[ATT_MSG_LEN];

    char typed[KIOSK_NAME_LEN];
    int focus_pending;        /* the search opens with its keyboard up (ABI 2.3) */
    struct kiosk_array hits;  /* struct kiosk_person_hit, host memory */
    char notice[ATT_MSG_LEN]; /* on the search screen: a refused scan, an error */
    int notice_kind;          /* enum kiosk_msg */

    struct kiosk_person who;
    struct kiosk_signature sig;
    int sig_missing;

    int kind;                    /* KIOSK_CHECK_IN or KIOSK_CHECK_OUT */
    int repeat;                  /* the check-in existed already */
    int asking_leave;            /* "Tôi về sớm" tapped: the confirmation is shown */
    int undone;                  /* her check-out was just undone */
    struct kiosk_presence pres;  /* after a check-out, or when she found her name again */
    char undo_note[ATT_MSG_LEN]; /* an undo refused: why */
    struct kiosk_checkin ci;
    struct kiosk_receipt receipt;
    char failure[ATT_MSG_LEN];

    /* people this kiosk checked in this session: a repeat skips the signature pad */
    char seen_session[KIOSK_ID_LEN];
    char seen[ATT_SEEN_MAX][KIOSK_ID_LEN];
    size_t seen_count;

    /* the walk-in form */
    char w_name[KIOSK_NAME_LEN], w_phone[32], w_year[8];
    char err_name[ATT_MSG_LEN], err_phone[ATT_MSG_LEN], err_year[ATT_MSG_LEN],
        err_place[ATT_MSG_LEN];
    struct kit_places places;
    struct kit_place_field place;
    int consent_contact;
};

extern const struct kiosk_string attendance_strings[];

void att_keep(char dst[ATT_MSG_LEN], const char *msg);
/* Back to the search screen, forgetting the last person (the next trainee's turn). */
void att_to_search(struct attendance *a, kiosk_ctx *ctx);
/* After an outcome ("Xong", the receipt): the next trainee's search (docs/CHECKIN.md). */
void att_next_trainee(struct attendance *a, kiosk_ctx *ctx);

/* The class chosen and its session now (else the closed screen): 1 when it has one. */
int att_use_class(struct attendance *a, kiosk_ctx *ctx, const struct kiosk_event *ev);
/* "Quay lại" to the search she came from, her typing kept and the keyboard up. */
void att_back_to_search(struct attendance *a);
/* "1985 · xã Mỹ Khánh": what tells namesakes apart. */
void att_hit_detail(struct attendance *a, kiosk_ctx *ctx, const struct kiosk_person *p, char *out,
                    size_t cap);

/* The search's notice and her name's field; 1 when the typing changed. */
int att_name_field(struct attendance *a, kiosk_ctx *ctx, int in_header);

/* attendance_all.c: several classes running now: one search across their registrations. */
void att_all_start(struct attendance *a, kiosk_ctx *ctx);
void att_all_frame(struct attendance *a, kiosk_ctx *ctx);

/* attendance_checkin.c: the person is known; confirm, sign, check in, receipt. */
void att_person_chosen(struct attendance *a, kiosk_ctx *ctx, const struct kiosk_person *p,
                       int confirm);
void att_confirm_frame(struct attendance *a, kiosk_ctx *ctx);
void att_sign_frame(struct attendance *a, kiosk_ctx *ctx);
void att_done_frame(struct attendance *a, kiosk_ctx *ctx);
void att_receipt_frame(struct attendance *a, kiosk_ctx *ctx);
/* A receipt of the class shown (verified by the host): find the person, check in. */
void att_receipt(struct attendance *a, kiosk_ctx *ctx, const struct kiosk_receipt *r);
/* "“Title” (place · code X)". */
void att_class_label(struct attendance *a, kiosk_ctx *ctx, const struct kiosk_event *ev, char *out,
                     size_t cap);

/* Stores a check-in or check-out (a return when she left) and shows the outcome. */
void att_check(struct attendance *a, kiosk_ctx *ctx, int kind);

/* attendance_leave.c: undo a check-out within minutes, come back after leaving. */
/* Reads her presence into a->pres: 1 when she checked out of this session. */
int att_left_already(struct attendance *a, kiosk_ctx *ctx);
/* 1 while she may still undo the check-out in a->pres. */
int att_undo_open(struct attendance *a, kiosk_ctx *ctx);
/* The undo button and its hint (only while open); 1 on the frame it was tapped. */
int att_undo_button(struct attendance *a, kiosk_ctx *ctx);
void att_return_frame(struct attendance *a, kiosk_ctx *ctx);

/* attendance_walkin.c */
void att_walkin_start(struct attendance *a, kiosk_ctx *ctx);
void att_walkin_frame(struct attendance *a, kiosk_ctx *ctx);
void att_walkin_place_frame(struct attendance *a, kiosk_ctx *ctx);
void att_walkin_consent_frame(struct attendance *a, kiosk_ctx *ctx);

#endif
