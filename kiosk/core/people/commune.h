/* A commune typed freely ("phuong an binh") stored as people write it on paper: the
 * place list's own spelling when it names one of its communes ("phường An Bình"), else
 * the kind of place in lower case with its marks and each word capitalised
 * (docs/IDENTITY.md, "Communes"). */
#ifndef KIOSK_COMMUNE_H
#define KIOSK_COMMUNE_H

#include "common.h"

struct commune_tidied {
    char commune[KIOSK_PLACE_LEN];
    char district[KIOSK_PLACE_LEN]; /* from the list when it matched, else "" */
    char province[KIOSK_PLACE_LEN];
    int matched; /* 1: one commune of the list (and only one) is what was typed */
};

/* in: what was typed (NFC or not); province: the person's, when known (only communes of
 * that province are restored), or NULL/"". The list is assets/places.tsv (commune, district,
 * province; TAB-separated), read on first use; a typed text matches a listed commune by
 * the identity rule for communes (marks decide when typed, "xã"/"phường"/"thị trấn"
 * and their short forms "x.", "p.", "tt" in front ignored unless they differ from the
 * list's). Two listed communes that both match (an "An Bình" ward and an "An Bình"
 * commune, the kind not typed) restore nothing but the capitals. */
void commune_tidy(const char *in, const char *province, struct commune_tidied *out);

/* Reads another place list (tests); NULL: the shipped one again. KIOSK_E_IO when it cannot
 * be read (the list is then empty: communes are only capitalised). */
kiosk_status commune_load_places(const char *tsv_path);

#endif
