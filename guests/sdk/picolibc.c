/*
 * picolibc glue for rvstark guests: stdin reads the input stream, stdout is buffered
 * into the journal (fd 1), stderr goes to fd 2, and _exit ends the guest. malloc uses
 * picolibc's sbrk over [__heap_start, __heap_end) from link.ld.
 */
#include <stdio.h>
#include "rvstark.h"

#define RV_OUT_BUF 256

static char out_buf[RV_OUT_BUF];
static size_t out_len;

static int out_flush(FILE *f) {
  (void)f;
  if (out_len) rv_write(1, out_buf, out_len);
  out_len = 0;
  return 0;
}

static int out_put(char c, FILE *f) {
  out_buf[out_len++] = c;
  if (out_len == RV_OUT_BUF) out_flush(f);
  return (unsigned char)c;
}

static int err_put(char c, FILE *f) {
  (void)f;
  rv_write(2, &c, 1);
  return (unsigned char)c;
}

static int in_get(FILE *f) {
  (void)f;
  unsigned char c;
  return rv_read(&c, 1) == 1 ? c : EOF;
}

static FILE rv_stdin = FDEV_SETUP_STREAM(NULL, in_get, NULL, _FDEV_SETUP_READ);
static FILE rv_stdout = FDEV_SETUP_STREAM(out_put, NULL, out_flush, _FDEV_SETUP_WRITE);
static FILE rv_stderr = FDEV_SETUP_STREAM(err_put, NULL, NULL, _FDEV_SETUP_WRITE);

FILE *const stdin = &rv_stdin;
FILE *const stdout = &rv_stdout;
FILE *const stderr = &rv_stderr;

void rv_stdio_flush(void) { out_flush(stdout); }

/* picolibc's exit() runs atexit handlers and then calls _exit. */
void _exit(int code) { rv_exit(code); }
