#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/stralloc.h>
#include "unit.h"
#include "rootpath.h"

static char img[64] ;

static void mk (char const *inside, char const *linkto)
{
  char p[256] ;
  snprintf(p, sizeof(p), "%s%s", img, inside) ;
  if (linkto) { CHECK(symlink(linkto, p) == 0) ; return ; }
  if (inside[strlen(inside) - 1] == '/') { CHECK(mkdir(p, 0755) == 0) ; return ; }
  { FILE *f = fopen(p, "w") ; CHECK(f != 0) ; if (f) fclose(f) ; }
}

static int resolve (char const *path, stralloc *out)
{
  return rootpath_resolve(img, path, out) ;
}

TEST(rootpath_follows_links_inside_the_image_only)
{
  stralloc out = STRALLOC_ZERO ;
  char want[256] ;
  snprintf(img, sizeof(img), "/tmp/bosun-rootpath-XXXXXX") ;
  CHECK(mkdtemp(img) != 0) ;
  mk("/etc/", 0) ; mk("/etc/svc/", 0) ; mk("/scripts/", 0) ; mk("/scripts/web", 0) ;
  mk("/bin/", 0) ; mk("/bin/busybox", 0) ;
  mk("/etc/svc/run", "../../scripts/web") ;       /* relative, from the link's dir */
  mk("/etc/svc/abs", "/scripts/web") ;            /* absolute: inside the image */
  mk("/etc/svc/up", "../../../../../scripts/web") ; /* .. stops at the root */
  mk("/etc/svc/gone", "../../scripts/nothing") ;
  mk("/bin/sh", "busybox") ;
  mk("/etc/svc/loop", "loop") ;
  mk("/etc/svc/host", "/tmp") ;                   /* the host's /tmp is not the image's */
  snprintf(want, sizeof(want), "%s/scripts/web", img) ;
  CHECK_INT(resolve("/etc/svc/run", &out), 1) ; CHECK_STR(out.s, want) ;
  CHECK_INT(resolve("/etc/svc/abs", &out), 1) ; CHECK_STR(out.s, want) ;
  CHECK_INT(resolve("/etc/svc/up", &out), 1) ; CHECK_STR(out.s, want) ;
  CHECK_INT(resolve("/etc//svc/./run", &out), 1) ; CHECK_STR(out.s, want) ;
  CHECK_INT(resolve("/etc/svc/gone", &out), 0) ; CHECK_STR(out.s, "/scripts/nothing") ;
  CHECK_INT(resolve("/etc/svc/loop", &out), 0) ;
  CHECK_INT(resolve("/etc/svc/host", &out), 0) ; CHECK_STR(out.s, "/tmp") ;
  CHECK_INT(resolve("/scripts/web/x", &out), 0) ;
  snprintf(want, sizeof(want), "%s/bin/busybox", img) ;
  CHECK_INT(resolve("/bin/sh", &out), 1) ; CHECK_STR(out.s, want) ;
  CHECK_INT(rootpath_resolve("", "/", &out), 1) ; CHECK_STR(out.s, "/") ;
  CHECK_STR(rootpath_inside(img, want), "/bin/busybox") ;
  CHECK(rootpath_inside(img, "/elsewhere") == 0) ;
  CHECK_STR(rootpath_inside("", "/etc/x"), "/etc/x") ;
  stralloc_free(&out) ;
  {
    char cmd[128] ;
    snprintf(cmd, sizeof(cmd), "rm -rf %s", img) ;
    CHECK(system(cmd) == 0) ;
  }
}
