/*
 * modexp: a multiply/divide-heavy bignum workload. Input: base, exponent and modulus,
 * each 32 bytes little-endian (missing bytes are zero). Commits base^exp mod m as 32
 * bytes LE; exit code 1 if m == 0. Reduction is Knuth's algorithm D on 32-bit limbs
 * (after Hacker's Delight divmnu), so it exercises MUL/MULHU/DIVU/REMU.
 */
#include "rvstark.h"

#define L 8

static int nlz(uint32_t x) { return x == 0 ? 32 : __builtin_clz(x); }

/* r[0..n) = u[0..m) mod v[0..n); requires m >= n >= 1 and v[n-1] != 0. */
static void modn(uint32_t *r, const uint32_t *u, const uint32_t *v, int m, int n) {
  const uint64_t b = 4294967296ULL;
  if (n == 1) {
    uint64_t k = 0;
    for (int j = m - 1; j >= 0; j--) k = ((k << 32) | u[j]) % v[0];
    r[0] = (uint32_t)k;
    return;
  }
  uint32_t un[2 * L + 1], vn[L];
  int s = nlz(v[n - 1]);
  for (int i = n - 1; i > 0; i--) vn[i] = (v[i] << s) | (uint32_t)((uint64_t)v[i - 1] >> (32 - s));
  vn[0] = v[0] << s;
  un[m] = (uint32_t)((uint64_t)u[m - 1] >> (32 - s));
  for (int i = m - 1; i > 0; i--) un[i] = (u[i] << s) | (uint32_t)((uint64_t)u[i - 1] >> (32 - s));
  un[0] = u[0] << s;
  for (int j = m - n; j >= 0; j--) {
    uint64_t num = ((uint64_t)un[j + n] << 32) | un[j + n - 1];
    uint64_t qhat = num / vn[n - 1];
    uint64_t rhat = num - qhat * vn[n - 1];
    while (qhat >= b || qhat * vn[n - 2] > ((rhat << 32) | un[j + n - 2])) {
      qhat--;
      rhat += vn[n - 1];
      if (rhat >= b) break;
    }
    int64_t k = 0, t;
    for (int i = 0; i < n; i++) {
      uint64_t p = qhat * vn[i];
      t = (int64_t)un[i + j] - k - (int64_t)(p & 0xffffffffULL);
      un[i + j] = (uint32_t)t;
      k = (int64_t)(p >> 32) - (t >> 32);
    }
    t = (int64_t)un[j + n] - k;
    un[j + n] = (uint32_t)t;
    if (t < 0) {
      uint64_t c = 0;
      for (int i = 0; i < n; i++) {
        uint64_t sum = (uint64_t)un[i + j] + vn[i] + c;
        un[i + j] = (uint32_t)sum;
        c = sum >> 32;
      }
      un[j + n] += (uint32_t)c;
    }
  }
  for (int i = 0; i < n - 1; i++) r[i] = (un[i] >> s) | (uint32_t)((uint64_t)un[i + 1] << (32 - s));
  r[n - 1] = un[n - 1] >> s;
}

/* r = a * b mod m, all L limbs (high limbs of r beyond n are zero). */
static void mulmod(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m, int n) {
  uint32_t p[2 * L] = {0};
  for (int i = 0; i < L; i++) {
    uint64_t c = 0;
    for (int j = 0; j < L; j++) {
      uint64_t t = (uint64_t)a[i] * b[j] + p[i + j] + c;
      p[i + j] = (uint32_t)t;
      c = t >> 32;
    }
    p[i + L] = (uint32_t)c;
  }
  uint32_t rem[L] = {0};
  modn(rem, p, m, 2 * L, n);
  for (int i = 0; i < L; i++) r[i] = rem[i];
}

int main(void) {
  uint32_t in[3 * L] = {0};
  rv_read_exact(in, sizeof in);
  const uint32_t *base = in, *exp = in + L, *mod = in + 2 * L;
  int n = L;
  while (n > 0 && mod[n - 1] == 0) n--;
  if (n == 0) return 1;
  uint32_t x[L] = {0}, r[L] = {0};
  modn(x, base, mod, L, n);
  r[0] = 1;
  modn(r, r, mod, L, n); /* 1 mod m, which is 0 when m == 1 */
  for (int i = L * 32 - 1; i >= 0; i--) {
    mulmod(r, r, r, mod, n);
    if ((exp[i / 32] >> (i % 32)) & 1) mulmod(r, r, x, mod, n);
  }
  rv_commit(r, sizeof r);
  return 0;
}
