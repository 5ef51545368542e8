/* Minimal unit-test framework: each TEST registers itself at load time;
 * tests/unit/runner.c runs each one in its own child so that a crash is a
 * failure of that test only, and ends with "N passed, N failed". */
#ifndef BOSUN_UNIT_H
#define BOSUN_UNIT_H

#include <stdio.h>
#include <string.h>

typedef void unit_fn(void);
void unit_register(char const *name, unit_fn *fn);
void unit_fail(char const *file, int line, char const *what);
/* reads fd to its end (or max - 1 bytes) into buf, NUL-terminated; the length */
size_t unit_read_all(int fd, char *buf, size_t max);

#define TEST(name) \
  static void name(void); \
  __attribute__((constructor)) static void unit_reg_##name(void) { unit_register(#name, &name); } \
  static void name(void)

#define CHECK(cond) do { if (!(cond)) unit_fail(__FILE__, __LINE__, #cond); } while (0)
#define CHECK_INT(a, b) do { long long unit_a_ = (a), unit_b_ = (b); \
  if (unit_a_ != unit_b_) { char unit_m_[256]; \
    snprintf(unit_m_, sizeof unit_m_, "%s == %s (%lld != %lld)", #a, #b, unit_a_, unit_b_); \
    unit_fail(__FILE__, __LINE__, unit_m_); } } while (0)
#define CHECK_STR(a, b) do { char const *unit_a_ = (a), *unit_b_ = (b); \
  if (!unit_a_ || strcmp(unit_a_, unit_b_)) { char unit_m_[512]; \
    snprintf(unit_m_, sizeof unit_m_, "%s == \"%s\" (got \"%s\")", #a, unit_b_, unit_a_ ? unit_a_ : "(null)"); \
    unit_fail(__FILE__, __LINE__, unit_m_); } } while (0)

#endif
