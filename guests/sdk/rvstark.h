/*
 * rvstark guest API: the Linux-compatible syscalls of the rvstark guest ABI
 * (read 63, write 64, exit 93), so every guest also runs unmodified under qemu-riscv32.
 * fd 0 is the input stream, fd 1 the journal (public output), fd 2 the host's stderr.
 */
#ifndef RVSTARK_H
#define RVSTARK_H

#include <stddef.h>
#include <stdint.h>

#define RV_SYS_READ 63
#define RV_SYS_WRITE 64
#define RV_SYS_EXIT 93

static inline long rv_syscall3(long n, long a, long b, long c) {
  register long a0 __asm__("a0") = a;
  register long a1 __asm__("a1") = b;
  register long a2 __asm__("a2") = c;
  register long a7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}

/* Reads up to n input bytes into buf; returns the count, 0 at end of input. */
static inline long rv_read(void *buf, size_t n) { return rv_syscall3(RV_SYS_READ, 0, (long)buf, (long)n); }

/* Writes n bytes to fd (1: journal, 2: stderr); returns the count. */
static inline long rv_write(int fd, const void *buf, size_t n) {
  return rv_syscall3(RV_SYS_WRITE, fd, (long)buf, (long)n);
}

/* Appends n bytes to the journal, the public output bound to the proof's claim. */
static inline long rv_commit(const void *buf, size_t n) { return rv_write(1, buf, n); }

/* Provided by rvstark.c (freestanding) or picolibc; GCC may also emit calls to them. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Reads exactly n bytes (or until end of input); returns the count read. */
size_t rv_read_exact(void *buf, size_t n);

/* Stops the guest with the given exit code; flushes picolibc's stdout first if linked. */
__attribute__((noreturn)) void rv_exit(int code);

#endif
