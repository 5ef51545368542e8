# make dist: the release tarballs in $(DIST)/, each with a .sha256 that
# `cd $(DIST) && sha256sum -c NAME.sha256` accepts. packaging/mkdist does the
# work; this file only says when it must run again. Included from the
# top-level Makefile (ARCH, BUILD, DIST; EXECLINE_OUT comes from deps.mk).

DIST_NAMES := bosun-noarch.tar.xz bosun-$(ARCH).tar.xz \
  bosun-symlinks-noarch.tar.xz bosun-symlinks-arch.tar.xz
DIST_FILES := $(DIST_NAMES:%=$(DIST)/%) $(DIST_NAMES:%=$(DIST)/%.sha256)
# every file and directory of the overlay, so that an added file, a removed
# one or a mode change triggers a new noarch tarball
DIST_OVERLAY := $(shell find overlay-rootfs 2>/dev/null)

.PHONY: dist
dist: $(DIST_FILES)

$(DIST_FILES) &: packaging/mkdist $(BUILD)/bosun $(EXECLINE_OUT)/execline \
  $(EXECLINE_OUT)/commands.txt tools/applets.def $(DIST_OVERLAY)
	packaging/mkdist $(ARCH) $(BUILD)/bosun $(EXECLINE_OUT)/execline \
	  $(EXECLINE_OUT)/commands.txt tools/applets.def overlay-rootfs \
	  $(BUILD)/dist-staging $(DIST)
