#include <skalibs/env.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "s6var.h"

/* Plain digits only, no sign, no blanks, no overflow: "3000" is 3000,
   " 3000", "3s", "-1" and "" are errors. */
int s6var_parse_uint (char const *s, unsigned int *value)
{
  unsigned int u = 0 ;
  if (!*s) return 0 ;
  for (; *s ; s++)
  {
    unsigned int digit = (unsigned char)*s - '0' ;
    if (digit > 9) return 0 ;
    if (u > (~0u - digit) / 10) return 0 ;
    u = u * 10 + digit ;
  }
  *value = u ;
  return 1 ;
}

unsigned int s6var_uint (char const *const *envp, char const *name, unsigned int dflt, unsigned int max)
{
  char const *s = env_get2(envp, name) ;
  unsigned int u ;
  char fmt[UINT_FMT] ;
  if (!s) return dflt ;
  if (!s6var_parse_uint(s, &u))
  {
    fmt[uint_fmt(fmt, dflt)] = 0 ;
    strerr_warnw(name, "=\"", s, "\" is not a plain number, using the default ", fmt, ": set it to digits only") ;
    return dflt ;
  }
  if (u > max)
  {
    fmt[uint_fmt(fmt, max)] = 0 ;
    strerr_warnw(name, "=\"", s, "\" is too large, using the maximum ", fmt) ;
    return max ;
  }
  return u ;
}

/* A flag is set when it is a number other than 0; any other non-empty
   value counts as set too, with a warning, since that is what the image
   author most likely meant. */
int s6var_flag (char const *const *envp, char const *name)
{
  char const *s = env_get2(envp, name) ;
  unsigned int u ;
  if (!s || !*s) return 0 ;
  if (s6var_parse_uint(s, &u)) return !!u ;
  strerr_warnw(name, "=\"", s, "\" is not a number, taking it as set: use 0 or 1") ;
  return 1 ;
}
