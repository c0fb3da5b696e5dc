/*
 * sort: reads little-endian i32 values (the input length / 4 of them, at most 65536),
 * sorts them with a bottom-up merge sort and commits the sorted array. Exit code 1 if
 * the input is longer than the buffer.
 */
#include "rvstark.h"

#define MAX_N 65536
static int32_t a[MAX_N], tmp[MAX_N];

int main(void) {
  size_t bytes = rv_read_exact(a, sizeof a);
  uint8_t extra;
  if (bytes == sizeof a && rv_read(&extra, 1) == 1) return 1;
  size_t n = bytes / 4;
  int32_t *src = a, *dst = tmp;
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n;
      size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) dst[k++] = src[j] < src[i] ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    int32_t *t = src;
    src = dst;
    dst = t;
  }
  rv_commit(src, n * 4);
  return 0;
}
