/* Pictures on a sheet in constant memory: spooled while the sheet is written, placed by a
 * second pass over libxlsxwriter's file (xlsx_pictures.h). */
#include "export/xlsx_pictures.h"

#include "export/minizip_lazy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The parts libxlsxwriter writes for the sheet's one picture (the attendance workbook has one
 * sheet and no chart), replaced or dropped by the second pass. */
#define DRAWING "xl/drawings/drawing1.xml"
#define DRAWING_RELS "xl/drawings/_rels/drawing1.xml.rels"
#define FIRST_MEDIA "xl/media/image1.png"
#define EMU_PER_PIXEL 9525
/* Slots of the table finding identical pictures (a pad's blank or a copied signature): the
 * latest picture of each hash slot is remembered, so memory stays fixed. */
#define SAME_SLOTS 4096

struct same {
    uint64_t hash;
    uint64_t at; /* offset of the bytes in the media spool */
    uint32_t len;
    uint32_t media; /* imageN.png; 0: empty slot */
};

struct anchor {
    struct xlsx_picture pic;
    uint32_t media;
};

struct xlsx_pictures {
    FILE *media;   /* distinct pictures: a 4-byte length, then the PNG */
    FILE *anchors; /* struct anchor a picture, in the order added */
    uint64_t media_len;
    long count;
    uint32_t distinct;
    int failed;
    struct same same[SAME_SLOTS];
};

struct xlsx_pictures *xlsx_pictures_new(void)
{
    struct xlsx_pictures *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->media = tmpfile();
    p->anchors = tmpfile();
    if (!p->media || !p->anchors) {
        xlsx_pictures_free(p);
        return NULL;
    }
    return p;
}

void xlsx_pictures_free(struct xlsx_pictures *p)
{
    if (!p)
        return;
    if (p->media)
        fclose(p->media);
    if (p->anchors)
        fclose(p->anchors);
    free(p);
}

long xlsx_pictures_count(const struct xlsx_pictures *p, long *distinct)
{
    if (distinct)
        *distinct = p ? (long)p->distinct : 0;
    return p ? p->count : 0;
}

static uint64_t fnv1a(const unsigned char *b, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

/* 1 when the spooled picture at s holds exactly png (a hash alone never decides). */
static int same_bytes(struct xlsx_pictures *p, const struct same *s, const void *png, size_t len)
{
    unsigned char *b = malloc(len ? len : 1);
    int same = b && fflush(p->media) == 0 &&
               pread(fileno(p->media), b, len, (off_t)s->at) == (ssize_t)len &&
               memcmp(b, png, len) == 0;
    free(b);
    return same;
}

/* The media number of png: a stored identical picture's, or a new one spooled. 0 on error. */
static uint32_t media_of(struct xlsx_pictures *p, const void *png, size_t len)
{
    uint64_t h = fnv1a(png, len);
    struct same *s = &p->same[h % SAME_SLOTS];
    if (s->media && s->hash == h && s->len == len && same_bytes(p, s, png, len))
        return s->media;
    uint32_t n = (uint32_t)len;
    if (len > UINT32_MAX || fwrite(&n, sizeof n, 1, p->media) != 1 ||
        fwrite(png, 1, len, p->media) != len)
        return 0;
    *s = (struct same){h, p->media_len + sizeof n, n, ++p->distinct};
    p->media_len += sizeof n + len;
    return s->media;
}

int xlsx_pictures_add(struct xlsx_pictures *p, const struct xlsx_picture *pic, const void *png,
                      size_t len)
{
    if (p->failed)
        return -1;
    struct anchor a;
    memset(&a, 0, sizeof a); /* no stray padding bytes in the spool */
    a.pic = *pic;
    a.media = media_of(p, png, len);
    if (!a.media || fwrite(&a, sizeof a, 1, p->anchors) != 1) {
        p->failed = 1;
        return -1;
    }
    return ++p->count == 1;
}

/* ---- pass 2 ---- */

/* A new entry of out, dated as libxlsxwriter dates its own (1 January 1980). */
static int entry_open(zipFile out, const char *name, int method)
{
    zip_fileinfo zi;
    memset(&zi, 0, sizeof zi);
    zi.tmz_date.tm_mday = 1;
    zi.tmz_date.tm_year = 1980;
    return zipOpenNewFileInZip64(out, name, &zi, NULL, 0, NULL, 0, NULL, method,
                                 method ? Z_DEFAULT_COMPRESSION : 0, 0) == ZIP_OK;
}

static int put(zipFile out, const char *text, size_t n)
{
    return zipWriteInFileInZip(out, text, (unsigned)n) == ZIP_OK;
}

/* One picture's anchor, as libxlsxwriter writes it (a:off in 64 bits: a tall sheet's
 * pictures lie further down than 32 bits of EMU reach). */
static int put_anchor(zipFile out, const struct anchor *a, long number)
{
    const struct xlsx_picture *g = &a->pic;
    char x[1600];
    int n = snprintf(
        x, sizeof x,
        "<xdr:twoCellAnchor><xdr:from><xdr:col>%u</xdr:col><xdr:colOff>%u</xdr:colOff>"
        "<xdr:row>%u</xdr:row><xdr:rowOff>%u</xdr:rowOff></xdr:from><xdr:to><xdr:col>%u"
        "</xdr:col><xdr:colOff>%u</xdr:colOff><xdr:row>%u</xdr:row><xdr:rowOff>%u</xdr:rowOff>"
        "</xdr:to><xdr:pic><xdr:nvPicPr><xdr:cNvPr id=\"%ld\" name=\"Picture %ld\"/>"
        "<xdr:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></xdr:cNvPicPr></xdr:nvPicPr>"
        "<xdr:blipFill><a:blip xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships\" r:embed=\"rId%u\"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>"
        "<xdr:spPr><a:xfrm><a:off x=\"%llu\" y=\"%llu\"/><a:ext cx=\"%u\" cy=\"%u\"/></a:xfrm>"
        "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/>"
        "</xdr:twoCellAnchor>",
        g->col, (unsigned)(g->x_off * EMU_PER_PIXEL), g->row, (unsigned)(g->y_off * EMU_PER_PIXEL),
        g->to_col, (unsigned)(g->to_x_off * EMU_PER_PIXEL + 0.5), g->to_row,
        (unsigned)(g->to_y_off * EMU_PER_PIXEL + 0.5), number + 1, number, a->media,
        (unsigned long long)g->x_abs * EMU_PER_PIXEL, (unsigned long long)g->y_abs * EMU_PER_PIXEL,
        (unsigned)(0.5 + g->width * EMU_PER_PIXEL), (unsigned)(0.5 + g->height * EMU_PER_PIXEL));
    return n > 0 && (size_t)n < sizeof x && put(out, x, (size_t)n);
}

static int write_drawing(struct xlsx_pictures *p, zipFile out)
{
    static const char head[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<xdr:wsDr "
        "xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" "
        "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">";
    static const char tail[] = "</xdr:wsDr>";
    if (!entry_open(out, DRAWING, Z_DEFLATED))
        return 0;
    int ok = put(out, head, sizeof head - 1);
    rewind(p->anchors);
    struct anchor a;
    for (long i = 1; ok && i <= p->count; i++)
        ok = fread(&a, sizeof a, 1, p->anchors) == 1 && put_anchor(out, &a, i);
    ok = ok && put(out, tail, sizeof tail - 1);
    return zipCloseFileInZip(out) == ZIP_OK && ok;
}

static int write_rels(const struct xlsx_pictures *p, zipFile out)
{
    static const char head[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    static const char tail[] = "</Relationships>";
    if (!entry_open(out, DRAWING_RELS, Z_DEFLATED))
        return 0;
    int ok = put(out, head, sizeof head - 1);
    for (uint32_t i = 1; ok && i <= p->distinct; i++) {
        char r[256];
        int n = snprintf(r, sizeof r,
                         "<Relationship Id=\"rId%u\" Type=\"http://schemas.openxmlformats.org/"
                         "officeDocument/2006/relationships/image\" "
                         "Target=\"../media/image%u.png\"/>",
                         i, i);
        ok = n > 0 && (size_t)n < sizeof r && put(out, r, (size_t)n);
    }
    ok = ok && put(out, tail, sizeof tail - 1);
    return zipCloseFileInZip(out) == ZIP_OK && ok;
}

/* xl/media/image1.png .. imageN.png from the spool, stored as they are (PNG is compressed). */
static int write_media(struct xlsx_pictures *p, zipFile out)
{
    rewind(p->media);
    int ok = 1;
    for (uint32_t i = 1; ok && i <= p->distinct; i++) {
        uint32_t len;
        char name[64], b[8192];
        snprintf(name, sizeof name, "xl/media/image%u.png", i);
        ok = fread(&len, sizeof len, 1, p->media) == 1 && entry_open(out, name, 0);
        while (ok && len > 0) {
            size_t n = len < sizeof b ? len : sizeof b;
            ok = fread(b, 1, n, p->media) == n && put(out, b, n);
            len -= (uint32_t)n;
        }
        ok = zipCloseFileInZip(out) == ZIP_OK && ok;
    }
    return ok;
}

/* The current entry of in copied to out as it is stored (compressed bytes, CRC, sizes). */
static int copy_entry(unzFile in, zipFile out, const char *name, const unz_file_info64 *info)
{
    int method = 0, level = 0;
    if (unzOpenCurrentFile2(in, &method, &level, 1) != UNZ_OK)
        return 0;
    zip_fileinfo zi;
    memset(&zi, 0, sizeof zi);
    zi.dosDate = info->dosDate;
    zi.internal_fa = info->internal_fa;
    zi.external_fa = info->external_fa;
    int ok = zipOpenNewFileInZip2_64(out, name, &zi, NULL, 0, NULL, 0, NULL, method, level, 1,
                                     info->uncompressed_size >= 0xffffffffu) == ZIP_OK;
    char b[16384];
    int n = 0;
    while (ok && (n = unzReadCurrentFile(in, b, sizeof b)) > 0)
        ok = put(out, b, (size_t)n);
    ok = ok && n == 0;
    if (ok)
        ok = zipCloseFileInZipRaw64(out, info->uncompressed_size, info->crc) == ZIP_OK;
    unzCloseCurrentFile(in);
    return ok;
}

/* Every entry of in into out, the drawing's two parts and the first picture replaced. Which
 * of the three were seen goes to *seen (bits 1, 2, 4). */
static int copy_workbook(struct xlsx_pictures *p, unzFile in, zipFile out, int *seen)
{
    int rc, ok = 1;
    for (rc = unzGoToFirstFile(in); ok && rc == UNZ_OK; rc = unzGoToNextFile(in)) {
        unz_file_info64 info;
        char name[512];
        if (unzGetCurrentFileInfo64(in, &info, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK)
            return 0;
        if (p->count && strcmp(name, DRAWING) == 0)
            *seen |= 1, ok = write_drawing(p, out);
        else if (p->count && strcmp(name, DRAWING_RELS) == 0)
            *seen |= 2, ok = write_rels(p, out);
        else if (p->count && strcmp(name, FIRST_MEDIA) == 0)
            *seen |= 4; /* written with the others */
        else
            ok = copy_entry(in, out, name, &info);
    }
    return ok && rc == UNZ_END_OF_LIST_OF_FILE;
}

kiosk_status xlsx_pictures_finish(struct xlsx_pictures *p, const char *from, const char *to,
                                  char *err, size_t errlen)
{
    if (minizip_lazy_load(err, errlen) != KIOSK_OK)
        return KIOSK_E_UNAVAILABLE;
    if (p->failed || fflush(p->media) != 0 || fflush(p->anchors) != 0) {
        kiosk_fmt(err, errlen, "cannot keep the signatures in a temporary file");
        return KIOSK_E_IO;
    }
    unzFile in = unzOpen64(from);
    zipFile out = in ? zipOpen64(to, APPEND_STATUS_CREATE) : NULL;
    int seen = 0, ok = in && out && copy_workbook(p, in, out, &seen);
    int drawn = !p->count || seen == 7;
    ok = ok && drawn && (!p->count || write_media(p, out));
    if (out && zipClose(out, NULL) != ZIP_OK)
        ok = 0;
    if (in)
        unzClose(in);
    if (ok)
        return KIOSK_OK;
    if (!drawn)
        kiosk_fmt(err, errlen, "the workbook '%s' has no drawing for the signatures", from);
    else
        kiosk_fmt(err, errlen, "cannot write '%s' from '%s'", to, from);
    return KIOSK_E_IO;
}
