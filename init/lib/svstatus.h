/* The supervisor's status file, supervise/status, in s6 2.11's layout so
   that s6's own s6-svstat reads bosun's tree and bosun's reads s6's [V3].
   35 bytes, all big-endian (checked with xxd against Debian's s6 2.11.3.2):
     0..11   stamp: TAI64N of the last change (spawn or death)
     12..23  readystamp: TAI64N of the last readiness (or of "down and
             finished" while down)
     24..31  pid of ./run, 0 while down
     32..33  wait status of the last death
     34      flags: 1 paused, 2 finishing, 4 wanted up, 8 ready
   Beside it, bosun writes supervise/bosun-restarts (decimal count of spawns
   after the first) for `bosun status`; s6's tools ignore it. */
#ifndef BOSUN_SVSTATUS_H
#define BOSUN_SVSTATUS_H

#include <stdint.h>
#include <skalibs/tai.h>

#define SVSTATUS_SIZE 35
#define SVSTATUS_FILE "supervise/status"
#define SVSTATUS_RESTARTS_FILE "supervise/bosun-restarts"

#define SVSTATUS_PAUSED 0x01
#define SVSTATUS_FINISHING 0x02
#define SVSTATUS_WANTUP 0x04
#define SVSTATUS_READY 0x08

typedef struct svstatus_s svstatus ;
struct svstatus_s
{
  tain stamp ;
  tain readystamp ;
  uint64_t pid ;
  uint16_t wstat ;
  unsigned char flags ;
} ;
#define SVSTATUS_ZERO { .stamp = TAIN_ZERO, .readystamp = TAIN_ZERO, .pid = 0, .wstat = 0, .flags = 0 }

void svstatus_pack (char *s, svstatus const *st) ;
void svstatus_unpack (char const *s, svstatus *st) ;

/* dir is the service directory; both return 1 on success, 0 with errno set */
int svstatus_read (char const *dir, svstatus *st) ;
int svstatus_write (char const *dir, svstatus const *st) ;

int svstatus_restarts_read (char const *dir, uint64_t *n) ;
int svstatus_restarts_write (char const *dir, uint64_t n) ;

#endif
