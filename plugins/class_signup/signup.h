/* class_signup: a person picks a class open for sign-up, gives her details and consents,
 * and leaves with the sign-up receipt. Stores nothing itself: the host does. */
#ifndef CLASS_SIGNUP_H
#define CLASS_SIGNUP_H

#include "../common/kit.h"

enum signup_screen {
    SIGNUP_LIST = 0, /* classes open for sign-up */
    SIGNUP_PERSON,   /* name, phone, year of birth */
    SIGNUP_PLACE,    /* commune */
    SIGNUP_ORG,      /* household business or cooperative (optional) */
    SIGNUP_CONSENT,  /* consents per purpose, then register */
    SIGNUP_RECEIPT,  /* the sign-up receipt */
    SIGNUP_FAILED,   /* a storage error: nothing was stored */
};

enum signup_outcome { SIGNUP_NEW = 1, SIGNUP_WAITLIST, SIGNUP_ALREADY };

#define SIGNUP_ERR_LEN 256

struct signup {
    const struct kiosk_host_api *h;
    struct kit_api k;
    int screen;

    struct kiosk_event *classes; /* the program's classes open for sign-up; malloc'd */
    size_t class_count;
    size_t page;
    struct kiosk_event ev; /* the class picked */

    char name[KIOSK_NAME_LEN];
    char phone[32];
    char year[8];
    char err_name[SIGNUP_ERR_LEN], err_phone[SIGNUP_ERR_LEN], err_year[SIGNUP_ERR_LEN];
    char err_place[SIGNUP_ERR_LEN];
    struct kit_places places;
    struct kit_place_field place;
    int org_kind; /* KIOSK_ORG_NONE, HOUSEHOLD or COOPERATIVE */
    char org[KIOSK_TEXT_LEN];
    int consent_contact;

    int outcome; /* enum signup_outcome */
    int waitlist_position;
    struct kiosk_receipt receipt;
    char person_name[KIOSK_NAME_LEN];
    char failure[SIGNUP_ERR_LEN];
};

extern const struct kiosk_string signup_strings[];

/* The form's screens (signup_form.c). */
void signup_form_start(struct signup *s, kiosk_ctx *ctx, const struct kiosk_event *ev);
void signup_person_frame(struct signup *s, kiosk_ctx *ctx);
void signup_place_frame(struct signup *s, kiosk_ctx *ctx);
void signup_org_frame(struct signup *s, kiosk_ctx *ctx);
void signup_consent_frame(struct signup *s, kiosk_ctx *ctx);

/* Keeps a host string (valid one frame) in one of the state's error buffers. */
void signup_keep(char dst[SIGNUP_ERR_LEN], const char *msg);

#endif
