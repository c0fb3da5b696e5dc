/*
 * rvstark guest runtime: rv_exit and the memcpy/memset/memmove/memcmp that GCC may emit
 * calls to in freestanding builds. Picolibc builds define RV_NO_MEMFUNCS and use libc's.
 */
#include "rvstark.h"

/* Defined by the picolibc glue when linked; flushes buffered stdout/stderr. */
extern void rv_stdio_flush(void) __attribute__((weak));

size_t rv_read_exact(void *buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    long r = rv_read((char *)buf + got, n - got);
    if (r <= 0) break;
    got += (size_t)r;
  }
  return got;
}

void rv_exit(int code) {
  if (rv_stdio_flush) rv_stdio_flush();
  rv_syscall3(RV_SYS_EXIT, code, 0, 0);
  __builtin_unreachable();
}

#ifndef RV_NO_MEMFUNCS
__attribute__((weak)) void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  while (n--) *d++ = *s++;
  return dst;
}

__attribute__((weak)) void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (d < s) {
    while (n--) *d++ = *s++;
  } else {
    while (n--) d[n] = s[n];
  }
  return dst;
}

__attribute__((weak)) void *memset(void *dst, int c, size_t n) {
  unsigned char *d = dst;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}

__attribute__((weak)) int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  for (; n; n--, x++, y++) {
    if (*x != *y) return *x - *y;
  }
  return 0;
}
#endif
