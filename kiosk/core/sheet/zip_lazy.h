/* libzip and expat, opened on first use (lazy_lib.h): only a coordinator importing an XLSX
 * file needs them, so the kiosk never maps them at start. Never a sheet's content.
 *
 * The reader's files call both libraries by their own names: each name below is a macro
 * calling through the table, so a new call needs its name in ZIP_FUNCS or EXPAT_FUNCS and a
 * line below. zip_lazy_load comes first (xlsx_read does it). */
#ifndef KIOSK_SHEET_ZIP_LAZY_H
#define KIOSK_SHEET_ZIP_LAZY_H

#include "lazy_lib.h"

#include <expat.h>
#include <zip.h>

#define ZIP_FUNCS(X)                                                                               \
    X(zip_discard)                                                                                 \
    X(zip_error_fini)                                                                              \
    X(zip_error_init)                                                                              \
    X(zip_error_strerror)                                                                          \
    X(zip_fclose)                                                                                  \
    X(zip_fopen_index)                                                                             \
    X(zip_fread)                                                                                   \
    X(zip_get_num_entries)                                                                         \
    X(zip_name_locate)                                                                             \
    X(zip_open_from_source)                                                                        \
    X(zip_source_buffer_create)                                                                    \
    X(zip_source_free)                                                                             \
    X(zip_stat_index)

#define EXPAT_FUNCS(X)                                                                             \
    X(XML_ErrorString)                                                                             \
    X(XML_GetCurrentLineNumber)                                                                    \
    X(XML_GetErrorCode)                                                                            \
    X(XML_Parse)                                                                                   \
    X(XML_ParserCreate)                                                                            \
    X(XML_ParserFree)                                                                              \
    X(XML_SetCharacterDataHandler)                                                                 \
    X(XML_SetElementHandler)                                                                       \
    X(XML_SetStartDoctypeDeclHandler)                                                              \
    X(XML_SetUserData)                                                                             \
    X(XML_StopParser)

struct zip_fns {
    ZIP_FUNCS(LAZY_MEMBER)
};
struct expat_fns {
    EXPAT_FUNCS(LAZY_MEMBER)
};
extern struct zip_fns zip_fn;
extern struct expat_fns expat_fn;

/* Loads libzip and expat once; KIOSK_E_UNAVAILABLE (err says what to install) when one
 * cannot be. */
kiosk_status zip_lazy_load(char *err, size_t errlen);

#define zip_discard(...) zip_fn.zip_discard(__VA_ARGS__)
#define zip_error_fini(...) zip_fn.zip_error_fini(__VA_ARGS__)
#define zip_error_init(...) zip_fn.zip_error_init(__VA_ARGS__)
#define zip_error_strerror(...) zip_fn.zip_error_strerror(__VA_ARGS__)
#define zip_fclose(...) zip_fn.zip_fclose(__VA_ARGS__)
#define zip_fopen_index(...) zip_fn.zip_fopen_index(__VA_ARGS__)
#define zip_fread(...) zip_fn.zip_fread(__VA_ARGS__)
#define zip_get_num_entries(...) zip_fn.zip_get_num_entries(__VA_ARGS__)
#define zip_name_locate(...) zip_fn.zip_name_locate(__VA_ARGS__)
#define zip_open_from_source(...) zip_fn.zip_open_from_source(__VA_ARGS__)
#define zip_source_buffer_create(...) zip_fn.zip_source_buffer_create(__VA_ARGS__)
#define zip_source_free(...) zip_fn.zip_source_free(__VA_ARGS__)
#define zip_stat_index(...) zip_fn.zip_stat_index(__VA_ARGS__)

#define XML_ErrorString(...) expat_fn.XML_ErrorString(__VA_ARGS__)
#define XML_GetCurrentLineNumber(...) expat_fn.XML_GetCurrentLineNumber(__VA_ARGS__)
#define XML_GetErrorCode(...) expat_fn.XML_GetErrorCode(__VA_ARGS__)
#define XML_Parse(...) expat_fn.XML_Parse(__VA_ARGS__)
#define XML_ParserCreate(...) expat_fn.XML_ParserCreate(__VA_ARGS__)
#define XML_ParserFree(...) expat_fn.XML_ParserFree(__VA_ARGS__)
#define XML_SetCharacterDataHandler(...) expat_fn.XML_SetCharacterDataHandler(__VA_ARGS__)
#define XML_SetElementHandler(...) expat_fn.XML_SetElementHandler(__VA_ARGS__)
#define XML_SetStartDoctypeDeclHandler(...) expat_fn.XML_SetStartDoctypeDeclHandler(__VA_ARGS__)
#define XML_SetUserData(...) expat_fn.XML_SetUserData(__VA_ARGS__)
#define XML_StopParser(...) expat_fn.XML_StopParser(__VA_ARGS__)

#endif
