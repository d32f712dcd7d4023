/* HTIF driver: the tohost/fromhost words, exit, the SYS_write syscall proxy, and a small printf over it. */
#include "htif.h"

#include <stdarg.h>

#define HTIF_SYS_WRITE 64 /* the syscall proxy uses the RISC-V Linux syscall numbers */

volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64)));

/* The syscall block the host reads: the number and arguments; the host writes the result into [0].
 * 64-byte aligned, as in riscv-pk. */
static volatile uint64_t magic_mem[8] __attribute__((aligned(64)));

/* A host may act as soon as the high word is written (QEMU does), so the low word goes first. */
static void tohost_send(uint64_t cmd)
{
    volatile uint32_t *word = (volatile uint32_t *)&tohost;
    word[0] = (uint32_t)cmd;
    word[1] = (uint32_t)(cmd >> 32);
}

void htif_exit(int code)
{
    tohost_send(((uint64_t)(unsigned)code << 1) | 1);
    for (;;) {
        /* the host stops the hart */
    }
}

int htif_write(int fd, const void *buf, unsigned len)
{
    magic_mem[0] = HTIF_SYS_WRITE;
    magic_mem[1] = (uint64_t)fd;
    magic_mem[2] = (uintptr_t)buf;
    magic_mem[3] = len;
    __asm__ volatile("fence" ::: "memory"); /* the buffer and the block reach memory before the host looks */
    tohost_send((uintptr_t)magic_mem);
    while (fromhost == 0) {
    }
    fromhost = 0;
    __asm__ volatile("fence" ::: "memory");
    return (int)magic_mem[0];
}

int htif_puts(const char *s)
{
    unsigned len = 0;
    while (s[len] != '\0')
        len++;
    int written = htif_write(1, s, len);
    return htif_write(1, "\n", 1) < 0 ? -1 : written + 1;
}

/* printf collects its output in a line-sized buffer so that a line costs one host call. */
struct out {
    char buf[128];
    unsigned len;
    int total;
};

static void out_flush(struct out *o)
{
    if (o->len != 0)
        htif_write(1, o->buf, o->len);
    o->len = 0;
}

static void out_char(struct out *o, char c)
{
    if (o->len == sizeof o->buf)
        out_flush(o);
    o->buf[o->len++] = c;
    o->total++;
}

static void out_repeat(struct out *o, char c, int count)
{
    for (; count > 0; count--)
        out_char(o, c);
}

static void out_number(struct out *o, uint64_t value, unsigned base, int upper, int negative, int width,
                       char pad, int left)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char text[20]; /* 2^64 - 1 has 20 decimal digits */
    int n = 0;
    do {
        text[n++] = digits[value % base];
        value /= base;
    } while (value != 0);

    int fill = width - n - negative;
    if (!left && pad == ' ')
        out_repeat(o, ' ', fill);
    if (negative)
        out_char(o, '-');
    if (!left && pad == '0')
        out_repeat(o, '0', fill);
    while (n > 0)
        out_char(o, text[--n]);
    if (left)
        out_repeat(o, ' ', fill);
}

int htif_printf(const char *fmt, ...)
{
    struct out o;
    o.len = 0;
    o.total = 0;

    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p != '\0'; p++) {
        if (*p != '%') {
            out_char(&o, *p);
            continue;
        }
        p++;
        int left = 0;
        char pad = ' ';
        for (;; p++) {
            if (*p == '-')
                left = 1;
            else if (*p == '0')
                pad = '0';
            else
                break;
        }
        int width = 0;
        while (*p >= '0' && *p <= '9')
            width = width * 10 + (*p++ - '0');
        int longs = 0;
        while (*p == 'l') {
            longs++;
            p++;
        }

        switch (*p) {
        case 'd':
        case 'i': {
            int64_t v = longs >= 2 ? va_arg(ap, long long) : longs == 1 ? va_arg(ap, long) : va_arg(ap, int);
            uint64_t magnitude = v < 0 ? -(uint64_t)v : (uint64_t)v;
            out_number(&o, magnitude, 10, 0, v < 0, width, pad, left);
            break;
        }
        case 'u':
        case 'x':
        case 'X': {
            uint64_t v = longs >= 2   ? va_arg(ap, unsigned long long)
                         : longs == 1 ? va_arg(ap, unsigned long)
                                      : va_arg(ap, unsigned);
            out_number(&o, v, *p == 'u' ? 10 : 16, *p == 'X', 0, width, pad, left);
            break;
        }
        case 'p':
            out_char(&o, '0');
            out_char(&o, 'x');
            out_number(&o, (uintptr_t)va_arg(ap, void *), 16, 0, 0, 2 * sizeof(void *), '0', 0);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (s == 0)
                s = "(null)";
            int len = 0;
            while (s[len] != '\0')
                len++;
            if (!left)
                out_repeat(&o, ' ', width - len);
            for (int i = 0; i < len; i++)
                out_char(&o, s[i]);
            if (left)
                out_repeat(&o, ' ', width - len);
            break;
        }
        case 'c':
            out_char(&o, (char)va_arg(ap, int));
            break;
        case '%':
            out_char(&o, '%');
            break;
        case '\0': /* a lone '%' at the end */
            p--;
            break;
        default: /* unknown conversion: show it as written */
            out_char(&o, '%');
            out_char(&o, *p);
            break;
        }
    }
    va_end(ap);
    out_flush(&o);
    return o.total;
}
