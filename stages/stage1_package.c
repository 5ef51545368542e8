/* Stage 1, [B8] habit: images that extend s6-overlay copy their additions
   into /package/admin/s6-overlay-VERSION (the version in their Dockerfile)
   and name their scripts through /package/admin/s6-overlay, a link that
   s6-overlay's tarball ships and bosun's cannot: it does not know the
   image's VERSION. When exactly one versioned directory is there and the
   link is not, it is made here. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/strerr.h>
#include "dirlist.h"
#include "paths.h"
#include "stages.h"

#define PACKAGE_LINK "s6-overlay"
#define PACKAGE_PREFIX "s6-overlay-"

/* the one versioned directory's index in dl, or dl->n (none, or several) */
static size_t only_version (int admin, dirlist const *dl)
{
  size_t found = dl->n ;
  for (size_t i = 0 ; i < dl->n ; i++)
  {
    struct stat st ;
    char const *name = dirlist_name(dl, i) ;
    if (strncmp(name, PACKAGE_PREFIX, sizeof(PACKAGE_PREFIX) - 1)) continue ;
    if (fstatat(admin, name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode)) continue ;
    if (found < dl->n) return dl->n ;
    found = i ;
  }
  return found ;
}

void stage1_link_package (void)
{
  dirlist dl = DIRLIST_ZERO ;
  struct stat st ;
  size_t i ;
  int admin = open(BOSUN_PACKAGE_ADMIN, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  if (admin < 0) return ;
  if (fstatat(admin, PACKAGE_LINK, &st, AT_SYMLINK_NOFOLLOW) == 0 || errno != ENOENT
   || !dirlist_read(&dl, BOSUN_PACKAGE_ADMIN)) goto end ;
  i = only_version(admin, &dl) ;
  if (i < dl.n && symlinkat(dirlist_name(&dl, i), admin, PACKAGE_LINK) < 0)
    strerr_warnwu("link " BOSUN_PACKAGE_ADMIN "/" PACKAGE_LINK " to ", dirlist_name(&dl, i), " (", strerror(errno),
      "): scripts named through it will not be found; add it to the image: RUN ln -s ", dirlist_name(&dl, i), " " BOSUN_PACKAGE_ADMIN "/" PACKAGE_LINK) ;
 end:
  dirlist_free(&dl) ;
  close(admin) ;
}
