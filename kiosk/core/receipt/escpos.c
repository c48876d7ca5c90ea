/* ESC/POS byte streams and sending them to a printer. */
#include "escpos.h"

#include "bytes.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/lp.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define QR_TEXT_MAX 7000

static void put(struct kiosk_bytes *b, const void *p, size_t n)
{
    kiosk_bytes_put(b, p, n);
}

static void put_bytes(struct kiosk_bytes *b, int n, ...)
{
    uint8_t tmp[16];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n && i < (int)sizeof tmp; i++)
        tmp[i] = (uint8_t)va_arg(ap, int);
    va_end(ap);
    put(b, tmp, (size_t)n);
}

/* GS v 0: m=0 (normal), width in bytes, height in dots, then 1-bit rows, MSB left. */
static void put_image(struct kiosk_bytes *b, const struct escpos_image *img)
{
    int wb = (img->width + 7) / 8;
    for (int y0 = 0; y0 < img->height; y0 += ESCPOS_BAND_ROWS) {
        int rows = img->height - y0 < ESCPOS_BAND_ROWS ? img->height - y0 : ESCPOS_BAND_ROWS;
        put_bytes(b, 8, 0x1d, 'v', '0', 0, wb & 0xff, wb >> 8, rows & 0xff, rows >> 8);
        uint8_t row[ESCPOS_MAX_WIDTH_DOTS / 8];
        for (int y = y0; y < y0 + rows; y++) {
            memset(row, 0, (size_t)wb);
            const uint8_t *px = img->pixels + (size_t)y * (size_t)img->width;
            for (int x = 0; x < img->width; x++)
                if (px[x] >= 128)
                    row[x / 8] |= (uint8_t)(0x80 >> (x % 8));
            put(b, row, (size_t)wb);
        }
    }
}

/* GS ( k with cn = 49 (QR): the printer draws the code, sharper than any raster of it. */
static void put_qr(struct kiosk_bytes *b, const char *text, int module)
{
    size_t n = strlen(text) + 3;
    put_bytes(b, 9, 0x1d, '(', 'k', 4, 0, 49, 65, 50, 0);  /* model 2 */
    put_bytes(b, 8, 0x1d, '(', 'k', 3, 0, 49, 67, module); /* module size in dots */
    put_bytes(b, 8, 0x1d, '(', 'k', 3, 0, 49, 69, 49);     /* error correction M */
    put_bytes(b, 8, 0x1d, '(', 'k', (int)(n & 0xff), (int)(n >> 8), 49, 80, 48);
    put(b, text, n - 3);
    put_bytes(b, 8, 0x1d, '(', 'k', 3, 0, 49, 81, 48); /* print the stored code */
}

static int image_ok(const struct escpos_image *img)
{
    return img->pixels && img->width > 0 && img->height > 0 && img->width <= ESCPOS_MAX_WIDTH_DOTS;
}

kiosk_status escpos_build(const struct escpos_receipt *r, uint8_t **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    int module = r->qr_module_dots ? r->qr_module_dots : 6;
    if (!r->qr_text || !r->qr_text[0] || strlen(r->qr_text) > QR_TEXT_MAX || module < 1 ||
        module > 16)
        return KIOSK_E_INVALID;
    for (size_t i = 0; i < r->above_count; i++)
        if (!image_ok(&r->above[i]))
            return KIOSK_E_INVALID;
    for (size_t i = 0; i < r->below_count; i++)
        if (!image_ok(&r->below[i]))
            return KIOSK_E_INVALID;
    struct kiosk_bytes b = {0};
    put_bytes(&b, 2, 0x1b, '@');    /* initialise */
    put_bytes(&b, 3, 0x1b, 'a', 1); /* centre */
    for (size_t i = 0; i < r->above_count; i++)
        put_image(&b, &r->above[i]);
    put_qr(&b, r->qr_text, module);
    for (size_t i = 0; i < r->below_count; i++)
        put_image(&b, &r->below[i]);
    int feed = r->feed_lines > 0 && r->feed_lines < 256 ? r->feed_lines : 4;
    put_bytes(&b, 3, 0x1b, 'd', feed);
    put_bytes(&b, 3, 0x1d, 'V', 1); /* partial cut: the slip stays on the roll until taken */
    if (b.failed) {
        free(b.data);
        return KIOSK_E_NOMEM;
    }
    *out = b.data;
    *len = b.len;
    return KIOSK_OK;
}

static kiosk_status fail(kiosk_status st, const char **why_key, const char *key, char *detail,
                         size_t cap, const char *what, const char *target, int err)
{
    *why_key = key;
    if (detail && cap)
        snprintf(detail, cap, "%s '%s'%s%s", what, target, err ? ": " : "",
                 err ? strerror(err) : "");
    kiosk_log(KIOSK_LOG_WARN, "%s '%s'%s%s", what, target, err ? ": " : "",
              err ? strerror(err) : "");
    return st;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Writes all of data to a non-blocking fd within the deadline; 0 or an errno. */
static int write_all(int fd, int is_socket, const uint8_t *data, size_t len, int64_t deadline)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = is_socket ? send(fd, data + done, len - done, MSG_NOSIGNAL)
                              : write(fd, data + done, len - done);
        if (n > 0) {
            done += (size_t)n;
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return errno;
        int left = (int)(deadline - now_ms());
        if (left <= 0)
            return ETIMEDOUT;
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        if (poll(&p, 1, left) == 0)
            return ETIMEDOUT;
    }
    return 0;
}

static int connect_tcp(const char *hostport, int64_t deadline, int *fd_out)
{
    char host[256], port[16] = "9100";
    kiosk_strlcpy(host, hostport, sizeof host);
    char *colon = strrchr(host, ':');
    if (colon) {
        *colon = '\0';
        kiosk_strlcpy(port, colon + 1, sizeof port);
    }
    if (!host[0] || !port[0] || strspn(port, "0123456789") != strlen(port))
        return EINVAL;
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *ai = NULL;
    if (getaddrinfo(host, port, &hints, &ai) != 0 || !ai)
        return EHOSTUNREACH;
    int err = ECONNREFUSED;
    for (struct addrinfo *a = ai; a; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            err = errno;
            continue;
        }
        if (connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
            err = errno;
            close(fd);
            continue;
        }
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        int left = (int)(deadline - now_ms());
        int so = ETIMEDOUT;
        socklen_t sl = sizeof so;
        if (left > 0 && poll(&p, 1, left) == 1)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &so, &sl);
        if (so == 0) {
            freeaddrinfo(ai);
            *fd_out = fd;
            return 0;
        }
        err = so;
        close(fd);
    }
    freeaddrinfo(ai);
    return err;
}

/* 1 when a parallel-class device (usblp) says it is out of paper. */
static int out_of_paper(int fd)
{
    int status = 0;
    return ioctl(fd, LPGETSTATUS, &status) == 0 && (status & LP_POUTPA);
}

kiosk_status escpos_send(const char *target, const uint8_t *data, size_t len, int timeout_ms,
                         const char **why_key, char *detail, size_t detail_cap)
{
    static const char *const unplugged = "receipt.print.unplugged",
                             *const no_paper = "receipt.print.no_paper",
                             *const failed = "receipt.print.failed";
    if (detail && detail_cap)
        detail[0] = '\0';
    *why_key = NULL;
    int64_t deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 3000);
    if (!target || !target[0])
        return fail(KIOSK_E_INVALID, why_key, failed, detail, detail_cap, "no printer in setting",
                    "printer", 0);
    int is_socket = strncmp(target, "tcp:", 4) == 0;
    int fd = -1, err;
    if (is_socket) {
        err = connect_tcp(target + 4, deadline, &fd);
        if (err == EINVAL)
            return fail(KIOSK_E_INVALID, why_key, failed, detail, detail_cap,
                        "printer should be tcp:HOST or tcp:HOST:PORT, not", target, 0);
        if (err)
            return fail(KIOSK_E_UNAVAILABLE, why_key, unplugged, detail, detail_cap,
                        "cannot reach printer", target, err);
    } else {
        /* No O_CREAT: a missing /dev/usb/lp0 is an unplugged printer, not a new file. */
        fd = open(target, O_WRONLY | O_APPEND | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
            err = errno;
            if (err == EACCES || err == EPERM)
                return fail(KIOSK_E_DENIED, why_key, failed, detail, detail_cap,
                            "no permission to write to printer (add the kiosk user to group "
                            "lp)",
                            target, err);
            if (err == EISDIR)
                return fail(KIOSK_E_INVALID, why_key, failed, detail, detail_cap,
                            "printer is a folder:", target, 0);
            return fail(KIOSK_E_UNAVAILABLE, why_key, unplugged, detail, detail_cap,
                        "cannot open printer", target, err);
        }
        if (out_of_paper(fd)) {
            close(fd);
            return fail(KIOSK_E_UNAVAILABLE, why_key, no_paper, detail, detail_cap,
                        "out of paper: printer", target, 0);
        }
    }
    err = write_all(fd, is_socket, data, len, deadline);
    int paper = err && !is_socket && out_of_paper(fd);
    close(fd);
    if (!err)
        return KIOSK_OK;
    if (paper || err == ENOSPC)
        return fail(KIOSK_E_UNAVAILABLE, why_key, no_paper, detail, detail_cap,
                    "out of paper: printer", target, 0);
    if (err == ETIMEDOUT || err == EIO || err == ENODEV || err == EPIPE || err == ECONNRESET)
        return fail(KIOSK_E_UNAVAILABLE, why_key, unplugged, detail, detail_cap,
                    "printer stopped taking data:", target, err);
    return fail(KIOSK_E_IO, why_key, failed, detail, detail_cap, "cannot print to", target, err);
}
