/* HTIF (host-target interface): exit code and console output through the tohost/fromhost words. */
#ifndef CELLVP_HTIF_H
#define CELLVP_HTIF_H

#include <stdint.h>

/* The two words the host polls, found by their ELF symbols; each 8 bytes and 64-byte aligned, in `.tohost`. */
extern volatile uint64_t tohost;
extern volatile uint64_t fromhost;

/* Ends the program: the host exits with `code` (0 means success). */
void htif_exit(int code) __attribute__((noreturn));

/* Writes `len` bytes to the host's file descriptor `fd` (1 = stdout, 2 = stderr) through the syscall
 * proxy (SYS_write); returns what the host returns: the number of bytes written, or a negative errno. */
int htif_write(int fd, const void *buf, unsigned len);

/* Writes `s` and a newline to stdout, like puts(). */
int htif_puts(const char *s);

/* A small printf to stdout: %d %i %u %x %X %s %c %p %%, flags `0` and `-`, a field width, and the
 * length modifiers `l` (32 bits here: uint32_t is unsigned long on rv32) and `ll` (64 bits: uint64_t).
 * Returns the number of characters written. */
int htif_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
