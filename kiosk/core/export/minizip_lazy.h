/* minizip, opened on first use (lazy_lib.h) like libxlsxwriter, which maps it anyway: the
 * second pass of a sheet with signatures copies libxlsxwriter's file entry by entry (raw,
 * never recompressed) and adds the pictures. Never a sheet's content.
 *
 * The callers use minizip's own names: each is a macro calling through the table, so a new
 * call needs its name in MINIZIP_FUNCS and a line below. minizip_lazy_load comes first. Its
 * headers are included as <minizip/...>: libzip's <zip.h> (XLSX in) is another library. */
#ifndef KIOSK_EXPORT_MINIZIP_LAZY_H
#define KIOSK_EXPORT_MINIZIP_LAZY_H

#include "lazy_lib.h"

#include <minizip/unzip.h>
#include <minizip/zip.h>

#define MINIZIP_FUNCS(X)                                                                           \
    X(unzClose)                                                                                    \
    X(unzCloseCurrentFile)                                                                         \
    X(unzGetCurrentFileInfo64)                                                                     \
    X(unzGoToFirstFile)                                                                            \
    X(unzGoToNextFile)                                                                             \
    X(unzOpen64)                                                                                   \
    X(unzOpenCurrentFile2)                                                                         \
    X(unzReadCurrentFile)                                                                          \
    X(zipClose)                                                                                    \
    X(zipCloseFileInZip)                                                                           \
    X(zipCloseFileInZipRaw64)                                                                      \
    X(zipOpen64)                                                                                   \
    X(zipOpenNewFileInZip2_64)                                                                     \
    X(zipOpenNewFileInZip64)                                                                       \
    X(zipWriteInFileInZip)

struct minizip_fns {
    MINIZIP_FUNCS(LAZY_MEMBER)
};
extern struct minizip_fns minizip_fn;

/* Loads minizip once; KIOSK_E_UNAVAILABLE (err says what to install) when it cannot. */
kiosk_status minizip_lazy_load(char *err, size_t errlen);

#define unzClose(...) minizip_fn.unzClose(__VA_ARGS__)
#define unzCloseCurrentFile(...) minizip_fn.unzCloseCurrentFile(__VA_ARGS__)
#define unzGetCurrentFileInfo64(...) minizip_fn.unzGetCurrentFileInfo64(__VA_ARGS__)
#define unzGoToFirstFile(...) minizip_fn.unzGoToFirstFile(__VA_ARGS__)
#define unzGoToNextFile(...) minizip_fn.unzGoToNextFile(__VA_ARGS__)
#define unzOpen64(...) minizip_fn.unzOpen64(__VA_ARGS__)
#define unzOpenCurrentFile2(...) minizip_fn.unzOpenCurrentFile2(__VA_ARGS__)
#define unzReadCurrentFile(...) minizip_fn.unzReadCurrentFile(__VA_ARGS__)
#define zipClose(...) minizip_fn.zipClose(__VA_ARGS__)
#define zipCloseFileInZip(...) minizip_fn.zipCloseFileInZip(__VA_ARGS__)
#define zipCloseFileInZipRaw64(...) minizip_fn.zipCloseFileInZipRaw64(__VA_ARGS__)
#define zipOpen64(...) minizip_fn.zipOpen64(__VA_ARGS__)
#define zipOpenNewFileInZip2_64(...) minizip_fn.zipOpenNewFileInZip2_64(__VA_ARGS__)
#define zipOpenNewFileInZip64(...) minizip_fn.zipOpenNewFileInZip64(__VA_ARGS__)
#define zipWriteInFileInZip(...) minizip_fn.zipWriteInFileInZip(__VA_ARGS__)

#endif
