/* Stamps for t and T. Written digit by digit: this runs for every line,
   and a fixed-width format needs no printf. */
#include <skalibs/djbtime.h>
#include "logstamp.h"

size_t logstamp_tai (char *s, tain const *now)
{
  size_t n = timestamp_fmt(s, now) ;
  s[n++] = ' ' ;
  return n ;
}

static void digits (char *s, unsigned long v, unsigned int width)
{
  while (width--) { s[width] = (char)('0' + v % 10) ; v /= 10 ; }
}

size_t logstamp_iso_tm (char *s, struct tm const *tm, uint32_t nano)
{
  digits(s, (unsigned long)tm->tm_year + 1900UL, 4) ; s[4] = '-' ;
  digits(s + 5, (unsigned long)tm->tm_mon + 1UL, 2) ; s[7] = '-' ;
  digits(s + 8, (unsigned long)tm->tm_mday, 2) ; s[10] = ' ' ;
  digits(s + 11, (unsigned long)tm->tm_hour, 2) ; s[13] = ':' ;
  digits(s + 14, (unsigned long)tm->tm_min, 2) ; s[16] = ':' ;
  digits(s + 17, (unsigned long)tm->tm_sec, 2) ; s[19] = '.' ;
  digits(s + 20, nano % 1000000000UL, 9) ;
  s[29] = ' ' ; s[30] = ' ' ;
  return LOGSTAMP_ISO_LEN ;
}

size_t logstamp_iso (char *s, tain const *now)
{
  struct tm tm ;
  if (!localtm_from_tai(&tm, tain_secp(now), 1)) return 0 ;
  return logstamp_iso_tm(s, &tm, (uint32_t)now->nano) ;
}

void logstamp_iso_nano (char *s, uint32_t nano)
{
  digits(s + 20, nano % 1000000000UL, 9) ;
}
