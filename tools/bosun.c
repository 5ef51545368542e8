/* The multicall binary: the applet is chosen by the name it was called by
 * (/command/s6-svc, /init, /run/s6/basedir/bin/halt...), or by the first
 * argument when called as "bosun". */
#include <string.h>
#include <skalibs/buffer.h>
#include <skalibs/strerr.h>
#include "applets.h"

char const *PROG = "bosun" ;

/* sub: a subcommand of "bosun" only (bosun status), with no command
   name of its own in /command, where a generic name would shadow others */
struct applet { char const *name ; applet_main_fn *fn ; char const *usage ; int sub ; } ;

static struct applet const applets[] =
{
#define APPLET(name, fn, usage) { (name), &(fn), (usage), 0 },
#define SUBCOMMAND(name, fn, usage) { (name), &(fn), (usage), 1 },
#include "applets.def"
#undef SUBCOMMAND
#undef APPLET
} ;
#define NAPPLETS (sizeof(applets) / sizeof(applets[0]))

static char const *base_name (char const *path)
{
  char const *slash = strrchr(path, '/') ;
  return slash ? slash + 1 : path ;
}

static struct applet const *find (char const *name, int sub)
{
  for (size_t i = 0 ; i < NAPPLETS ; i++)
    if ((sub || !applets[i].sub) && !strcmp(applets[i].name, name)) return &applets[i] ;
  return 0 ;
}

static int list (void)
{
  buffer_putsnoflush(buffer_1, "bosun: a container init overlay. Commands:\n") ;
  for (size_t i = 0 ; i < NAPPLETS ; i++)
  {
    buffer_putsnoflush(buffer_1, "  ") ;
    buffer_putsnoflush(buffer_1, applets[i].usage) ;
    buffer_putsnoflush(buffer_1, "\n") ;
  }
  return buffer_flush(buffer_1) ? 0 : 111 ;
}

int bosun_main (int argc, char const *const *argv, char const *const *envp)
{
  struct applet const *a ;
  if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
    return list() ;
  a = find(argv[1], 1) ;
  if (!a || a->fn == &bosun_main)
    strerr_dief(100, "unknown command ", argv[1], ": run \"bosun help\" for the list") ;
  if (a->sub && argc == 3 && !strcmp(argv[2], "--help"))
  {
    buffer_putsflush(buffer_1, "usage: ") ;
    buffer_putsflush(buffer_1, a->usage) ;
    return buffer_putsflush(buffer_1, "\n") < 0 ? 111 : 0 ;
  }
  return (*a->fn)(argc - 1, argv + 1, envp) ;
}

int main (int argc, char const *const *argv, char const *const *envp)
{
  char const *name = argc ? base_name(argv[0]) : "bosun" ;
  struct applet const *a = find(name, 0) ;
  /* /init may be renamed (pi-hole runs it as /s6-init): any name that is
     not an applet but ends in "init" is the init. */
  if (!a)
  {
    size_t len = strlen(name) ;
    a = len >= 4 && !strcmp(name + len - 4, "init") ? find("init", 0) : find("bosun", 0) ;
  }
  /* Every applet answers --help, except those whose arguments are a
     command line to run: "docker run IMAGE --help" is the image's business. */
  if (argc == 2 && !strcmp(argv[1], "--help") && strcmp(a->name, "init") && strcmp(a->name, "with-contenv"))
  {
    buffer_putsflush(buffer_1, "usage: ") ;
    buffer_putsflush(buffer_1, a->usage) ;
    return buffer_putsflush(buffer_1, "\n") < 0 ? 111 : 0 ;
  }
  return (*a->fn)(argc, argv, envp) ;
}
