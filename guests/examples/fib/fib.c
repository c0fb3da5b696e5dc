/* fib: reads n (u32 little-endian; 0 if no input) and commits fib(n) mod 2^32 as u32 LE. */
#include "rvstark.h"

int main(void) {
  uint32_t n = 0;
  rv_read_exact(&n, sizeof n);
  uint32_t a = 0, b = 1;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t t = a + b;
    a = b;
    b = t;
  }
  rv_commit(&a, sizeof a);
  return 0;
}
