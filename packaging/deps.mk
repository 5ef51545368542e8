# Third-party dependencies, built from Debian's pinned source tarballs
# (packaging/versions.mk) with the target's musl compiler:
#   skalibs  -> $(DEPS)/lib/libskarnet.a + headers + sysdeps, static only
#   compat   -> packaging/compat (the skalibs 2.14 API execline needs) added
#               into libskarnet.a and $(DEPS)/include/skalibs
#   execline -> $(DEPS)/lib/libexecline.a + headers, and the stripped
#               multicall binary $(BUILD)/execline/execline with the list of
#               its command names in $(BUILD)/execline/commands.txt
# Every step ends in a stamp file so that a finished `make deps` does nothing.
# Included from the top-level Makefile, which defines ARCH, BUILD, DEPS,
# CACHE, CC, CROSS, TARGET, STRIP and CFLAGS.

# Cross builds (CROSS and TARGET from the top-level Makefile): skalibs and
# execline are configured for TARGET and would look for TARGET-ar and
# friends, which do not exist, so the GNU cross binutils are passed to their
# make; skalibs cannot probe /dev/urandom on a target it does not run.
DEPS_CONFIGURE := $(if $(TARGET),--target=$(TARGET) --with-sysdep-devurandom=yes)
DEPS_AR := $(CROSS)ar
DEPS_MAKEVARS := $(if $(CROSS),AR=$(CROSS)ar RANLIB=$(CROSS)ranlib STRIP=$(CROSS)strip)

DEPS_SRC := $(BUILD)/src
SKALIBS_SRC := $(DEPS_SRC)/skalibs-$(SKALIBS_VERSION)
EXECLINE_SRC := $(DEPS_SRC)/execline-$(EXECLINE_VERSION)
EXECLINE_OUT := $(BUILD)/execline
# configure scripts and DESTDIR need absolute paths: they run in the source trees
DEPS_ABS := $(abspath $(DEPS))

COMPAT_DIR := packaging/compat
COMPAT_SRC := $(sort $(wildcard $(COMPAT_DIR)/*.c))
COMPAT_HDR := $(sort $(wildcard $(COMPAT_DIR)/include/skalibs/*.h))
# prefixed so that the archive members cannot replace one of skalibs' own
COMPAT_OBJ := $(COMPAT_SRC:$(COMPAT_DIR)/%.c=$(BUILD)/compat/bosun_compat_%.o)
COMPAT_PATCH := packaging/patches/skalibs-$(SKALIBS_VERSION)-stddjb-compat.patch
EXECLINE_PATCHES := $(sort $(wildcard packaging/patches/execline-$(EXECLINE_VERSION)-*.patch))

.PHONY: deps execline
deps: $(DEPS)/.built
execline: $(EXECLINE_OUT)/execline

# --- sources: download once into the cache, checksum always ---------------

$(CACHE)/$(SKALIBS_TARBALL): | prereqs
	packaging/fetch $(SKALIBS_URL) $(SKALIBS_SHA256) $@

$(CACHE)/$(EXECLINE_TARBALL): | prereqs
	packaging/fetch $(EXECLINE_URL) $(EXECLINE_SHA256) $@

# The sum is checked again before unpacking: the cache outlives builds.
$(SKALIBS_SRC)/.unpacked: $(CACHE)/$(SKALIBS_TARBALL)
	packaging/fetch $(SKALIBS_URL) $(SKALIBS_SHA256) $<
	rm -rf $(SKALIBS_SRC)
	mkdir -p $(DEPS_SRC)
	tar -xzf $< -C $(DEPS_SRC)
	touch $@

$(EXECLINE_SRC)/.unpacked: $(CACHE)/$(EXECLINE_TARBALL) $(EXECLINE_PATCHES)
	packaging/fetch $(EXECLINE_URL) $(EXECLINE_SHA256) $<
	rm -rf $(EXECLINE_SRC)
	mkdir -p $(DEPS_SRC)
	tar -xzf $< -C $(DEPS_SRC)
	for p in $(EXECLINE_PATCHES); do patch -s -p1 -d $(EXECLINE_SRC) < $$p || exit 1; done
	touch $@

# --- skalibs ----------------------------------------------------------------

$(DEPS)/.skalibs: $(SKALIBS_SRC)/.unpacked
	rm -rf $(DEPS)
	cd $(SKALIBS_SRC) && CC=$(CC) ./configure $(DEPS_CONFIGURE) \
	  --disable-shared --enable-static --prefix=/ --libdir=/lib \
	  --includedir=/include --sysdepdir=/sysdeps --datadir=/etc
	$(MAKE) -C $(SKALIBS_SRC) $(DEPS_MAKEVARS)
	$(MAKE) -C $(SKALIBS_SRC) $(DEPS_MAKEVARS) install DESTDIR=$(DEPS_ABS)
	touch $@

# --- compat layer -------------------------------------------------------------

$(BUILD)/compat/bosun_compat_%.o: $(COMPAT_DIR)/%.c $(COMPAT_HDR) $(DEPS)/.skalibs
	@mkdir -p $(@D)
	$(CC) -I$(COMPAT_DIR)/include -I$(DEPS)/include $(CFLAGS) -c -o $@ $<

# Re-installs the pristine stddjb.h before patching it, so that this rule can
# run again (after a compat change) without a rebuild of skalibs.
$(DEPS)/.compat: $(DEPS)/.skalibs $(COMPAT_OBJ) $(COMPAT_HDR) $(COMPAT_PATCH)
	cp -f $(COMPAT_HDR) $(DEPS)/include/skalibs/
	cp -f $(SKALIBS_SRC)/src/include/skalibs/stddjb.h $(DEPS)/include/skalibs/stddjb.h
	patch -s -p1 -d $(DEPS)/include < $(COMPAT_PATCH)
	$(DEPS_AR) rs $(DEPS)/lib/libskarnet.a $(COMPAT_OBJ)
	touch $@

# --- execline -------------------------------------------------------------------

# Only the library and headers are installed from execline's own Makefile:
# its install-bin/install-symlinks would write into / (the tarballs carry the
# command names instead, from commands.txt).
$(DEPS)/.execline: $(EXECLINE_SRC)/.unpacked $(DEPS)/.compat
	cd $(EXECLINE_SRC) && CC=$(CC) ./configure $(DEPS_CONFIGURE) \
	  --enable-multicall --enable-static-libc --disable-shared \
	  --prefix=/ --libdir=/lib --includedir=/include --bindir=/bin \
	  --with-sysdeps=$(DEPS_ABS)/sysdeps --with-include=$(DEPS_ABS)/include \
	  --with-lib=$(DEPS_ABS)/lib
	$(MAKE) -C $(EXECLINE_SRC) $(DEPS_MAKEVARS)
	$(MAKE) -C $(EXECLINE_SRC) $(DEPS_MAKEVARS) install-lib install-include DESTDIR=$(DEPS_ABS)
	touch $@

# The command names come from the dispatch table of execline's generated
# multicall source, i.e. exactly the names the binary answers to; "execline"
# itself is left out since it is the binary, not a link to it.
$(EXECLINE_OUT)/execline $(EXECLINE_OUT)/commands.txt &: $(DEPS)/.execline
	@mkdir -p $(EXECLINE_OUT)
	sed -n 's/^ *{ \.name = "\([^"]*\)".*/\1/p' $(EXECLINE_SRC)/src/multicall/execline.c \
	  | grep -vx execline | LC_ALL=C sort > $(EXECLINE_OUT)/commands.txt.tmp
	test -s $(EXECLINE_OUT)/commands.txt.tmp
	mv -f $(EXECLINE_OUT)/commands.txt.tmp $(EXECLINE_OUT)/commands.txt
	cp -f $(EXECLINE_SRC)/execline $(EXECLINE_OUT)/execline.tmp
	$(STRIP) $(EXECLINE_OUT)/execline.tmp
	mv -f $(EXECLINE_OUT)/execline.tmp $(EXECLINE_OUT)/execline

$(DEPS)/.built: $(DEPS)/.skalibs $(DEPS)/.compat $(DEPS)/.execline \
  $(EXECLINE_OUT)/execline $(EXECLINE_OUT)/commands.txt
	touch $@
