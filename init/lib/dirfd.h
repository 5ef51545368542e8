/* Paths that other users may control, touched as root (issue 13, DESIGN.md
   "one way to touch a path"): every lookup is relative to a directory fd
   and never follows a symbolic link at its last component, so a link
   swapped in on a shared volume between a check and a use cannot redirect
   a chmod, chown, write or removal. Every fd returned is close-on-exec. */
#ifndef BOSUN_DIRFD_H
#define BOSUN_DIRFD_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/stat.h>

/* The directory name under at (an fd, or AT_FDCWD): -1 with ELOOP when it
   is a symbolic link, ENOTDIR when it is not a directory. */
int dirfd_open (int at, char const *name) ;

/* Any entry name under at, pinned without opening it (O_PATH): what it is
   now is what fstat says and what the calls below change, whatever the
   name is made to point to afterwards. follow: a link at name is followed
   (the path a user names on purpose) instead of pinned itself. */
int dirfd_pin (int at, char const *name, int follow, struct stat *st) ;

/* The directory that a pinned fd holds, opened for reading it. */
int dirfd_reopen (int pinned) ;

/* Owner and mode of what fd holds (pinned or open); a pinned link only
   changes owner (links have no mode of their own). */
int dirfd_chown (int fd, uid_t uid, gid_t gid) ;
int dirfd_chmod (int fd, mode_t mode) ;

/* mkdirat then dirfd_open: the directory name under at, created with
   exactly mode (umask aside: it is set after) if it did not exist; an
   existing one is opened as it is, unless fresh asks that it be new (then
   -1 with EEXIST). A link in its place is refused (ELOOP). */
int dirfd_make (int at, char const *name, mode_t mode, int fresh) ;

/* dirfd_make of the last component of path, its parent opened as it is
   (the parents of such paths are the image's or bosun's). */
int dirfd_make_path (char const *path, mode_t mode) ;

/* The file name under at, created (mode) or truncated, holding s: -1 with
   ELOOP when a link is in its place. */
int dirfd_write (int at, char const *name, char const *s, size_t len, mode_t mode) ;

/* Removes name under at and, if it is a directory, everything in it;
   links are removed, never followed. 0 when done or absent, -1 with errno
   (depth beyond DIRFD_MAXDEPTH: ELOOP). */
#define DIRFD_MAXDEPTH 64
int dirfd_rmrf (int at, char const *name) ;

#endif
