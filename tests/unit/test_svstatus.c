#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "svstatus.h"

/* Written by Debian's s6-supervise 2.11.3.2 for a service brought down
   with s6-svc -d (SIGTERM, finish done, so "ready") and for one that is up
   with pid 0x6c81 and paused (s6-svc -p). */
static char const s6_down[SVSTATUS_SIZE] =
  "\x40\x00\x00\x00\x6b\x04\x56\x36\x34\x2e\x1c\x0e"
  "\x40\x00\x00\x00\x6b\x04\x56\x36\x34\xd9\x28\xff"
  "\x00\x00\x00\x00\x00\x00\x00\x00" "\x00\x0f" "\x08" ;
static char const s6_paused[SVSTATUS_SIZE] =
  "\x40\x00\x00\x00\x6b\x04\x56\x37\x12\xd6\x52\xa3"
  "\x40\x00\x00\x00\x6b\x04\x56\x36\x34\xd9\x28\xff"
  "\x00\x00\x00\x00\x00\x00\x6c\x81" "\x00\x0f" "\x05" ;

TEST(svstatus_unpacks_what_s6_writes)
{
  svstatus st = SVSTATUS_ZERO ;
  svstatus_unpack(s6_down, &st) ;
  CHECK_INT(st.pid, 0) ;
  CHECK_INT(st.wstat, 15) ;
  CHECK_INT(st.flags, SVSTATUS_READY) ;
  CHECK_INT(st.stamp.sec.x, 0x400000006b045636ULL) ;
  CHECK_INT(st.stamp.nano, 0x342e1c0e) ;
  CHECK_INT(st.readystamp.nano, 0x34d928ff) ;
  svstatus_unpack(s6_paused, &st) ;
  CHECK_INT(st.pid, 0x6c81) ;
  CHECK_INT(st.flags, SVSTATUS_PAUSED | SVSTATUS_WANTUP) ;
}

TEST(svstatus_pack_is_the_inverse_of_unpack)
{
  char out[SVSTATUS_SIZE] ;
  svstatus st = SVSTATUS_ZERO ;
  svstatus_unpack(s6_paused, &st) ;
  svstatus_pack(out, &st) ;
  CHECK(!memcmp(out, s6_paused, SVSTATUS_SIZE)) ;
  svstatus_unpack(s6_down, &st) ;
  svstatus_pack(out, &st) ;
  CHECK(!memcmp(out, s6_down, SVSTATUS_SIZE)) ;
}

TEST(svstatus_pack_puts_every_field_in_place)
{
  char out[SVSTATUS_SIZE] ;
  svstatus st = SVSTATUS_ZERO ;
  st.pid = 0x01020304 ;
  st.wstat = 0x0100 ;
  st.flags = SVSTATUS_WANTUP | SVSTATUS_FINISHING ;
  svstatus_pack(out, &st) ;
  CHECK_INT((unsigned char)out[28], 1) ;
  CHECK_INT((unsigned char)out[31], 4) ;
  CHECK_INT((unsigned char)out[32], 1) ;
  CHECK_INT((unsigned char)out[33], 0) ;
  CHECK_INT((unsigned char)out[34], 6) ;
}

TEST(svstatus_write_then_read_and_restarts_file)
{
  char dir[] = "/tmp/bosun-svstatus.XXXXXX" ;
  char fn[64] ;
  svstatus st = SVSTATUS_ZERO, back = SVSTATUS_ZERO ;
  uint64_t n = 0 ;
  CHECK(mkdtemp(dir)) ;
  snprintf(fn, sizeof fn, "%s/supervise", dir) ;
  CHECK(!mkdir(fn, 0700)) ;
  CHECK(!svstatus_read(dir, &back)) ;
  svstatus_unpack(s6_paused, &st) ;
  CHECK(svstatus_write(dir, &st)) ;
  CHECK(svstatus_read(dir, &back)) ;
  CHECK_INT(back.pid, 0x6c81) ;
  CHECK(svstatus_restarts_write(dir, 42)) ;
  CHECK(svstatus_restarts_read(dir, &n)) ;
  CHECK_INT(n, 42) ;
  snprintf(fn, sizeof fn, "%s/supervise/status.new", dir) ;
  CHECK(access(fn, F_OK) < 0) ;
  snprintf(fn, sizeof fn, "rm -rf %s", dir) ;
  CHECK(!system(fn)) ;
}
