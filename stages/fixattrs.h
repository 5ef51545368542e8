/* /etc/fix-attrs.d [B9][F3]: every file, in byte order, dot-files
   skipped; each line changes the owner and mode of a path, and with
   recurse true of everything under it (dot-files only with
   S6_FIX_ATTRS_HIDDEN). Symbolic links met while recursing are never
   followed nor chmod'ed; the path a line names is followed, as s6-overlay
   does. The rc engine's built-in fix-attrs oneshot calls it [B8]. */
#ifndef BOSUN_STAGES_FIXATTRS_H
#define BOSUN_STAGES_FIXATTRS_H

#define FIXATTRS_SUBDIR "fix-attrs.d"

/* Applies every file of dir; returns the number of lines that failed (a
   path that does not exist is a warning, not a failure). */
unsigned int fixattrs_run (char const *dir, int hidden, unsigned int verbosity) ;

/* fixattrs_run on /etc/fix-attrs.d, or on the profile's [F4] */
unsigned int fixattrs_boot (char const *const *envp, int hidden, unsigned int verbosity) ;

#endif
