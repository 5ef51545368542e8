#ifndef BOSUN_APPLETS_H
#define BOSUN_APPLETS_H

typedef int applet_main_fn (int argc, char const *const *argv, char const *const *envp) ;

#define APPLET(name, fn, usage) applet_main_fn fn ;
#define SUBCOMMAND(name, fn, usage) applet_main_fn fn ;
#include "applets.def"
#undef SUBCOMMAND
#undef APPLET

#endif
