/* Corrections of attendance: the words the coordinator types and the row check. */
#include "people/marks.h"

#include "text/text.h"

#include <string.h>

int attendance_correction_parse(const char *word)
{
    static const char *const words[] = {"present", "absent", "excused"};
    for (size_t i = 0; word && i < KIOSK_ARRAY_LEN(words); i++)
        if (strcmp(word, words[i]) == 0)
            return (int)i + 1;
    return 0;
}

static int hex32(const char *id)
{
    if (strlen(id) != KIOSK_ID_LEN - 1)
        return 0;
    for (const char *c = id; *c; c++)
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
            return 0;
    return 1;
}

int attendance_mark_row_valid(int mark, const char *checkin_id, const char *reason,
                              const char *by_whom)
{
    if (mark < CORRECT_PRESENT || mark > CORRECT_CHECKOUT_CANCELLED || !checkin_id || !reason ||
        !by_whom)
        return 0;
    int trainee = strcmp(by_whom, MARK_BY_TRAINEE) == 0;
    if (strcmp(by_whom, MARK_BY_COORDINATOR) != 0 &&
        !(trainee && mark == CORRECT_CHECKOUT_CANCELLED))
        return 0;
    if (mark == CORRECT_CHECKOUT_CANCELLED ? !hex32(checkin_id) : checkin_id[0] != '\0')
        return 0;
    size_t n = strlen(reason);
    if (n == 0 || n > 200)
        return 0;
    for (const unsigned char *c = (const unsigned char *)reason; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            return 0;
    char nfc[256];
    return vn_nfc(reason, nfc, sizeof nfc) == KIOSK_OK;
}
