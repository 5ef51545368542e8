#ifndef BOSUN_LOGSTAMP_H
#define BOSUN_LOGSTAMP_H
/* The two line stamps of the s6-log language [contract 11]: t, TAI64N
   ("@" + 24 hex digits + space) and T, ISO 8601 in local time
   ("YYYY-MM-DD HH:MM:SS.nnnnnnnnn" + two spaces), as s6-log writes them. */
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <skalibs/tai.h>

#define LOGSTAMP_TAI_LEN 26
#define LOGSTAMP_ISO_LEN 31

size_t logstamp_tai (char *s, tain const *now) ;
/* pure: tm and the nanoseconds into s */
size_t logstamp_iso_tm (char *s, struct tm const *tm, uint32_t nano) ;
/* now in local time (TZ applies, as for s6-log); 0 if it cannot be converted */
size_t logstamp_iso (char *s, tain const *now) ;
/* only the nanoseconds of an ISO stamp already in s */
void logstamp_iso_nano (char *s, uint32_t nano) ;

#endif
