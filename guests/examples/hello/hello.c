/*
 * hello: a picolibc guest. Reads the input as text with getchar, keeps each word in a
 * malloc'd linked list, and printf's a greeting, the words in reverse and a checksum to
 * stdout (the journal). A note goes to stderr. Exit code: the word count mod 256.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct word {
  struct word *next;
  char *text;
};

int main(void) {
  size_t cap = 16, len = 0;
  char *buf = malloc(cap);
  int c;
  while ((c = getchar()) != EOF) {
    if (len + 1 >= cap) {
      cap *= 2;
      buf = realloc(buf, cap);
      if (!buf) return 255;
    }
    buf[len++] = (char)c;
  }
  buf[len] = 0;
  struct word *head = NULL;
  unsigned count = 0;
  unsigned long sum = 0;
  for (char *tok = strtok(buf, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n")) {
    struct word *w = malloc(sizeof *w);
    w->text = strdup(tok);
    w->next = head;
    head = w;
    count++;
    for (char *p = tok; *p; p++) sum = sum * 31 + (unsigned char)*p;
  }
  printf("hello, %s! %u word%s, %zu bytes\n", head ? head->text : "world", count, count == 1 ? "" : "s", len);
  for (struct word *w = head; w; w = w->next) printf("%-12s|%5zu|\n", w->text, strlen(w->text));
  printf("checksum %08lx %ld\n", sum, -(long)(sum % 1000));
  fprintf(stderr, "hello: done\n");
  while (head) {
    struct word *next = head->next;
    free(head->text);
    free(head);
    head = next;
  }
  free(buf);
  return (int)(count & 0xff);
}
