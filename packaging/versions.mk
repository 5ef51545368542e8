# Pinned third-party sources. Debian's pool is the only source the build uses:
# bumping a version means changing the version, the URL and the checksum here,
# together, after checking the new tarball by hand.

SKALIBS_VERSION := 2.13.1.1
SKALIBS_TARBALL := skalibs_$(SKALIBS_VERSION).orig.tar.gz
SKALIBS_URL := http://deb.debian.org/debian/pool/main/s/skalibs/$(SKALIBS_TARBALL)
SKALIBS_SHA256 := e5821fa3378bf7c19d2a3f55570367236a896964d2166a97b5fd8e01b42940ab

EXECLINE_VERSION := 2.9.6.1
EXECLINE_TARBALL := execline_$(EXECLINE_VERSION).orig.tar.gz
EXECLINE_URL := http://deb.debian.org/debian/pool/main/e/execline/$(EXECLINE_TARBALL)
EXECLINE_SHA256 := e718d73a0fa667f270763776a58213a027cb85dd5db9ad8331fa62b123911b29
